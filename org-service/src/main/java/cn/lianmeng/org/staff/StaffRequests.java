package cn.lianmeng.org.staff;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Request bodies of the district staff API; the alliance always comes from the caller's token. */
public final class StaffRequests {

    private StaffRequests() {
    }

    public record NewStaff(
            @NotBlank(message = "不能为空") @Pattern(regexp = "[A-Za-z0-9._-]{3,64}", message = "须为 3–64 位字母、数字或 . _ -") String username,
            @NotBlank(message = "不能为空") @Size(max = 30, message = "不能超过 30 字") String name,
            @Pattern(regexp = "1\\d{10}", message = "须为 11 位手机号") String phone) {
    }

    /** The full new assignment (replaces the old one); empty lists unassign. */
    public record Assignments(
            @NotNull(message = "不能为空（用于并发控制）") Long version,
            @Size(max = 200, message = "最多 200 个园区") List<@NotBlank(message = "不能为空") @Size(max = 64, message = "过长") String> parkIds,
            @Size(max = 500, message = "最多 500 栋楼宇") List<@NotBlank(message = "不能为空") @Size(max = 64, message = "过长") String> buildingIds) {
    }

    public record StatusChange(@NotBlank(message = "不能为空") @Size(max = 200, message = "不能超过 200 字") String reason) {
    }
}
