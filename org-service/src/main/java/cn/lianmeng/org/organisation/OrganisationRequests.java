package cn.lianmeng.org.organisation;

import java.time.LocalDate;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Request bodies of the organisation API. Alliance and tenant always come from the caller's token. */
public final class OrganisationRequests {

    private OrganisationRequests() {
    }

    /**
     * A new organisation. {@code ownerType}/{@code ownerId} only for alliance administrators (ALLIANCE, or PARK with
     * the park's id); enterprise-side callers always create in their own enterprise. {@code formation} is optional and,
     * when given, must match the one that follows from kind, owner and parent.
     */
    public record Create(
            @NotBlank(message = "不能为空") @Size(max = 50, message = "不能超过 50 字") String name,
            @NotBlank(message = "不能为空") String kind,
            @Size(max = 64, message = "过长") String parentId,
            String formation,
            String ownerType,
            @Size(max = 64, message = "过长") String ownerId,
            @Size(max = 50, message = "过多") List<@Size(max = 64, message = "过长") String> coveredEnterpriseIds,
            LocalDate termStart,
            LocalDate termEnd) {
    }

    public record Rename(
            @NotNull(message = "不能为空（用于并发控制）") Long version,
            @NotBlank(message = "不能为空") @Size(max = 50, message = "不能超过 50 字") String name) {
    }

    /** {@code parentId} null or absent: the organisation becomes a top-level organisation of its tree. */
    public record Move(
            @NotNull(message = "不能为空（用于并发控制）") Long version,
            @Size(max = 64, message = "过长") String parentId) {
    }

    public record Dissolve(
            @NotNull(message = "不能为空（用于并发控制）") Long version,
            @Size(max = 200, message = "不能超过 200 字") String reason) {
    }

    public record Officers(
            @NotNull(message = "不能为空（用于并发控制）") Long version,
            @NotNull(message = "不能为空（清空班子请传空数组）") @Size(max = 30, message = "最多 30 名") List<@Valid @NotNull(message = "不能为空") OfficerInput> officers) {
    }

    public record OfficerInput(
            @NotBlank(message = "不能为空") @Size(max = 64, message = "过长") String memberId,
            @NotBlank(message = "不能为空") String role,
            @NotNull(message = "不能为空") LocalDate since) {
    }

    /** {@code termEnd} defaults to the kind's term length; {@code version}, when given, must be current. */
    public record TermRenewal(
            @NotNull(message = "不能为空") LocalDate termStart,
            LocalDate termEnd,
            Long version) {
    }

    public record Coverage(
            @NotNull(message = "不能为空（用于并发控制）") Long version,
            @NotNull(message = "不能为空") @Size(max = 50, message = "过多") List<@Size(max = 64, message = "过长") String> coveredEnterpriseIds) {
    }

    public record NewAdmin(
            @NotBlank(message = "不能为空") @Pattern(regexp = "[A-Za-z0-9._-]{3,64}", message = "须为 3–64 位字母、数字或 . _ -") String username,
            @NotBlank(message = "不能为空") @Size(max = 30, message = "不能超过 30 字") String name,
            @Pattern(regexp = "1\\d{10}", message = "须为 11 位手机号") String phone) {
    }
}
