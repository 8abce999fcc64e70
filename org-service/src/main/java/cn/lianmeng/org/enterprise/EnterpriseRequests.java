package cn.lianmeng.org.enterprise;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Request bodies of the enterprise API. The alliance always comes from the caller's token, never from the body.
 * Locations are given by name (区 → 街道 → 社区, 园区, 楼宇) and resolved against the alliance's regions, parks and
 * buildings; a park or building may instead be given by id ({@code parkId}, {@code buildingId}), or both (they must
 * agree). The enterprise stores both ids and names.
 */
public final class EnterpriseRequests {

    /** Mobile (11 digits starting with 1) or landline with area code. */
    public static final String PHONE = "1\\d{10}|0\\d{2,3}-?\\d{7,8}";
    public static final int MAX_STAFF = 10_000_000;

    private EnterpriseRequests() {
    }

    public record Register(
            @NotBlank(message = "不能为空") @Size(max = 100, message = "不能超过 100 字") String name,
            @NotBlank(message = "不能为空") String creditCode,
            @NotBlank(message = "不能为空") @Size(max = 30, message = "不能超过 30 字") String district,
            @NotBlank(message = "不能为空") @Size(max = 30, message = "不能超过 30 字") String street,
            @Size(max = 30, message = "不能超过 30 字") String community,
            @NotBlank(message = "不能为空") @Size(max = 50, message = "不能超过 50 字") String industry,
            @NotNull(message = "不能为空") @Min(value = 0, message = "不能为负数") @Max(value = MAX_STAFF, message = "过大") Integer staffCount,
            @NotBlank(message = "不能为空") String type,
            @Size(max = 100, message = "不能超过 100 字") String park,
            @Size(max = 100, message = "不能超过 100 字") String building,
            @Size(max = 30, message = "不能超过 30 字") String contactName,
            @Pattern(regexp = PHONE, message = "须为手机号或固定电话") String contactPhone,
            @Min(value = 0, message = "不能为负数") Integer partyMemberCount,
            @Pattern(regexp = "[A-Za-z0-9._-]{3,64}", message = "须为 3–64 位字母、数字或 . _ -") String adminUsername,
            String operatingStatus,
            @Size(max = 64, message = "过长") String parkId,
            @Size(max = 64, message = "过长") String buildingId) {

        /** The first slice's shape (no operating status: OPERATING; park and building by name). */
        public Register(String name, String creditCode, String district, String street, String community, String industry,
                        Integer staffCount, String type, String park, String building, String contactName, String contactPhone,
                        Integer partyMemberCount, String adminUsername) {
            this(name, creditCode, district, street, community, industry, staffCount, type, park, building, contactName,
                    contactPhone, partyMemberCount, adminUsername, null, null, null);
        }

        public Register(String name, String creditCode, String district, String street, String community, String industry,
                        Integer staffCount, String type, String park, String building, String contactName, String contactPhone,
                        Integer partyMemberCount, String adminUsername, String operatingStatus) {
            this(name, creditCode, district, street, community, industry, staffCount, type, park, building, contactName,
                    contactPhone, partyMemberCount, adminUsername, operatingStatus, null, null);
        }
    }

    public record Update(
            @NotNull(message = "不能为空（用于并发控制）") Long version,
            @NotBlank(message = "不能为空") @Size(max = 100, message = "不能超过 100 字") String name,
            @NotBlank(message = "不能为空") @Size(max = 30, message = "不能超过 30 字") String district,
            @NotBlank(message = "不能为空") @Size(max = 30, message = "不能超过 30 字") String street,
            @Size(max = 30, message = "不能超过 30 字") String community,
            @NotBlank(message = "不能为空") @Size(max = 50, message = "不能超过 50 字") String industry,
            @NotNull(message = "不能为空") @Min(value = 0, message = "不能为负数") @Max(value = MAX_STAFF, message = "过大") Integer staffCount,
            @NotBlank(message = "不能为空") String type,
            @Size(max = 100, message = "不能超过 100 字") String park,
            @Size(max = 100, message = "不能超过 100 字") String building,
            @Size(max = 30, message = "不能超过 30 字") String contactName,
            @Pattern(regexp = PHONE, message = "须为手机号或固定电话") String contactPhone,
            @Min(value = 0, message = "不能为负数") Integer partyMemberCount,
            String operatingStatus,
            @Size(max = 64, message = "过长") String parkId,
            @Size(max = 64, message = "过长") String buildingId) {
    }

    public record StatusChange(@NotBlank(message = "不能为空") @Size(max = 200, message = "不能超过 200 字") String reason) {
    }

    public record AssignInstructor(
            @NotBlank(message = "不能为空") @Size(max = 64, message = "过长") String accountId,
            @NotNull(message = "不能为空（用于并发控制）") Long version) {
    }

    public record IssueAdminAccount(
            @Pattern(regexp = "[A-Za-z0-9._-]{3,64}", message = "须为 3–64 位字母、数字或 . _ -") String adminUsername) {
    }
}
