package cn.lianmeng.content.item;

import java.time.OffsetDateTime;
import java.util.List;

import cn.lianmeng.content.audience.Audience;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Request bodies of the content API. The alliance and tenant always come from the caller's token. */
public final class ItemRequests {

    private ItemRequests() {
    }

    @Schema(description = "新建或修改内容（修改时须带当前 version）")
    public record Save(
            Long version,
            @NotBlank(message = "不能为空") @Schema(description = "NEWS 党建动态、NOTICE 通知公告、DISCLOSURE 党务公开、ARTICLE 文章、COURSE 课程") String kind,
            @NotBlank(message = "不能为空") @Size(max = 100, message = "不能超过 100 字") String title,
            @Size(max = 300, message = "不能超过 300 字") String summary,
            @Size(max = 200_000, message = "正文过长") @Schema(description = "富文本正文（HTML，保存前按白名单净化）") String body,
            @Size(max = 64, message = "过长") String coverFileId,
            @Size(max = 20, message = "附件最多 20 个") List<@Size(max = 64, message = "过长") String> attachmentFileIds,
            @Size(max = 10, message = "标签最多 10 个") List<@NotBlank(message = "不能为空") @Size(max = 20, message = "每个标签不能超过 20 字") String> tags,
            @Size(max = 64, message = "过长") @Schema(description = "发布组织（党组织编号）") String authorOrgId,
            @NotNull(message = "不能为空") @Valid Audience audience,
            @Schema(description = "是否允许评论（党务公开对全联盟公开时不允许）") Boolean allowComments,
            @Schema(description = "希望发布的时间；审核通过时若尚未到达则定时发布") OffsetDateTime publishAt,
            @Valid @Schema(description = "课程（kind = COURSE 时必填）") Course course) {
    }

    public record Course(
            @Schema(description = "是否为必修") Boolean required,
            @Schema(description = "仅对这些职务必修（为空则对全部受众必修）") List<String> requiredForRoles,
            @NotNull(message = "不能为空") @Size(min = 1, max = 100, message = "须有 1 到 100 节课") List<@Valid @NotNull(message = "不能为空") Lesson> lessons) {
    }

    public record Lesson(
            @Size(max = 40, message = "过长") @Schema(description = "课时编号（修改时保留；新课时可省略）") String id,
            @NotBlank(message = "不能为空") @Size(max = 100, message = "不能超过 100 字") String title,
            @NotBlank(message = "不能为空") @Schema(description = "TEXT 图文、VIDEO 视频、ATTACHMENT 附件") String type,
            @Size(max = 200_000, message = "正文过长") String text,
            @Size(max = 64, message = "过长") String videoFileId,
            @Min(value = 1, message = "须大于 0") @Max(value = 36_000, message = "不能超过 10 小时") Integer durationSeconds,
            @Size(max = 20, message = "附件最多 20 个") List<@Size(max = 64, message = "过长") String> attachmentFileIds,
            @NotNull(message = "不能为空") @DecimalMin(value = "0.1", message = "至少 0.1 学时") @DecimalMax(value = "8", message = "不能超过 8 学时") Double studyHours,
            @Valid Quiz quiz) {
    }

    public record Quiz(
            @Min(value = 0, message = "须在 0 到 100 之间") @Max(value = 100, message = "须在 0 到 100 之间") Integer passPercent,
            @NotNull(message = "不能为空") @Size(min = 1, max = 50, message = "须有 1 到 50 题") List<@Valid @NotNull(message = "不能为空") Question> questions) {
    }

    public record Question(
            @NotBlank(message = "不能为空") @Size(max = 500, message = "不能超过 500 字") String text,
            @NotBlank(message = "不能为空") @Schema(description = "SINGLE 单选、MULTIPLE 多选") String type,
            @NotNull(message = "不能为空") @Size(min = 2, max = 8, message = "须有 2 到 8 个选项") List<@NotBlank(message = "不能为空") @Size(max = 200, message = "不能超过 200 字") String> options,
            @NotNull(message = "不能为空") @Size(min = 1, max = 8, message = "须至少有一个正确选项") List<@NotNull(message = "不能为空") Integer> correct) {
    }

    public record Transition(@Schema(description = "当前版本（可选；给出时不一致则 409）") Long version) {
    }

    public record Approve(Long version, @Schema(description = "发布时间（可选，覆盖作者希望的时间）") OffsetDateTime publishAt) {
    }

    public record Reason(Long version, @NotBlank(message = "不能为空") @Size(max = 500, message = "不能超过 500 字") String reason) {
    }
}
