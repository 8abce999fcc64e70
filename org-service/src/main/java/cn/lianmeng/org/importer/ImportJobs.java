package cn.lianmeng.org.importer;

import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.Set;

import cn.lianmeng.platform.data.MongoAccess;
import cn.lianmeng.platform.data.Scope;
import cn.lianmeng.platform.data.ScopeRule;
import cn.lianmeng.platform.data.ScopedCollection;
import cn.lianmeng.platform.security.Caller;
import cn.lianmeng.platform.security.Role;
import cn.lianmeng.platform.web.ApiException;
import cn.lianmeng.platform.web.PageQuery;
import cn.lianmeng.platform.web.PageResult;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Import jobs ({@code import_jobs}, one alliance's each): the progress of a running import, updated every few hundred
 * rows ({@code total, processed, imported, rejected, status RUNNING|DONE|FAILED}), and its outcome with the row
 * problems (the first {@value #STORED_ERRORS}). Shared by every kind of import (enterprises, members).
 */
@Component
public class ImportJobs {

    public static final String COLLECTION = "import_jobs";
    public static final Set<String> SORTABLE = Set.of("startedAt", "finishedAt");
    /** Row problems kept on the job document (the synchronous answer carries them all). */
    static final int STORED_ERRORS = 2_000;

    public enum Status { RUNNING, DONE, FAILED }

    private final ScopedCollection jobs;
    private final Clock clock;

    public ImportJobs(MongoAccess mongo, Clock clock) {
        this.jobs = mongo.collection(COLLECTION, ScopeRule.allianceOwned());
        this.clock = clock;
        jobs.ensureIndexInBackground(Indexes.compoundIndex(Indexes.ascending("allianceId"), Indexes.descending("startedAt")),
                new IndexOptions().name("alliance_started"));
    }

    public record Job(String id, String allianceId, String kind, String fileName, String status, int total, int processed,
                      int imported, int rejected, Date startedAt, Date finishedAt, String startedByName, String message,
                      List<ImportError> errors, boolean errorsTruncated) {

        static Job of(Document d, boolean withErrors) {
            List<ImportError> errors = withErrors
                    ? d.getList("errors", Document.class, List.of()).stream()
                    .map(e -> new ImportError(e.getInteger("row", 0), e.getString("field"), e.getString("message"))).toList()
                    : null;
            return new Job(d.getString("_id"), d.getString("allianceId"), d.getString("kind"), d.getString("fileName"),
                    d.getString("status"), d.getInteger("total", 0), d.getInteger("processed", 0), d.getInteger("imported", 0),
                    d.getInteger("rejected", 0), d.getDate("startedAt"), d.getDate("finishedAt"), d.getString("startedByName"),
                    d.getString("message"), errors, d.getBoolean("errorsTruncated", false));
        }
    }

    private static Mono<Caller> requireAdmin(Caller caller) {
        return caller.has(Role.ALLIANCE_ADMIN) ? Mono.just(caller) : Mono.error(ApiException.forbidden("仅联盟管理员可查看导入任务"));
    }

    /** Starts a job (RUNNING) for the caller's alliance; answers its id. */
    public Mono<String> start(Caller caller, String kind, String fileName, int total) {
        String id = new ObjectId().toHexString();
        Document doc = new Document("_id", id).append("allianceId", caller.allianceId()).append("kind", kind)
                .append("fileName", fileName).append("status", Status.RUNNING.name()).append("total", total)
                .append("processed", 0).append("imported", 0).append("rejected", 0)
                .append("startedAt", Date.from(clock.instant())).append("startedBy", caller.accountId())
                .append("startedByName", caller.actorName()).append("version", 1L);
        return jobs.insert(Scope.of(caller), doc).thenReturn(id);
    }

    public Mono<Void> progress(Caller caller, String id, int processed, int imported, int rejected) {
        return jobs.updateOne(Scope.of(caller), Filters.eq("_id", id), Updates.combine(Updates.set("processed", processed),
                Updates.set("imported", imported), Updates.set("rejected", rejected), Updates.inc("version", 1L))).then();
    }

    public Mono<Void> finish(Caller caller, String id, int processed, int imported, int rejected, List<ImportError> errors) {
        List<Document> stored = errors.stream().limit(STORED_ERRORS)
                .map(e -> new Document("row", e.row()).append("field", e.field()).append("message", e.message())).toList();
        return jobs.updateOne(Scope.of(caller), Filters.eq("_id", id), Updates.combine(Updates.set("status", Status.DONE.name()),
                Updates.set("processed", processed), Updates.set("imported", imported), Updates.set("rejected", rejected),
                Updates.set("errors", stored), Updates.set("errorsTruncated", errors.size() > STORED_ERRORS),
                Updates.set("finishedAt", Date.from(clock.instant())), Updates.inc("version", 1L))).then();
    }

    public Mono<Void> fail(Caller caller, String id, String message) {
        return jobs.updateOne(Scope.of(caller), Filters.eq("_id", id), Updates.combine(Updates.set("status", Status.FAILED.name()),
                Updates.set("message", message), Updates.set("finishedAt", Date.from(clock.instant())), Updates.inc("version", 1L))).then();
    }

    /** The caller's alliance's jobs, newest first, without their row problems. */
    public Mono<PageResult<Job>> list(Caller caller, String kind, PageQuery page) {
        return requireAdmin(caller).flatMap(c -> {
            var filter = kind == null || kind.isBlank() ? new Document() : Filters.eq("kind", kind.strip().toUpperCase());
            return jobs.find(Scope.of(c), filter, Projections.exclude("errors"), page.mongoSort(), page.skip(), page.size())
                    .map(d -> Job.of(d, false)).collectList()
                    .zipWith(jobs.count(Scope.of(c), filter))
                    .map(t -> PageResult.of(t.getT1(), page, t.getT2()));
        });
    }

    public Mono<Job> get(Caller caller, String id) {
        return requireAdmin(caller).flatMap(c -> jobs.findById(Scope.of(c), id))
                .map(d -> Job.of(d, true))
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("导入任务")));
    }
}
