package cn.lianmeng.org.region;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Request bodies of the region, park and building API. The alliance comes from the caller's token; only the platform
 * administrator, whose token names no alliance, states it with {@code allianceId} (ignored for everyone else).
 * Updates replace every editable field (a field left out is cleared) and carry the {@code version} they read.
 */
public final class LocationRequests {

    private LocationRequests() {
    }

    public record NewRegion(
            @NotNull(message = "不能为空，须为 DISTRICT、STREET 或 COMMUNITY") RegionLevel level,
            @NotBlank(message = "不能为空") @Size(max = 50, message = "不能超过 50 字") String name,
            @Size(max = 64, message = "过长") String parentId,
            @Pattern(regexp = "[0-9A-Za-z-]{1,20}", message = "须为 1–20 位数字、字母或连字符") String code,
            @Valid GeoPoint location,
            @Size(max = 64, message = "过长") String allianceId) {
    }

    public record UpdateRegion(
            @NotNull(message = "不能为空（用于并发控制）") Long version,
            @NotBlank(message = "不能为空") @Size(max = 50, message = "不能超过 50 字") String name,
            @Pattern(regexp = "[0-9A-Za-z-]{1,20}", message = "须为 1–20 位数字、字母或连字符") String code,
            @Valid GeoPoint location) {
    }

    public record NewPark(
            @NotBlank(message = "不能为空") @Size(max = 100, message = "不能超过 100 字") String name,
            @Size(max = 64, message = "过长") String districtId,
            @Size(max = 64, message = "过长") String streetId,
            @Size(max = 200, message = "不能超过 200 字") String address,
            @Valid GeoPoint location,
            @Size(max = 64, message = "过长") String allianceId) {
    }

    public record UpdatePark(
            @NotNull(message = "不能为空（用于并发控制）") Long version,
            @NotBlank(message = "不能为空") @Size(max = 100, message = "不能超过 100 字") String name,
            @Size(max = 64, message = "过长") String districtId,
            @Size(max = 64, message = "过长") String streetId,
            @Size(max = 200, message = "不能超过 200 字") String address,
            @Valid GeoPoint location) {
    }

    public record NewBuilding(
            @NotBlank(message = "不能为空") @Size(max = 100, message = "不能超过 100 字") String name,
            @Size(max = 64, message = "过长") String parkId,
            @Size(max = 64, message = "过长") String districtId,
            @Size(max = 64, message = "过长") String streetId,
            @Size(max = 200, message = "不能超过 200 字") String address,
            @Valid GeoPoint location,
            @Size(max = 64, message = "过长") String allianceId) {
    }

    public record UpdateBuilding(
            @NotNull(message = "不能为空（用于并发控制）") Long version,
            @NotBlank(message = "不能为空") @Size(max = 100, message = "不能超过 100 字") String name,
            @Size(max = 64, message = "过长") String parkId,
            @Size(max = 64, message = "过长") String districtId,
            @Size(max = 64, message = "过长") String streetId,
            @Size(max = 200, message = "不能超过 200 字") String address,
            @Valid GeoPoint location) {
    }
}
