package cn.lianmeng.org.enterprise;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Request bodies of the enterprise API. The alliance always comes from the caller's token, never from the body. */
public final class EnterpriseRequests {

    private EnterpriseRequests() {
    }

    public record Register(
            @NotBlank(message = "不能为空") @Size(max = 100, message = "不能超过 100 字") String name,
            @NotBlank(message = "不能为空") String creditCode,
            @NotBlank(message = "不能为空") @Size(max = 30, message = "不能超过 30 字") String district,
            @NotBlank(message = "不能为空") @Size(max = 30, message = "不能超过 30 字") String street,
            @Size(max = 30, message = "不能超过 30 字") String community,
            @NotBlank(message = "不能为空") @Size(max = 50, message = "不能超过 50 字") String industry,
            @NotNull(message = "不能为空") @Min(value = 0, message = "不能为负数") @Max(value = 10_000_000, message = "过大") Integer staffCount,
            @NotBlank(message = "不能为空") String type,
            @Size(max = 64, message = "过长") String parkId,
            @Size(max = 64, message = "过长") String buildingId,
            @Size(max = 30, message = "不能超过 30 字") String contactName,
            @Pattern(regexp = "1\\d{10}|0\\d{2,3}-?\\d{7,8}", message = "须为手机号或固定电话") String contactPhone,
            @Min(value = 0, message = "不能为负数") Integer partyMemberCount,
            @Pattern(regexp = "[A-Za-z0-9._-]{3,64}", message = "须为 3–64 位字母、数字或 . _ -") String adminUsername) {
    }

    public record Update(
            @NotNull(message = "不能为空（用于并发控制）") Long version,
            @NotBlank(message = "不能为空") @Size(max = 100, message = "不能超过 100 字") String name,
            @NotBlank(message = "不能为空") @Size(max = 30, message = "不能超过 30 字") String district,
            @NotBlank(message = "不能为空") @Size(max = 30, message = "不能超过 30 字") String street,
            @Size(max = 30, message = "不能超过 30 字") String community,
            @NotBlank(message = "不能为空") @Size(max = 50, message = "不能超过 50 字") String industry,
            @NotNull(message = "不能为空") @Min(value = 0, message = "不能为负数") @Max(value = 10_000_000, message = "过大") Integer staffCount,
            @NotBlank(message = "不能为空") String type,
            @Size(max = 64, message = "过长") String parkId,
            @Size(max = 64, message = "过长") String buildingId,
            @Size(max = 30, message = "不能超过 30 字") String contactName,
            @Pattern(regexp = "1\\d{10}|0\\d{2,3}-?\\d{7,8}", message = "须为手机号或固定电话") String contactPhone,
            @Min(value = 0, message = "不能为负数") Integer partyMemberCount) {
    }

    public record StatusChange(@NotBlank(message = "不能为空") @Size(max = 200, message = "不能超过 200 字") String reason) {
    }
}
