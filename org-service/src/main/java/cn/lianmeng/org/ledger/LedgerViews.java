package cn.lianmeng.org.ledger;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;

import cn.lianmeng.org.coverage.CoverageService;
import cn.lianmeng.org.coverage.CoverageViews;
import org.bson.Document;

/** What the ledger API answers: names and counts only, no personal data. */
public final class LedgerViews {

    private LedgerViews() {
    }

    public record Visit(String id, String enterpriseId, String enterpriseName, LocalDate date, String kind, String kindLabel,
                        String purpose, String notes, String followUp, String visitorId, String visitorName, Instant createdAt) {

        static Visit of(Document d) {
            String kind = d.getString("kind");
            return new Visit(d.getString("_id"), d.getString("tenantId"), d.getString("enterpriseName"), LocalDate.parse(d.getString("date")),
                    kind, "GUIDANCE".equals(kind) ? "指导" : "走访", d.getString("purpose"), d.getString("notes"), d.getString("followUp"),
                    d.getString("visitorId"), d.getString("visitorName"), instant(d.getDate("createdAt")));
        }
    }

    public record ProgressNote(String note, String authorId, String authorName, Instant at) {

        static ProgressNote of(Document d) {
            return new ProgressNote(d.getString("note"), d.getString("authorId"), d.getString("authorName"), instant(d.getDate("at")));
        }
    }

    public record Task(String id, String title, String description, String enterpriseId, String enterpriseName, String ownerId,
                       String ownerName, LocalDate deadline, boolean overdue, boolean done, Instant completedAt,
                       String completedByName, String completionNote, List<ProgressNote> progress, String createdById,
                       String createdByName, Instant createdAt, Instant updatedAt, long version) {

        static Task of(Document d, LocalDate today) {
            LocalDate deadline = LocalDate.parse(d.getString("deadline"));
            boolean done = Boolean.TRUE.equals(d.getBoolean("done"));
            return new Task(d.getString("_id"), d.getString("title"), d.getString("description"), d.getString("tenantId"),
                    d.getString("enterpriseName"), d.getString("ownerId"), d.getString("ownerName"), deadline,
                    !done && deadline.isBefore(today), done, instant(d.getDate("completedAt")), d.getString("completedByName"),
                    d.getString("completionNote"), d.getList("progress", Document.class, List.of()).stream().map(ProgressNote::of).toList(),
                    d.getString("createdById"), d.getString("createdByName"), instant(d.getDate("createdAt")),
                    instant(d.getDate("updatedAt")), d.get("version", Number.class).longValue());
        }
    }

    public record Instructor(String accountId, String name) {
    }

    public record Visits(long total, List<Visit> latest) {
    }

    public record Tasks(long open, long overdue, List<Task> openTasks) {
    }

    /** One enterprise's ledger (台账): coverage status with reasons, organisations, instructor, visits, open tasks. */
    public record Ledger(CoverageViews.EnterpriseRow enterprise, List<String> coverageReasons,
                         List<CoverageService.OrganisationRef> organisations, Instructor instructor, Visits visits, Tasks tasks) {
    }

    /** Open and overdue tasks of one owner (staff member). */
    public record OwnerSummary(String ownerId, String ownerName, long open, long overdue, LocalDate oldestOverdueDeadline) {
    }

    static Instant instant(Date d) {
        return d == null ? null : d.toInstant();
    }
}
