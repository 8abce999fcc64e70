package cn.lianmeng.org.ledger;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Request bodies of the ledger API. The visitor, author and alliance always come from the token. */
public final class LedgerRequests {

    private LedgerRequests() {
    }

    /**
     * A visit (走访) or guidance (指导) to an enterprise.
     *
     * @param date yyyy-MM-dd, not in the future
     * @param kind VISIT (走访, default) or GUIDANCE (指导)
     */
    public record NewVisit(
            @NotBlank(message = "不能为空") String date,
            String kind,
            @NotBlank(message = "不能为空") @Size(max = 200, message = "不能超过 200 字") String purpose,
            @Size(max = 2000, message = "不能超过 2000 字") String notes,
            @Size(max = 1000, message = "不能超过 1000 字") String followUp) {
    }

    /**
     * A task (清单化管理).
     *
     * @param ownerId      an ALLIANCE_ADMIN or DISTRICT_STAFF account of the alliance; default: the caller
     * @param enterpriseId optional for alliance administrators, required for district staff (an enterprise of their patch)
     * @param deadline     yyyy-MM-dd
     */
    public record NewTask(
            @NotBlank(message = "不能为空") @Size(max = 100, message = "不能超过 100 字") String title,
            @Size(max = 2000, message = "不能超过 2000 字") String description,
            String ownerId,
            String enterpriseId,
            @NotBlank(message = "不能为空") String deadline) {
    }

    public record UpdateTask(
            @NotNull(message = "不能为空（用于并发控制）") Long version,
            @NotBlank(message = "不能为空") @Size(max = 100, message = "不能超过 100 字") String title,
            @Size(max = 2000, message = "不能超过 2000 字") String description,
            @NotBlank(message = "不能为空") String ownerId,
            String enterpriseId,
            @NotBlank(message = "不能为空") String deadline) {
    }

    public record Progress(@NotBlank(message = "不能为空") @Size(max = 1000, message = "不能超过 1000 字") String note) {
    }

    /** @param version optional: when given, the task must still be at this version */
    public record Complete(@Size(max = 1000, message = "不能超过 1000 字") String note, Long version) {
    }
}
