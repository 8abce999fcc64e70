package cn.lianmeng.activity.activity;

import java.time.OffsetDateTime;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Request bodies of the activity API. Alliance, tenant and member identity always come from the token. */
public final class ActivityRequests {

    private ActivityRequests() {
    }

    @Schema(description = "受众：ORGANISATIONS（指定党组织及其下级，默认为主办组织）、TENANT（主办单位全体党员）、ALLIANCE（联盟全体，仅联盟管理员）")
    public record Audience(
            @NotBlank(message = "不能为空") String scope,
            @Size(max = 200, message = "最多 200 个组织") List<@NotBlank(message = "不能为空") String> orgIds) {
    }

    @Schema(description = "签到地理围栏：以活动地点为圆心的半径（米）")
    public record Geofence(
            @NotNull(message = "不能为空") @DecimalMin(value = "-90", message = "须在 -90 到 90 之间") @DecimalMax(value = "90", message = "须在 -90 到 90 之间") Double latitude,
            @NotNull(message = "不能为空") @DecimalMin(value = "-180", message = "须在 -180 到 180 之间") @DecimalMax(value = "180", message = "须在 -180 到 180 之间") Double longitude,
            @NotNull(message = "不能为空") @Min(value = 20, message = "不能小于 20 米") @Max(value = 5000, message = "不能超过 5000 米") Integer radiusMeters) {
    }

    public record Create(
            @NotBlank(message = "不能为空") @Size(max = 100, message = "不能超过 100 字") String title,
            @Size(max = 5000, message = "不能超过 5000 字") String description,
            @NotBlank(message = "不能为空") String type,
            @NotBlank(message = "不能为空") String mode,
            @NotBlank(message = "不能为空") @Size(max = 64, message = "过长") String hostOrgId,
            @NotNull(message = "不能为空") OffsetDateTime startAt,
            @NotNull(message = "不能为空") OffsetDateTime endAt,
            @Size(max = 200, message = "不能超过 200 字") String address,
            @Size(max = 64, message = "过长") String roomId,
            @Size(max = 500, message = "不能超过 500 字") String meetingUrl,
            @Valid Geofence geofence,
            @Min(value = 1, message = "须大于 0") @Max(value = 100_000, message = "过大") Integer capacity,
            Boolean signUpRequired,
            @Valid Audience audience,
            @Size(max = 20, message = "一次最多邀请 20 个组织") List<@NotBlank(message = "不能为空") String> invitedOrgIds,
            @Schema(description = "true：直接发布（SCHEDULED）；默认保存为草稿") Boolean publish) {
    }

    public record Update(
            @NotNull(message = "不能为空（用于并发控制）") Long version,
            @NotBlank(message = "不能为空") @Size(max = 100, message = "不能超过 100 字") String title,
            @Size(max = 5000, message = "不能超过 5000 字") String description,
            @NotBlank(message = "不能为空") String type,
            @NotBlank(message = "不能为空") String mode,
            @NotNull(message = "不能为空") OffsetDateTime startAt,
            @NotNull(message = "不能为空") OffsetDateTime endAt,
            @Size(max = 200, message = "不能超过 200 字") String address,
            @Size(max = 500, message = "不能超过 500 字") String meetingUrl,
            @Valid Geofence geofence,
            @Min(value = 1, message = "须大于 0") @Max(value = 100_000, message = "过大") Integer capacity,
            Boolean signUpRequired,
            @Valid Audience audience) {
    }

    public record Cancel(@NotBlank(message = "须说明取消原因") @Size(max = 200, message = "不能超过 200 字") String reason) {
    }

    public record Invite(@NotNull(message = "不能为空") @Size(min = 1, max = 20, message = "须邀请 1 到 20 个组织")
                         List<@NotBlank(message = "不能为空") String> orgIds) {
    }

    public record Decline(@Size(max = 200, message = "不能超过 200 字") String reason) {
    }

    public record Attachment(
            @NotBlank(message = "不能为空") @Size(max = 100, message = "不能超过 100 字") String name,
            @NotBlank(message = "不能为空") @Size(max = 500, message = "不能超过 500 字")
            @Schema(description = "附件引用（内容服务文件编号或链接）") String ref) {
    }

    public record Minutes(
            @NotNull(message = "不能为空（用于并发控制）") Long version,
            @NotBlank(message = "不能为空") @Size(max = 200, message = "不能超过 200 字") String topic,
            @NotBlank(message = "不能为空") @Size(max = 20_000, message = "不能超过 20000 字") String content,
            @Size(max = 50, message = "最多 50 条") List<@NotBlank(message = "不能为空") @Size(max = 500, message = "每条不能超过 500 字") String> decisions,
            @Size(max = 20, message = "最多 20 个附件") List<@Valid Attachment> attachments) {
    }
}
