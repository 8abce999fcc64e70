package cn.lianmeng.org.transfer;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import cn.lianmeng.org.member.Member;
import cn.lianmeng.org.member.MemberService;
import cn.lianmeng.org.member.OrgAdminRights;
import cn.lianmeng.org.member.Organisation;
import cn.lianmeng.org.member.OrganisationDirectory;
import cn.lianmeng.platform.audit.AuditLog;
import cn.lianmeng.platform.audit.AuditLog.Result;
import cn.lianmeng.platform.data.Scope;
import cn.lianmeng.platform.data.ScopedCollection;
import cn.lianmeng.platform.events.Outbox;
import cn.lianmeng.platform.events.OutboxMessage;
import cn.lianmeng.platform.events.OutboxRelay;
import cn.lianmeng.platform.security.Caller;
import cn.lianmeng.platform.security.Role;
import cn.lianmeng.platform.web.ApiException;
import cn.lianmeng.platform.web.PageQuery;
import cn.lianmeng.platform.web.PageResult;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Member transfers (组织关系转接) between organisations of one alliance, possibly across tenants.
 * <p>
 * Requested by an administrator of the member's current organisation, confirmed or rejected by an administrator of
 * the receiving one, cancellable by the sending side until confirmed. Completion, without multi-document
 * transactions, converges in three idempotent steps: (1) the transfer becomes CONFIRMED (with TransferConfirmed);
 * (2) the member document changes organisation, ancestors, tenant and employer in one update guarded by its version
 * and by the transfer id, with MemberTransferred in the same write ({@link MemberService#applyTransfer}); (3) the
 * transfer becomes COMPLETED (TransferCompleted). A crash between the steps leaves a CONFIRMED transfer, which the
 * sweep ({@link #sweepConfirmed()}) completes; repeating a step changes nothing. The member is in exactly one
 * organisation at every moment. Unconfirmed after {@code lianmeng.transfer.overdue-after} (30 days) a transfer is
 * overdue: computed at query time and flagged once by {@link #flagOverdue()} with TransferOverdue.
 */
@Service
public class TransferService {

    public static final String TOPIC = TransferEvent.TOPIC;
    public static final Set<String> SORTABLE = Set.of("requestedAt", "memberName", "status");
    private static final Logger log = LoggerFactory.getLogger(TransferService.class);
    private static final Scope SWEEP = Scope.unrestricted("transfer sweep");

    private final ScopedCollection transfers;
    private final MemberService members;
    private final OrganisationDirectory organisations;
    private final Outbox outbox;
    private final OutboxRelay relay;
    private final AuditLog audit;
    private final Clock clock;
    private final Duration overdueAfter;

    public TransferService(TransferStore store, MemberService members, OrganisationDirectory organisations, Outbox outbox,
                           OutboxRelay relay, AuditLog audit, Clock clock,
                           @Value("${lianmeng.transfer.overdue-after:P30D}") Duration overdueAfter) {
        this.transfers = store.collection();
        this.members = members;
        this.organisations = organisations;
        this.outbox = outbox;
        this.relay = relay;
        this.audit = audit;
        this.clock = clock;
        this.overdueAfter = overdueAfter;
    }

    public enum Direction { INCOMING, OUTGOING }

    public record ListFilter(Direction direction, TransferStatus status, Boolean overdue) {
    }

    // ---------------------------------------------------------------- request

    public Mono<TransferView> request(Caller c, TransferRequests.Request req) {
        return members.forTransfer(c, req.memberId()).flatMap(member -> organisations.find(c.allianceId(), req.toOrgId())
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("接收党组织")))
                .flatMap(to -> {
                    if (!to.active()) {
                        return Mono.error(ApiException.conflict("toOrgId", "接收党组织“" + to.name() + "”已撤销"));
                    }
                    if (to.id().equals(member.orgId())) {
                        return Mono.error(ApiException.badRequest("toOrgId", "接收党组织与该党员当前所在党组织相同"));
                    }
                    String requested = req.toEnterpriseId() != null ? req.toEnterpriseId()
                            : to.coveredEnterpriseIds().contains(member.enterpriseId()) ? member.enterpriseId() : null;
                    String employer = to.employer(requested);
                    if (employer == null) {
                        return Mono.error(ApiException.badRequest("toEnterpriseId", "SINGLE".equals(to.formation())
                                ? "接收党组织为单独组建，工作单位只能是其所在单位"
                                : "须为接收党组织覆盖的成员单位之一（" + String.join("、", to.coveredEnterpriseIds()) + "）"));
                    }
                    return organisations.find(c.allianceId(), member.orgId())
                            .map(Organisation::name).defaultIfEmpty(Objects.requireNonNullElse(member.orgName(), ""))
                            .flatMap(fromName -> insert(c, member, fromName, to, employer, req.note()));
                }));
    }

    private Mono<TransferView> insert(Caller c, Member member, String fromOrgName, Organisation to, String employer, String note) {
        String id = new ObjectId().toHexString();
        Instant now = clock.instant();
        Document doc = new Document("_id", id).append("allianceId", member.allianceId()).append("tenantId", member.tenantId())
                .append("memberId", member.id()).append("memberName", member.name())
                .append("fromOrgId", member.orgId()).append("fromOrgName", fromOrgName).append("fromOrgPath", member.orgPath())
                .append("fromTenantId", member.tenantId()).append("fromEnterpriseId", member.enterpriseId())
                .append("toOrgId", to.id()).append("toOrgName", to.name()).append("toOrgPath", to.path())
                .append("toTenantId", to.tenantId()).append("toEnterpriseId", employer)
                .append("status", TransferStatus.REQUESTED.name()).append("openFor", member.id())
                .append("note", note == null || note.isBlank() ? null : note.strip())
                .append("requestedAt", Date.from(now)).append("requestedBy", c.accountId()).append("requestedByName", c.actorName())
                .append("overdue", false).append("version", 1L);
        OutboxMessage event = outbox.message(TOPIC, "TransferRequested", id, member.allianceId(), member.tenantId(), snapshot(doc, now));
        ApiException already = ApiException.conflict("memberId", "该党员已有尚未办结的组织关系转接");
        Scope scope = Scope.of(c);
        return transfers.count(scope, Filters.eq("openFor", member.id()))
                .flatMap(n -> n > 0 ? Mono.error(already) : transfers.insert(scope, Outbox.withOutbox(doc, event)))
                .onErrorMap(ScopedCollection::isDuplicateKey, e -> already)
                .doOnSuccess(d -> relay.relaySoon(transfers, id))
                .then(audit.record(c, "TRANSFER_REQUESTED", "transfer", id, member.tenantId(), Result.SUCCESS,
                        Map.of("memberId", member.id(), "fromOrgId", member.orgId(), "toOrgId", to.id(),
                                "toTenantId", String.valueOf(to.tenantId()))))
                .then(Mono.fromCallable(() -> view(doc, clock.instant())));
    }

    // ---------------------------------------------------------------- decisions

    /** A transfer the caller sees (either side, or the alliance administrator): 404 otherwise. */
    private Mono<Document> visible(Caller c, String id) {
        Bson roleFilter = roleFilter(c, null);
        if (roleFilter == null) {
            return Mono.error(ApiException.notFound("组织关系转接"));
        }
        return transfers.findOne(Scope.of(c), Filters.and(roleFilter, Filters.eq("_id", id)))
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("组织关系转接")));
    }

    private static boolean receiving(Caller c, Document t) {
        return OrgAdminRights.administers(c, t.getString("allianceId"), t.getString("toTenantId"), t.getList("toOrgPath", String.class));
    }

    private static boolean sending(Caller c, Document t) {
        return OrgAdminRights.administers(c, t.getString("allianceId"), t.getString("fromTenantId"), t.getList("fromOrgPath", String.class));
    }

    public Mono<TransferView> get(Caller c, String id) {
        return visible(c, id).map(d -> view(d, clock.instant()));
    }

    public Mono<TransferView> confirm(Caller c, String id) {
        return visible(c, id).flatMap(t -> {
            if (!receiving(c, t)) {
                return Mono.error(ApiException.forbidden("只有接收方党组织的管理员可以确认接收"));
            }
            if (!TransferStatus.REQUESTED.name().equals(t.getString("status"))) {
                return Mono.error(notRequested(t));
            }
            return organisations.find(t.getString("allianceId"), t.getString("toOrgId"))
                    .filter(Organisation::active)
                    .switchIfEmpty(Mono.error(() -> ApiException.conflict("toOrgId", "接收党组织已撤销，不能确认")))
                    .flatMap(to -> markConfirmed(c, t))
                    .flatMap(confirmed -> audit.record(c, "TRANSFER_CONFIRMED", "transfer", id, t.getString("toTenantId"), Result.SUCCESS,
                                    Map.of("memberId", t.getString("memberId"), "fromTenantId", String.valueOf(t.getString("fromTenantId"))))
                            .then(complete(t.getString("allianceId"), id).onErrorResume(e -> {
                                // confirmed stands; the sweep completes the move once it can
                                log.warn("Transfer {} confirmed but not completed yet: {}", id, e.toString());
                                return transfers.findById(Scope.of(c), id);
                            })))
                    .map(d -> view(d, clock.instant()));
        });
    }

    private static ApiException notRequested(Document t) {
        TransferStatus s = TransferStatus.valueOf(t.getString("status"));
        return ApiException.conflict("status", "该转接当前状态为“" + s.label() + "”，不能执行此操作");
    }

    /** Step 1: REQUESTED → CONFIRMED with TransferConfirmed, in one guarded write. */
    Mono<Document> markConfirmed(Caller c, Document t) {
        Instant now = clock.instant();
        return transition(t, TransferStatus.REQUESTED, TransferStatus.CONFIRMED, "TransferConfirmed", now,
                Updates.combine(Updates.set("decidedAt", Date.from(now)), Updates.set("decidedBy", c.accountId()),
                        Updates.set("decidedByName", c.actorName())), null, false)
                .switchIfEmpty(Mono.error(() -> ApiException.conflict("status", "该转接刚被他人处理，请刷新后查看")));
    }

    public Mono<TransferView> reject(Caller c, String id, String reason) {
        return visible(c, id).flatMap(t -> {
            if (!receiving(c, t)) {
                return Mono.error(ApiException.forbidden("只有接收方党组织的管理员可以退回"));
            }
            return close(c, t, TransferStatus.REJECTED, "TransferRejected", reason.strip(), "TRANSFER_REJECTED", t.getString("toTenantId"));
        });
    }

    public Mono<TransferView> cancel(Caller c, String id, String reason) {
        return visible(c, id).flatMap(t -> {
            if (!sending(c, t)) {
                return Mono.error(ApiException.forbidden("只有转出方党组织的管理员可以撤回"));
            }
            String r = reason == null || reason.isBlank() ? "转出方撤回" : reason.strip();
            return close(c, t, TransferStatus.CANCELLED, "TransferCancelled", r, "TRANSFER_CANCELLED", t.getString("fromTenantId"));
        });
    }

    private Mono<TransferView> close(Caller c, Document t, TransferStatus to, String eventType, String reason, String auditAction,
                                     String auditTenant) {
        if (!TransferStatus.REQUESTED.name().equals(t.getString("status"))) {
            return Mono.error(notRequested(t));
        }
        Instant now = clock.instant();
        return transition(t, TransferStatus.REQUESTED, to, eventType, now,
                Updates.combine(Updates.set("decidedAt", Date.from(now)), Updates.set("decidedBy", c.accountId()),
                        Updates.set("decidedByName", c.actorName()), Updates.set("reason", reason)), reason, true)
                .switchIfEmpty(Mono.error(() -> ApiException.conflict("status", "该转接刚被他人处理，请刷新后查看")))
                .flatMap(d -> audit.record(c, auditAction, "transfer", t.getString("_id"), auditTenant, Result.SUCCESS,
                        Map.of("memberId", t.getString("memberId"), "reason", reason)).thenReturn(view(d, now)));
    }

    /**
     * One status change with its event in one single-document write, guarded by the expected status; answers the
     * document after it, or empty when the transfer was no longer in {@code from}.
     */
    private Mono<Document> transition(Document t, TransferStatus from, TransferStatus to, String eventType, Instant now, Bson more,
                                      String reason, boolean closes) {
        String id = t.getString("_id");
        Scope scope = Scope.system(t.getString("allianceId"), null);
        return transfers.findById(scope, id).flatMap(current -> {
            if (!from.name().equals(current.getString("status"))) {
                return Mono.empty();
            }
            long version = current.get("version", Number.class).longValue();
            Document after = new Document(current);
            after.put("status", to.name());
            after.put("version", version + 1);
            if (reason != null) {
                after.put("reason", reason);
            }
            OutboxMessage event = outbox.message(TOPIC, eventType, id, current.getString("allianceId"), current.getString("fromTenantId"),
                    snapshot(after, now));
            List<Bson> sets = new ArrayList<>(List.of(Updates.set("status", to.name()), Updates.set("version", version + 1), more,
                    Outbox.push(event)));
            if (closes) {
                sets.add(Updates.unset("openFor"));
            }
            return transfers.updateAndGet(scope, Filters.and(Filters.eq("_id", id), Filters.eq("status", from.name()),
                            Filters.eq("version", version)), Updates.combine(sets))
                    .doOnSuccess(d -> {
                        if (d != null) {
                            relay.relaySoon(transfers, id);
                        }
                    });
        });
    }

    // ---------------------------------------------------------------- completion

    /** Steps 2 and 3 for a CONFIRMED transfer; answers the transfer after them. Idempotent. */
    public Mono<Document> complete(String allianceId, String transferId) {
        return moveMember(allianceId, transferId).then(markCompleted(allianceId, transferId));
    }

    /** Step 2: the member moves (once per transfer; a repeat only re-checks). */
    Mono<Member> moveMember(String allianceId, String transferId) {
        Scope scope = Scope.system(allianceId, null);
        return transfers.findById(scope, transferId)
                .filter(t -> TransferStatus.CONFIRMED.name().equals(t.getString("status")))
                .flatMap(t -> organisations.find(allianceId, t.getString("toOrgId"))
                        // the receiving organisation as confirmed, should it have disappeared since
                        .defaultIfEmpty(storedTarget(t))
                        .flatMap(to -> members.applyTransfer(new MemberService.TransferMove(transferId, allianceId,
                                t.getString("memberId"), t.getString("fromOrgId"), to, t.getString("toEnterpriseId")))));
    }

    private static Organisation storedTarget(Document t) {
        List<String> path = t.getList("toOrgPath", String.class);
        return new Organisation(t.getString("toOrgId"), t.getString("allianceId"), t.getString("toTenantId"), null,
                t.getString("toOrgName"), null, null, null, path.subList(0, path.size() - 1), List.of(), "ACTIVE");
    }

    /** Step 3: CONFIRMED → COMPLETED with TransferCompleted; audited for both tenants. Does nothing if already done. */
    Mono<Document> markCompleted(String allianceId, String transferId) {
        Scope scope = Scope.system(allianceId, null);
        Instant now = clock.instant();
        return transfers.findById(scope, transferId).flatMap(t -> {
            if (!TransferStatus.CONFIRMED.name().equals(t.getString("status"))) {
                return Mono.just(t);
            }
            return transition(t, TransferStatus.CONFIRMED, TransferStatus.COMPLETED, "TransferCompleted", now,
                    Updates.set("completedAt", Date.from(now)), null, true)
                    .flatMap(done -> Flux.fromIterable(new java.util.LinkedHashSet<>(java.util.Arrays.asList(
                                    done.getString("fromTenantId"), done.getString("toTenantId"))))
                            .concatMap(tenant -> audit.record(null, "system", allianceId, tenant, "TRANSFER_COMPLETED", "transfer",
                                    transferId, Result.SUCCESS, Map.of("memberId", done.getString("memberId"),
                                            "fromOrgId", done.getString("fromOrgId"), "toOrgId", done.getString("toOrgId"))))
                            .then(Mono.just(done)))
                    .switchIfEmpty(transfers.findById(scope, transferId));
        });
    }

    /** Completes every CONFIRMED transfer (a crash or a failure left it between the steps); answers how many it touched. */
    public Mono<Long> sweepConfirmed() {
        return transfers.find(SWEEP, Filters.eq("status", TransferStatus.CONFIRMED.name()), null, 0, 200)
                .concatMap(t -> complete(t.getString("allianceId"), t.getString("_id")).thenReturn(1L)
                        .onErrorResume(e -> {
                            log.warn("Transfer {} could not be completed yet: {}", t.getString("_id"), e.toString());
                            return Mono.just(0L);
                        }))
                .reduce(0L, Long::sum);
    }

    /** Flags REQUESTED transfers past the deadline as overdue, once each (TransferOverdue); answers how many. */
    public Mono<Long> flagOverdue() {
        Instant now = clock.instant();
        Date cutoff = Date.from(now.minus(overdueAfter));
        return transfers.find(SWEEP, Filters.and(Filters.eq("status", TransferStatus.REQUESTED.name()), Filters.lte("requestedAt", cutoff),
                        Filters.ne("overdue", true)), null, 0, 500)
                .concatMap(t -> flagOne(t, now))
                .reduce(0L, Long::sum);
    }

    private Mono<Long> flagOne(Document t, Instant now) {
        String id = t.getString("_id");
        long version = t.get("version", Number.class).longValue();
        Document after = new Document(t);
        after.put("overdue", true);
        after.put("version", version + 1);
        OutboxMessage event = outbox.message(TOPIC, "TransferOverdue", id, t.getString("allianceId"), t.getString("fromTenantId"),
                snapshot(after, now));
        Scope scope = Scope.system(t.getString("allianceId"), null);
        return transfers.updateOne(scope, Filters.and(Filters.eq("_id", id), Filters.eq("version", version), Filters.ne("overdue", true),
                        Filters.eq("status", TransferStatus.REQUESTED.name())),
                        Updates.combine(Updates.set("overdue", true), Updates.set("overdueAt", Date.from(now)),
                                Updates.set("version", version + 1), Outbox.push(event)))
                .flatMap(r -> {
                    if (r.getModifiedCount() == 0) {
                        return Mono.just(0L);
                    }
                    relay.relaySoon(transfers, id);
                    return Flux.fromIterable(new java.util.LinkedHashSet<>(java.util.Arrays.asList(t.getString("fromTenantId"),
                                    t.getString("toTenantId"))))
                            .concatMap(tenant -> audit.record(null, "system", t.getString("allianceId"), tenant, "TRANSFER_OVERDUE",
                                    "transfer", id, Result.SUCCESS, Map.of("memberId", t.getString("memberId"),
                                            "requestedAt", t.getDate("requestedAt").toInstant().toString())))
                            .then(Mono.just(1L));
                });
    }

    // ---------------------------------------------------------------- lists

    /**
     * The role part of what a caller sees, for one direction or both (null direction); null when the role sees no
     * transfers. Tenancy itself comes from the scope rule (either side's tenant).
     */
    private static Bson roleFilter(Caller c, Direction direction) {
        Bson outgoing;
        Bson incoming;
        if (c.has(Role.ALLIANCE_ADMIN)) {
            if (direction == null) {
                return Filters.empty();
            }
            outgoing = Filters.eq(TransferScopeRule.FROM, null);
            incoming = Filters.eq(TransferScopeRule.TO, null);
        } else if (c.has(Role.ENTERPRISE_ADMIN) && c.tenantId() != null) {
            outgoing = Filters.eq(TransferScopeRule.FROM, c.tenantId());
            incoming = Filters.eq(TransferScopeRule.TO, c.tenantId());
        } else if (c.has(Role.ORG_ADMIN) && c.tenantId() != null) {
            List<String> orgs = List.copyOf(c.orgIds());
            outgoing = Filters.and(Filters.eq(TransferScopeRule.FROM, c.tenantId()), Filters.in("fromOrgPath", orgs));
            incoming = Filters.and(Filters.eq(TransferScopeRule.TO, c.tenantId()), Filters.in("toOrgPath", orgs));
        } else {
            return null;
        }
        if (direction == null) {
            return Filters.or(outgoing, incoming);
        }
        return direction == Direction.OUTGOING ? outgoing : incoming;
    }

    public Mono<PageResult<TransferView>> list(Caller c, ListFilter f, PageQuery page) {
        Bson role = roleFilter(c, f.direction());
        if (role == null) {
            return Mono.error(ApiException.forbidden("当前角色不能查看组织关系转接"));
        }
        Instant now = clock.instant();
        List<Bson> filters = new ArrayList<>(List.of(role));
        if (f.status() != null) {
            filters.add(Filters.eq("status", f.status().name()));
        }
        if (f.overdue() != null) {
            Bson overdue = Filters.and(Filters.eq("status", TransferStatus.REQUESTED.name()),
                    Filters.or(Filters.eq("overdue", true), Filters.lte("requestedAt", Date.from(now.minus(overdueAfter)))));
            filters.add(f.overdue() ? overdue : Filters.nor(overdue));
        }
        return transfers.page(Scope.of(c), Filters.and(filters), page, d -> view(d, now));
    }

    // ---------------------------------------------------------------- organisation moves

    /** Open transfers follow moves of their organisations (the paths decide what an ORG_ADMIN sees). */
    Mono<Void> organisationMoved(String allianceId, String orgId) {
        Scope scope = Scope.system(allianceId, null);
        return organisations.subtree(allianceId, orgId)
                .concatMap(o -> transfers.updateMany(scope, Filters.and(Filters.exists("openFor"), Filters.eq("fromOrgId", o.id())),
                                Updates.set("fromOrgPath", o.path()))
                        .then(transfers.updateMany(scope, Filters.and(Filters.exists("openFor"), Filters.eq("toOrgId", o.id())),
                                Updates.set("toOrgPath", o.path()))))
                .then();
    }

    // ---------------------------------------------------------------- mapping

    boolean overdue(Document d, Instant now) {
        return TransferStatus.REQUESTED.name().equals(d.getString("status"))
                && (d.getBoolean("overdue", false) || !d.getDate("requestedAt").toInstant().plus(overdueAfter).isAfter(now));
    }

    private TransferView view(Document d, Instant now) {
        TransferStatus status = TransferStatus.valueOf(d.getString("status"));
        Instant requested = d.getDate("requestedAt").toInstant();
        return new TransferView(d.getString("_id"), d.getString("memberId"), d.getString("memberName"), d.getString("fromOrgId"),
                d.getString("fromOrgName"), d.getString("fromTenantId"), d.getString("toOrgId"), d.getString("toOrgName"),
                d.getString("toTenantId"), d.getString("toEnterpriseId"), status.name(), status.label(), d.getString("note"),
                d.getString("reason"), overdue(d, now), status == TransferStatus.REQUESTED ? requested.plus(overdueAfter) : null,
                requested, d.getString("requestedByName"), instant(d.getDate("decidedAt")), d.getString("decidedByName"),
                instant(d.getDate("completedAt")), d.get("version", Number.class).longValue());
    }

    private static Instant instant(Date d) {
        return d == null ? null : d.toInstant();
    }

    private static TransferEvent snapshot(Document d, Instant at) {
        return new TransferEvent(d.getString("_id"), d.getString("allianceId"), d.getString("memberId"), d.getString("memberName"),
                d.getString("fromOrgId"), d.getString("fromTenantId"), d.getString("toOrgId"), d.getString("toTenantId"),
                d.getString("status"), d.getString("reason"), d.getBoolean("overdue", false), d.get("version", Number.class).longValue(),
                at.toString());
    }
}
