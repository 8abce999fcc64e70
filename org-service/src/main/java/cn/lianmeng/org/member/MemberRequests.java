package cn.lianmeng.org.member;

import java.time.LocalDate;
import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Request bodies of the member API. The alliance and tenant come from the token and the organisation, never from the
 * body. Domain rules (ID number, dates, status, flags) are checked by {@link MemberRules}, shared with the import.
 */
public final class MemberRequests {

    private MemberRequests() {
    }

    public record Create(
            @Size(max = 50, message = "不能超过 50 字") String name,
            String gender,
            LocalDate birthDate,
            @Size(max = 32, message = "过长") String idNumber,
            @Size(max = 32, message = "过长") String phone,
            LocalDate joinDate,
            String status,
            LocalDate probationEndDate,
            @Size(max = 2, message = "最多两个标记") List<String> flags,
            LocalDate mobileSince,
            @NotBlank(message = "不能为空") @Size(max = 64, message = "过长") String orgId,
            @Size(max = 64, message = "过长") String enterpriseId,
            @Pattern(regexp = "[A-Za-z0-9._-]{3,64}", message = "须为 3–64 位字母、数字或 . _ -") String username) {

        MemberRules.Input input() {
            return new MemberRules.Input(name, gender, birthDate, idNumber, phone, joinDate, status, probationEndDate, flags, mobileSince);
        }
    }

    /**
     * Full replacement of the editable fields. {@code idNumber} null keeps the stored number (administrators see it
     * masked and need not reveal it to edit other fields); {@code enterpriseId} null keeps the employer. The
     * organisation changes only through a transfer.
     */
    public record Update(
            @NotNull(message = "不能为空（用于并发控制）") Long version,
            @Size(max = 50, message = "不能超过 50 字") String name,
            String gender,
            LocalDate birthDate,
            @Size(max = 32, message = "过长") String idNumber,
            @Size(max = 32, message = "过长") String phone,
            LocalDate joinDate,
            String status,
            LocalDate probationEndDate,
            @Size(max = 2, message = "最多两个标记") List<String> flags,
            LocalDate mobileSince,
            @Size(max = 64, message = "过长") String enterpriseId) {

        MemberRules.Input input() {
            return new MemberRules.Input(name, gender, birthDate, idNumber, phone, joinDate, status, probationEndDate, flags, mobileSince);
        }
    }

    public record Leave(
            @NotBlank(message = "不能为空") @Size(max = 200, message = "不能超过 200 字") String reason,
            LocalDate leftOn) {
    }

    public record IssueAccount(
            @Pattern(regexp = "[A-Za-z0-9._-]{3,64}", message = "须为 3–64 位字母、数字或 . _ -") String username) {
    }
}
