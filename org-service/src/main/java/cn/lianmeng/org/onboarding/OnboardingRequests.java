package cn.lianmeng.org.onboarding;

import cn.lianmeng.org.enterprise.EnterpriseRequests;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Request bodies of the onboarding API. */
public final class OnboardingRequests {

    private OnboardingRequests() {
    }

    /**
     * An application (入盟申请). Anonymous applicants name the alliance by its public code; an alliance administrator
     * entering one for an invited enterprise needs no code (their token names the alliance).
     */
    public record Apply(
            @Size(max = 64, message = "过长") String allianceCode,
            @NotBlank(message = "不能为空") @Size(max = 100, message = "不能超过 100 字") String enterpriseName,
            @NotBlank(message = "不能为空") String creditCode,
            @NotBlank(message = "不能为空") String type,
            @NotBlank(message = "不能为空") @Size(max = 50, message = "不能超过 50 字") String industry,
            @NotNull(message = "不能为空") @Min(value = 0, message = "不能为负数") @Max(value = EnterpriseRequests.MAX_STAFF, message = "过大") Integer staffCount,
            @NotBlank(message = "不能为空") @Size(max = 30, message = "不能超过 30 字") String district,
            @NotBlank(message = "不能为空") @Size(max = 30, message = "不能超过 30 字") String street,
            @Size(max = 30, message = "不能超过 30 字") String community,
            @Size(max = 100, message = "不能超过 100 字") String park,
            @Size(max = 100, message = "不能超过 100 字") String building,
            @Min(value = 0, message = "不能为负数") Integer partyMemberCount,
            @NotBlank(message = "不能为空") @Size(max = 30, message = "不能超过 30 字") String contactName,
            @NotBlank(message = "不能为空") @Pattern(regexp = EnterpriseRequests.PHONE, message = "须为手机号或固定电话") String contactPhone,
            @Size(max = 500, message = "不能超过 500 字") String note) {
    }

    public record Approve(
            @NotNull(message = "不能为空（用于并发控制）") Long version,
            @Pattern(regexp = "[A-Za-z0-9._-]{3,64}", message = "须为 3–64 位字母、数字或 . _ -") String adminUsername) {
    }

    public record Reject(
            @NotNull(message = "不能为空（用于并发控制）") Long version,
            @NotBlank(message = "驳回须说明原因") @Size(max = 200, message = "不能超过 200 字") String reason) {
    }
}
