package cn.lianmeng.org.transfer;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

public final class TransferRequests {

    private TransferRequests() {
    }

    /**
     * @param toEnterpriseId the member's employer at the receiving side, for joint or affiliated receiving organisations
     *                       (a single-establishment organisation's employer is its own enterprise)
     */
    public record Request(
            @NotBlank(message = "不能为空") @Size(max = 64, message = "过长") String memberId,
            @NotBlank(message = "不能为空") @Size(max = 64, message = "过长") String toOrgId,
            @Size(max = 64, message = "过长") String toEnterpriseId,
            @Size(max = 200, message = "不能超过 200 字") String note) {
    }

    public record Reject(@NotBlank(message = "不能为空") @Size(max = 200, message = "不能超过 200 字") String reason) {
    }

    public record Cancel(@Size(max = 200, message = "不能超过 200 字") String reason) {
    }
}
