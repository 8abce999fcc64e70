package cn.lianmeng.content.item;

import java.util.Date;
import java.util.List;

import cn.lianmeng.content.audience.Audience;
import io.swagger.v3.oas.annotations.media.Schema;
import org.bson.Document;

/**
 * An item as the API shows it. Managers (who may edit or review it) see the audience, the workflow details and quiz
 * answers; readers see the published content only, never quiz answers.
 */
@Schema(description = "内容详情；受众、审核信息与测验答案仅对可管理者显示")
public record ItemView(String id, String kind, String kindLabel, String title, String summary, String body, String coverFileId,
                       List<String> attachmentFileIds, List<String> tags, String authorOrgId, String authorOrgName,
                       String tenantId, String status, String statusLabel, Audience audience, boolean allowComments,
                       boolean publicInAlliance, Date publishAt, Date publishedAt, Note lastRejection, Note withdrawal,
                       String authorName, String reviewerName, CourseView course, Boolean read, long version,
                       Date createdAt, Date updatedAt) {

    public record Note(String reason, String by, Date at) {
        static Note of(Document d) {
            return d == null ? null : new Note(d.getString("reason"), d.getString("byName"), d.getDate("at"));
        }
    }

    public record CourseView(boolean required, List<String> requiredForRoles, double totalStudyHours, List<LessonView> lessons) {
    }

    public record LessonView(String id, int order, String title, String type, String text, String videoFileId,
                             Integer durationSeconds, List<String> attachmentFileIds, double studyHours, QuizView quiz) {
    }

    public record QuizView(int passPercent, List<QuestionView> questions) {
    }

    public record QuestionView(String id, String text, String type, List<Option> options,
                               @Schema(description = "正确选项（仅管理者可见；学员提交后在结果中返回）") List<String> correct) {
    }

    public record Option(String id, String text) {
    }

    /** The reader's view of a stored item (no audience, no workflow details, no quiz answers). */
    public static ItemView forReader(Document d) {
        return of(d, false, null);
    }

    static ItemView of(Document d, boolean manager, Boolean read) {
        ContentKind kind = ContentKind.valueOf(d.getString("kind"));
        ContentStatus status = ContentStatus.valueOf(d.getString("status"));
        Audience audience = Audience.of(d.get("audience", Document.class));
        return new ItemView(d.getString("_id"), kind.name(), kind.label(), d.getString("title"), d.getString("summary"),
                d.getString("body"), d.getString("coverFileId"), d.getList("attachmentFileIds", String.class, List.of()),
                d.getList("tags", String.class, List.of()), d.getString("authorOrgId"), d.getString("authorOrgName"),
                d.getString("tenantId"), status.name(), status.label(), manager ? audience : null,
                Boolean.TRUE.equals(d.getBoolean("allowComments")), audience.publicInAlliance(),
                manager ? d.getDate("publishAt") : null, d.getDate("publishedAt"),
                manager ? Note.of(d.get("lastRejection", Document.class)) : null,
                manager ? Note.of(d.get("withdrawal", Document.class)) : null,
                manager ? d.getString("authorName") : null, manager ? d.getString("reviewerName") : null,
                course(d.get("course", Document.class), manager), read, d.get("version", Number.class).longValue(),
                d.getDate("createdAt"), d.getDate("updatedAt"));
    }

    static CourseView course(Document c, boolean withAnswers) {
        if (c == null) {
            return null;
        }
        List<LessonView> lessons = c.getList("lessons", Document.class, List.of()).stream().map(l -> lesson(l, withAnswers)).toList();
        return new CourseView(Boolean.TRUE.equals(c.getBoolean("required")), c.getList("requiredForRoles", String.class, List.of()),
                number(c.get("totalStudyHours")), lessons);
    }

    public static LessonView lesson(Document l, boolean withAnswers) {
        Document q = l.get("quiz", Document.class);
        QuizView quiz = q == null ? null : new QuizView(q.getInteger("passPercent", 60),
                q.getList("questions", Document.class, List.of()).stream().map(x -> new QuestionView(x.getString("id"),
                        x.getString("text"), x.getString("type"),
                        x.getList("options", Document.class, List.of()).stream().map(o -> new Option(o.getString("id"), o.getString("text"))).toList(),
                        withAnswers ? x.getList("correct", String.class, List.of()) : null)).toList());
        return new LessonView(l.getString("id"), l.getInteger("order", 0), l.getString("title"), l.getString("type"), l.getString("text"),
                l.getString("videoFileId"), l.getInteger("durationSeconds"), l.getList("attachmentFileIds", String.class, List.of()),
                number(l.get("studyHours")), quiz);
    }

    static double number(Object o) {
        return o instanceof Number n ? n.doubleValue() : 0;
    }
}
