package cn.lianmeng.org.dormancy;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
import cn.lianmeng.platform.web.FieldProblem;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * An alliance's meeting frequencies (DESIGN §3 defaults, configurable): read by the four roles that see warnings,
 * changed by ALLIANCE_ADMIN only, versioned (a stale {@code version} is 409; version 0 means "still the defaults"),
 * audited. A change re-evaluates every organisation of the alliance in the background and publishes
 * {@value #CHANGED} on {@value #TOPIC} (key = alliance id) in the same document write: org-service is the single owner
 * of the frequencies, activity-service's meeting compliance follows them from that event. The defaults (version 0)
 * are implicit on both sides, so nothing is published until the first change.
 */
@Service
public class MeetingSettingsService {

    /** Topic of {@value #CHANGED}: key = alliance id, body = {@link MeetingSettingsChanged}. */
    public static final String TOPIC = "org.meeting-settings.v1";
    public static final String CHANGED = "MeetingSettingsChanged";

    static final Set<Role> READERS = Set.of(Role.ALLIANCE_ADMIN, Role.ENTERPRISE_ADMIN, Role.ORG_ADMIN, Role.DISTRICT_STAFF);
    private static final Logger log = LoggerFactory.getLogger(MeetingSettingsService.class);

    private final DormancyStore store;
    private final SettingsStore settings;
    private final DormancyEvaluator evaluator;
    private final AuditLog audit;
    private final Outbox outbox;
    private final OutboxRelay relay;
    private final Clock clock;

    public MeetingSettingsService(DormancyStore store, SettingsStore settings, DormancyEvaluator evaluator, AuditLog audit, Outbox outbox,
                                  OutboxRelay relay, Clock clock) {
        this.store = store;
        this.settings = settings;
        this.evaluator = evaluator;
        this.audit = audit;
        this.outbox = outbox;
        this.relay = relay;
        this.clock = clock;
    }

    /** One rule of the {@value #CHANGED} body. */
    public record RuleEvent(String type, String frequency, List<String> kinds, boolean committeeOnly) {
    }

    /**
     * The {@value #CHANGED} body: the complete rule list after the change (every type, defaults included) and the
     * settings' version; {@code committeeFullMembers} is the threshold of the committee rule ({@link #COMMITTEE_RULE}).
     */
    public record MeetingSettingsChanged(String allianceId, long version, List<RuleEvent> meetings, int committeeFullMembers,
                                         String updatedAt, String occurredAt) {
    }

    public record RuleView(String type, String label, String frequency, String frequencyLabel, List<String> kinds, boolean committeeOnly) {
    }

    public record SettingsView(String allianceId, long version, boolean defaults, List<RuleView> meetings, String committeeRule,
                               Date updatedAt, String updatedBy) {
    }

    public record RuleRequest(String type, String frequency, List<String> kinds, Boolean committeeOnly) {
    }

    public record UpdateRequest(Long version, List<RuleRequest> meetings) {
    }

    static final String COMMITTEE_RULE = "“仅限设支委会的组织”指：党委、党总支，或委员中有支委（COMMITTEE_MEMBER）的支部，或正式党员达到"
            + DormancyRules.COMMITTEE_FULL_MEMBERS + "名及以上的支部";

    public Mono<SettingsView> get(Caller caller) {
        if (!caller.hasAny(READERS)) {
            return Mono.error(ApiException.forbidden());
        }
        return settings.stored(Scope.of(caller), caller.allianceId()).map(s -> view(caller.allianceId(), s));
    }

    public Mono<SettingsView> update(Caller caller, UpdateRequest req) {
        if (!caller.has(Role.ALLIANCE_ADMIN)) {
            return Mono.error(ApiException.forbidden("仅联盟管理员可修改会议频次"));
        }
        List<FieldProblem> errors = new ArrayList<>();
        if (req == null || req.version() == null) {
            errors.add(new FieldProblem("version", "不能为空（首次修改时为 0）"));
        } else if (req.version() < 0) {
            errors.add(new FieldProblem("version", "不能小于 0"));
        }
        List<MeetingRule> changes = req == null ? List.of() : parse(req.meetings(), errors);
        if (!errors.isEmpty()) {
            return Mono.error(ApiException.invalid(errors));
        }
        String allianceId = caller.allianceId();
        Scope scope = Scope.of(caller);
        long expected = req.version();
        return settings.stored(scope, allianceId).flatMap(current -> {
            if (current.version() != expected) {
                return Mono.error(ApiException.conflict("version", "会议频次已被他人修改（当前版本 " + current.version() + "），请刷新后重试"));
            }
            MeetingSettings next = current.settings().with(changes);
            Instant now = clock.instant();
            OutboxMessage event = outbox.message(TOPIC, CHANGED, allianceId, allianceId, null, new MeetingSettingsChanged(allianceId,
                    expected + 1, next.rules().stream().map(r -> new RuleEvent(r.type().name(), r.frequency().name(),
                            MeetingSettings.KINDS.stream().filter(r.kinds()::contains).toList(), r.committeeOnly())).toList(),
                    DormancyRules.COMMITTEE_FULL_MEMBERS, now.toString(), now.toString()));
            Mono<Document> write;
            if (expected == 0) {
                Document doc = Outbox.withOutbox(new Document("_id", allianceId).append("allianceId", allianceId).append("version", 1L)
                        .append("meetings", SettingsStore.toDocuments(next)).append("updatedAt", Date.from(now))
                        .append("updatedBy", caller.actorName()), event);
                write = store.settings.insert(scope, doc)
                        .onErrorMap(ScopedCollection::isDuplicateKey, e -> ApiException.conflict("version", "会议频次刚被他人修改，请刷新后重试"));
            } else {
                write = store.settings.updateAndGet(scope, Filters.and(Filters.eq("_id", allianceId), Filters.eq("version", expected)),
                                Updates.combine(Updates.set("meetings", SettingsStore.toDocuments(next)), Updates.set("version", expected + 1),
                                        Updates.set("updatedAt", Date.from(now)), Updates.set("updatedBy", caller.actorName()),
                                        Outbox.push(event)))
                        .switchIfEmpty(Mono.error(() -> ApiException.conflict("version", "会议频次刚被他人修改，请刷新后重试")));
            }
            return write.doOnNext(doc -> relay.relaySoon(store.settings, allianceId))
                    .flatMap(doc -> audit.record(caller, "MEETING_SETTINGS_UPDATED", "meeting_settings", allianceId, null, Result.SUCCESS,
                                    Map.of("version", doc.get("version"), "changes", changes.stream()
                                            .map(r -> r.type() + "=" + r.frequency() + r.kinds().stream().sorted().toList()
                                                    + (r.committeeOnly() ? "(committee)" : "")).toList().toString()))
                            .thenReturn(doc))
                    .doOnSuccess(doc -> evaluator.evaluateAll(Scope.system(allianceId, null))
                            .subscribeOn(Schedulers.boundedElastic())
                            .subscribe(n -> log.info("Re-evaluated {} organisations of alliance {} after a settings change", n, allianceId),
                                    e -> log.warn("Re-evaluation of alliance {} after a settings change failed, the daily run repeats it: {}",
                                            allianceId, e.toString())))
                    .map(doc -> view(allianceId, SettingsStore.fromDocument(doc)));
        });
    }

    private static List<MeetingRule> parse(List<RuleRequest> meetings, List<FieldProblem> errors) {
        if (meetings == null || meetings.isEmpty()) {
            errors.add(new FieldProblem("meetings", "至少给出一种会议的频次"));
            return List.of();
        }
        List<MeetingRule> rules = new ArrayList<>();
        Set<MeetingType> seen = new HashSet<>();
        for (int i = 0; i < meetings.size(); i++) {
            RuleRequest r = meetings.get(i);
            String at = "meetings[" + i + "]";
            if (r == null) {
                errors.add(new FieldProblem(at, "不能为空"));
                continue;
            }
            MeetingType type = MeetingType.parse(r.type()).orElse(null);
            if (type == null) {
                errors.add(new FieldProblem(at + ".type", "须为 BRANCH_ASSEMBLY、BRANCH_COMMITTEE、GROUP_MEETING、PARTY_LESSON、THEME_DAY、ORG_LIFE_MEETING 或 DEMOCRATIC_APPRAISAL"));
            } else if (!seen.add(type)) {
                errors.add(new FieldProblem(at + ".type", "会议类型重复：" + type.name()));
            }
            Frequency frequency = Frequency.parse(r.frequency()).orElse(null);
            if (frequency == null) {
                errors.add(new FieldProblem(at + ".frequency", "须为 MONTHLY、QUARTERLY、YEARLY 或 NONE"));
            }
            Set<String> kinds = new LinkedHashSet<>();
            if (r.kinds() == null || (r.kinds().isEmpty() && frequency != Frequency.NONE)) {
                errors.add(new FieldProblem(at + ".kinds", "须列出适用的组织类型（COMMITTEE、GENERAL_BRANCH、BRANCH、JOINT_BRANCH、GROUP）"));
            } else {
                for (int k = 0; k < r.kinds().size(); k++) {
                    String kind = r.kinds().get(k);
                    if (!MeetingSettings.KINDS.contains(kind)) {
                        errors.add(new FieldProblem(at + ".kinds[" + k + "]", "须为 COMMITTEE、GENERAL_BRANCH、BRANCH、JOINT_BRANCH 或 GROUP"));
                    } else {
                        kinds.add(kind);
                    }
                }
            }
            if (type != null && frequency != null) {
                rules.add(new MeetingRule(type, frequency, kinds, Boolean.TRUE.equals(r.committeeOnly())));
            }
        }
        return rules;
    }

    static SettingsView view(String allianceId, SettingsStore.Stored s) {
        List<RuleView> rules = s.settings().rules().stream().map(r -> new RuleView(r.type().name(), r.type().label(), r.frequency().name(),
                r.frequency().label(), MeetingSettings.KINDS.stream().filter(r.kinds()::contains).toList(), r.committeeOnly())).toList();
        return new SettingsView(allianceId, s.version(), s.version() == 0, rules, COMMITTEE_RULE, s.updatedAt(), s.updatedBy());
    }
}
