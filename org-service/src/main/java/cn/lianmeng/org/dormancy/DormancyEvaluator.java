package cn.lianmeng.org.dormancy;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import cn.lianmeng.org.dormancy.DormancyRules.Assessment;
import cn.lianmeng.org.dormancy.DormancyRules.HeldMeeting;
import cn.lianmeng.org.dormancy.DormancyRules.MemberAssessment;
import cn.lianmeng.org.dormancy.DormancyRules.MemberFacts;
import cn.lianmeng.org.dormancy.DormancyRules.OrgFacts;
import cn.lianmeng.org.dormancy.DormancyRules.Reason;
import cn.lianmeng.platform.audit.AuditLog;
import cn.lianmeng.platform.audit.AuditLog.Result;
import cn.lianmeng.platform.data.Scope;
import cn.lianmeng.platform.data.ScopedCollection;
import cn.lianmeng.platform.events.Outbox;
import cn.lianmeng.platform.events.OutboxMessage;
import cn.lianmeng.platform.events.OutboxRelay;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Applies {@link DormancyRules} to the stored facts and keeps each organisation's and member's assessment current.
 * An organisation's assessment is written with a guard on its {@code warningVersion} and organisation {@code version}
 * (concurrent evaluations — an event and the daily job — re-read and retry); a change of level or of the set of reason
 * codes leaves through the outbox as {@code DormancyWarningRaised} / {@code DormancyWarningCleared} on
 * {@value #TOPIC} in the same write, and is audited. Evaluating twice with the same facts changes nothing.
 */
@Component
public class DormancyEvaluator {

    public static final String TOPIC = "org.warning.v1";
    static final String SYSTEM_ACTOR = "system:dormancy";
    private static final Logger log = LoggerFactory.getLogger(DormancyEvaluator.class);
    private static final List<String> MEETING_TYPES = Arrays.stream(MeetingType.values()).map(Enum::name).toList();
    private static final int SCAN_BATCH = 500;

    private final DormancyStore store;
    private final SettingsStore settings;
    private final Outbox outbox;
    private final OutboxRelay relay;
    private final AuditLog audit;
    private final Clock clock;

    public DormancyEvaluator(DormancyStore store, SettingsStore settings, Outbox outbox, OutboxRelay relay, AuditLog audit, Clock clock) {
        this.store = store;
        this.settings = settings;
        this.outbox = outbox;
        this.relay = relay;
        this.audit = audit;
        this.clock = clock;
    }

    LocalDate today() {
        return DormancyRules.date(clock.instant());
    }

    Clock clock() {
        return clock;
    }

    /** Another evaluation changed the document between read and write: re-read and evaluate again. */
    static final class StaleAssessment extends RuntimeException {
        StaleAssessment() {
            super("assessment changed concurrently", null, false, false);
        }
    }

    /** Everything the rules need about one organisation document. */
    record Inputs(Document org, OrgFacts facts, MeetingSettings settings, Instant lastActivityAt, int memberWarnings,
                  Instant enterpriseLastActivityAt) {
    }

    Mono<Inputs> inputs(Document org) {
        String allianceId = org.getString("allianceId");
        String orgId = org.getString("_id");
        String tenantId = org.getString("tenantId");
        Scope s = Scope.system(allianceId, null);
        LocalDate today = today();
        Date windowStart = Date.from(Period.containing(Frequency.YEARLY, today).previous().start().atStartOfDay(DormancyRules.ZONE).toInstant());

        Mono<Document> enterprise = tenantId == null ? Mono.just(new Document())
                : store.enterprises.findById(s, tenantId).defaultIfEmpty(new Document());
        Mono<Long> fullMembers = store.members.count(s, Filters.and(Filters.eq("orgId", orgId), Filters.eq("active", true),
                Filters.eq("status", "FULL")));
        Mono<Long> memberWarnings = store.members.count(s, Filters.and(Filters.eq("orgId", orgId), Filters.eq("active", true),
                Filters.eq("warned", true)));
        Mono<Optional<Date>> latest = heldAt(s, orgId, Sorts.descending("heldAt"));
        Mono<Optional<Date>> earliest = heldAt(s, orgId, Sorts.ascending("heldAt"));
        Mono<List<HeldMeeting>> meetings = store.activities.find(s, Filters.and(Filters.eq("orgIds", orgId), Filters.eq("status", "HELD"),
                        Filters.gte("heldAt", windowStart), Filters.in("type", MEETING_TYPES)),
                        Projections.include("type", "heldAt", "organisations"), Sorts.ascending("heldAt"), 0, 5000)
                .flatMapIterable(d -> meeting(d, orgId).stream().toList())
                .collectList();

        return Mono.zip(settings.settings(allianceId), enterprise, fullMembers, memberWarnings, latest, earliest, meetings)
                .map(t -> {
                    Date last = t.getT5().orElse(null);
                    LocalDate created = DormancyRules.date(toInstant(org.getDate("createdAt")));
                    LocalDate first = t.getT6().map(d -> DormancyRules.date(d.toInstant())).orElse(null);
                    LocalDate existedSince = created == null ? first : first == null || created.isBefore(first) ? created : first;
                    boolean active = "ACTIVE".equals(org.getString("status")) && !"LEFT".equals(t.getT2().getString("status"));
                    Document secretary = org.get("secretary", Document.class);
                    OrgFacts facts = new OrgFacts(org.getString("kind"), active, existedSince, DormancyRules.date(toInstant(last)),
                            secretary != null, DormancyRules.date(toInstant(org.getDate("secretaryVacantSince"))),
                            parseDate(org.getString("termEnd")), t.getT3().intValue(), org.getInteger("committeeMembers", 0), t.getT7());
                    return new Inputs(org, facts, t.getT1(), toInstant(last), t.getT4().intValue(),
                            toInstant(t.getT2().getDate("lastActivityAt")));
                });
    }

    private Mono<Optional<Date>> heldAt(Scope s, String orgId, Bson sort) {
        return store.activities.find(s, Filters.eq("participantOrgIds", orgId), Projections.include("heldAt"), sort, 0, 1)
                .next().map(d -> Optional.ofNullable(d.getDate("heldAt"))).defaultIfEmpty(Optional.empty());
    }

    private static Optional<HeldMeeting> meeting(Document fact, String orgId) {
        MeetingType type = MeetingType.parse(fact.getString("type")).orElse(null);
        Date heldAt = fact.getDate("heldAt");
        if (type == null || heldAt == null) {
            return Optional.empty();
        }
        for (Document o : fact.getList("organisations", Document.class, List.of())) {
            if (orgId.equals(o.getString("orgId")) && Boolean.TRUE.equals(o.getBoolean("participated"))) {
                return Optional.of(new HeldMeeting(type, DormancyRules.date(heldAt.toInstant()), Boolean.TRUE.equals(o.getBoolean("valid"))));
            }
        }
        return Optional.empty();
    }

    static Instant toInstant(Date d) {
        return d == null ? null : d.toInstant();
    }

    static LocalDate parseDate(String s) {
        if (s == null) {
            return null;
        }
        try {
            return LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    // ---- organisations ----

    /** Re-evaluates one organisation (nothing when it is not known yet); answers whether its warning changed. */
    public Mono<Boolean> evaluateOrg(String allianceId, String orgId) {
        Scope s = Scope.system(allianceId, null);
        return Mono.defer(() -> store.orgs.findById(s, orgId).flatMap(org -> inputs(org).flatMap(this::write)))
                .retryWhen(Retry.max(8).filter(StaleAssessment.class::isInstance))
                .defaultIfEmpty(false);
    }

    private Mono<Boolean> write(Inputs in) {
        Document org = in.org();
        String orgId = org.getString("_id");
        String allianceId = org.getString("allianceId");
        String tenantId = org.getString("tenantId");
        Assessment a = DormancyRules.assess(in.facts(), in.settings(), today());
        List<Document> reasons = a.reasons().stream().map(DormancyEvaluator::reasonDocument).toList();
        Document state = new Document("level", a.level().name())
                .append("levelRank", a.level().rank())
                .append("reasons", reasons)
                .append("lastActivityAt", in.lastActivityAt() == null ? null : Date.from(in.lastActivityAt()))
                .append("fullMembers", in.facts().fullMembers())
                .append("hasCommittee", a.hasCommittee())
                .append("memberWarnings", in.memberWarnings());
        boolean unchanged = state.entrySet().stream().allMatch(e -> same(e.getValue(), org.get(e.getKey())));
        if (unchanged) {
            return Mono.just(false);
        }
        String previousLevel = Objects.toString(org.getString("level"), WarningLevel.NONE.name());
        List<String> previousCodes = org.getList("reasons", Document.class, List.of()).stream().map(d -> d.getString("code")).toList();
        List<String> codes = a.reasons().stream().map(Reason::code).toList();
        boolean material = !previousLevel.equals(a.level().name()) || !previousCodes.equals(codes);
        Number wv = org.get("warningVersion", Number.class);
        long nextVersion = wv == null ? 1 : wv.longValue() + 1;
        Instant now = clock.instant();
        Date since = !previousLevel.equals(a.level().name()) ? (a.level() == WarningLevel.NONE ? null : Date.from(now)) : org.getDate("warningSince");

        List<Bson> sets = new ArrayList<>();
        state.forEach((k, v) -> sets.add(Updates.set(k, v)));
        sets.add(Updates.set("warningSince", since));
        sets.add(Updates.set("changedAt", Date.from(now)));
        sets.add(Updates.set("warningVersion", nextVersion));
        String eventType = a.level() == WarningLevel.NONE ? "DormancyWarningCleared" : "DormancyWarningRaised";
        if (material) {
            Document secretary = org.get("secretary", Document.class);
            DormancyWarningEvent body = new DormancyWarningEvent(orgId, allianceId, tenantId, org.getString("name"), org.getString("kind"),
                    org.getString("parkId"), org.getString("buildingId"), a.level().name(), a.level().label(), previousLevel,
                    a.reasons().stream().map(r -> new DormancyWarningEvent.ReasonBody(r.code(), r.level().name(), r.text(), r.since().toString())).toList(),
                    secretary == null ? null : secretary.getString("memberId"), secretary == null ? null : secretary.getString("name"),
                    since == null ? null : since.toInstant().toString(), nextVersion, now.toString());
            OutboxMessage event = outbox.message(TOPIC, eventType, orgId, allianceId, tenantId, body);
            sets.add(Outbox.push(event));
        }
        Bson guard = Filters.and(Filters.eq("_id", orgId), Filters.eq("warningVersion", wv == null ? null : wv.longValue()),
                Filters.eq("version", org.get("version")));
        Scope s = Scope.system(allianceId, null);
        return store.orgs.updateAndGet(s, guard, Updates.combine(sets))
                .switchIfEmpty(Mono.error(StaleAssessment::new))
                .flatMap(d -> {
                    if (!material) {
                        return Mono.just(true);
                    }
                    relay.relaySoon(store.orgs, orgId);
                    return audit.record(SYSTEM_ACTOR, "防瘫预警", allianceId, tenantId,
                                    a.level() == WarningLevel.NONE ? "DORMANCY_WARNING_CLEARED" : "DORMANCY_WARNING_RAISED",
                                    "organisation", orgId, Result.SUCCESS,
                                    Map.of("level", a.level().name(), "previousLevel", previousLevel, "reasons", String.join(",", codes)))
                            .thenReturn(true);
                });
    }

    static Document reasonDocument(Reason r) {
        return new Document("code", r.code()).append("level", r.level().name()).append("text", r.text()).append("since", r.since().toString());
    }

    private static boolean same(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return x.longValue() == y.longValue();
        }
        return Objects.equals(a, b);
    }

    // ---- members ----

    /** Re-evaluates one member; answers whether their warned state flipped (the organisation's count then changes). */
    public Mono<Boolean> evaluateMember(String allianceId, String memberId) {
        Scope s = Scope.system(allianceId, null);
        return store.members.findById(s, memberId).flatMap(m -> lastOrgLife(s, memberId).flatMap(last -> {
            MemberFacts facts = new MemberFacts(!Boolean.FALSE.equals(m.getBoolean("active")),
                    DormancyRules.date(toInstant(m.getDate("joinedAt"))), DormancyRules.date(last.orElse(null)));
            MemberAssessment a = DormancyRules.assessMember(facts, today());
            Document state = new Document("lastOrgLifeAt", last.map(Date::from).orElse(null))
                    .append("warned", a.warned())
                    .append("warningText", a.text())
                    .append("warningSince", a.since() == null ? null : a.since().toString())
                    .append("warningReference", a.reference() == null ? null : a.reference().toString());
            if (state.entrySet().stream().allMatch(e -> same(e.getValue(), m.get(e.getKey())))) {
                return Mono.just(false);
            }
            boolean flipped = Boolean.TRUE.equals(m.getBoolean("warned")) != a.warned();
            List<Bson> sets = new ArrayList<>();
            state.forEach((k, v) -> sets.add(Updates.set(k, v)));
            // a member event landing meanwhile re-evaluates afterwards, so a lost race here is repaired at once
            return store.members.updateOne(s, Filters.and(Filters.eq("_id", memberId), Filters.eq("version", m.get("version"))),
                    Updates.combine(sets)).thenReturn(flipped);
        })).defaultIfEmpty(false);
    }

    private Mono<Optional<Instant>> lastOrgLife(Scope s, String memberId) {
        return store.attendance.find(s, Filters.and(Filters.eq("memberId", memberId), Filters.eq("counts", true)),
                        Projections.include("at"), Sorts.descending("at"), 0, 1)
                .next().map(d -> Optional.ofNullable(toInstant(d.getDate("at")))).defaultIfEmpty(Optional.empty());
    }

    /** Evaluates a member and, when their warned state flipped, their organisation's member-warning count. */
    public Mono<Void> evaluateMemberAndOrg(String allianceId, String memberId) {
        return evaluateMember(allianceId, memberId).flatMap(flipped -> !flipped ? Mono.<Void>empty()
                : store.members.findById(Scope.system(allianceId, null), memberId)
                .flatMap(m -> m.getString("orgId") == null ? Mono.empty() : evaluateOrg(allianceId, m.getString("orgId")))
                .then());
    }

    // ---- bulk ----

    /**
     * Re-evaluates every member, then every organisation, visible to the scope (the daily job: unrestricted; a change
     * of an alliance's settings: that alliance). Answers how many organisations were evaluated.
     */
    public Mono<Long> evaluateAll(Scope scope) {
        return scan(store.members, scope, new Document())
                .flatMap(m -> evaluateMember(m.getString("allianceId"), m.getString("_id"))
                        .onErrorResume(e -> skip("member", m, e)), 4)
                .then(scan(store.orgs, scope, new Document())
                        .flatMap(o -> evaluateOrg(o.getString("allianceId"), o.getString("_id"))
                                .onErrorResume(e -> skip("organisation", o, e)), 4)
                        .count());
    }

    private static Mono<Boolean> skip(String what, Document d, Throwable e) {
        log.warn("Dormancy evaluation of {} {} failed, the next run retries: {}", what, d.get("_id"), e.toString());
        return Mono.just(false);
    }

    /** Every document of the collection in scope, by ascending id, in batches (only _id and allianceId). */
    static Flux<Document> scan(ScopedCollection c, Scope scope, Bson filter) {
        return batch(c, scope, filter, null)
                .expand(list -> list.size() < SCAN_BATCH ? Mono.empty() : batch(c, scope, filter, list.get(list.size() - 1).get("_id")))
                .flatMapIterable(l -> l);
    }

    private static Mono<List<Document>> batch(ScopedCollection c, Scope scope, Bson filter, Object after) {
        Bson f = after == null ? filter : Filters.and(filter, Filters.gt("_id", after));
        return c.find(scope, f, Projections.include("_id", "allianceId"), Sorts.ascending("_id"), 0, SCAN_BATCH).collectList();
    }
}
