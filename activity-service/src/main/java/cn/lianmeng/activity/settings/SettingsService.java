package cn.lianmeng.activity.settings;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import cn.lianmeng.activity.activity.Times;
import cn.lianmeng.platform.audit.AuditLog;
import cn.lianmeng.platform.audit.AuditLog.Result;
import cn.lianmeng.platform.data.MongoAccess;
import cn.lianmeng.platform.data.Scope;
import cn.lianmeng.platform.data.ScopeRule;
import cn.lianmeng.platform.data.ScopedCollection;
import cn.lianmeng.platform.security.Caller;
import cn.lianmeng.platform.security.Role;
import cn.lianmeng.platform.web.ApiException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Null;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Per-alliance activity settings: check-in and points switches and the check-in window (changed here), and the
 * meeting frequencies — owned by org-service ({@code PUT /api/org/alliance-settings/meetings}), followed from its
 * {@code MeetingSettingsChanged} events ({@link MeetingSettingsReadModel}) and shown here read-only.
 */
@Service
public class SettingsService {

    /** Why {@code meetingFrequencies} is refused on {@code PUT /api/activity/settings}. */
    public static final String FREQUENCIES_OWNED_ELSEWHERE = "会议频次由联盟在组织管理中统一设置，此处不可修改，请使用 PUT "
            + MeetingSettingsReadModel.OWNER_ENDPOINT;

    private final ScopedCollection settings;
    private final MeetingSettingsReadModel meetings;
    private final AuditLog audit;
    private final Clock clock;

    public SettingsService(MongoAccess mongo, MeetingSettingsReadModel meetings, AuditLog audit, Clock clock) {
        this.settings = mongo.collection("alliance_settings", ScopeRule.allianceOwned());
        this.meetings = meetings;
        this.audit = audit;
        this.clock = clock;
    }

    public record Update(
            @NotNull(message = "不能为空（用于并发控制，首次设置为 0）") Long version,
            @NotNull(message = "不能为空") Boolean checkInEnabled,
            @NotNull(message = "不能为空") Boolean pointsEnabled,
            @NotNull(message = "不能为空") @Min(value = 0, message = "不能为负数") @Max(value = 240, message = "不能超过 240 分钟") Integer checkInOpensMinutesBefore,
            @NotNull(message = "不能为空") @Min(value = 0, message = "不能为负数") @Max(value = 240, message = "不能超过 240 分钟") Integer checkInClosesMinutesAfter,
            @NotNull(message = "不能为空") @Min(value = 0, message = "不能为负数") @Max(value = 120, message = "不能超过 120 分钟") Integer lateAfterMinutes,
            /* accepted only to be refused by name: the frequencies are org-service's */
            @Null(message = FREQUENCIES_OWNED_ELSEWHERE) Object meetingFrequencies) {
    }

    public record RuleView(String type, String label, String frequency, String frequencyLabel, List<String> kinds, boolean committeeOnly) {
    }

    /** The meeting frequencies in effect, read-only: where they are owned, their version there, the rules. */
    public record MeetingSettingsView(boolean readOnly, String owner, String managedAt, String note, long version, boolean defaults,
                                      List<RuleView> rules, int committeeFullMembers, OffsetDateTime updatedAt) {
    }

    public record SettingsView(String allianceId, boolean checkInEnabled, boolean pointsEnabled, int checkInOpensMinutesBefore,
                               int checkInClosesMinutesAfter, int lateAfterMinutes, long version,
                               Map<String, String> meetingFrequencies, MeetingSettingsView meetingSettings) {
    }

    public static SettingsView view(AllianceSettings s) {
        MeetingRules m = s.meetings();
        List<RuleView> rules = m.rules().stream().map(r -> new RuleView(r.type().name(), r.type().label(), r.frequency().name(),
                r.frequency().label(), MeetingRules.KINDS.stream().filter(r.kinds()::contains).toList(), r.committeeOnly())).toList();
        MeetingSettingsView meetingView = new MeetingSettingsView(true, "org-service", "PUT " + MeetingSettingsReadModel.OWNER_ENDPOINT,
                "会议频次及适用组织类型由联盟管理员在组织管理中统一设置（" + MeetingSettingsReadModel.OWNER_ENDPOINT
                        + "），会议落实情况与防瘫预警使用同一套规则；此处只读",
                m.version(), m.version() == 0, rules, m.committeeFullMembers(), Times.view(m.updatedAt()));
        return new SettingsView(s.allianceId(), s.checkInEnabled(), s.pointsEnabled(), s.checkInOpensMinutesBefore(),
                s.checkInClosesMinutesAfter(), s.lateAfterMinutes(), s.version(), m.frequencies(), meetingView);
    }

    private record Cached(AllianceSettings settings, long until) {
    }

    /**
     * Read on every check-in: kept for a few seconds (another instance's change shows within {@value #CACHE_MILLIS}
     * ms); dropped at once on this instance when its settings or its meeting frequencies change.
     */
    static final long CACHE_MILLIS = 5_000;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    /** The settings of an alliance (defaults until an administrator changes them). */
    public Mono<AllianceSettings> get(String allianceId) {
        long now = System.currentTimeMillis();
        Cached hit = cache.get(allianceId);
        if (hit != null && hit.until() > now) {
            return Mono.just(hit.settings());
        }
        return settings.findById(Scope.system(allianceId, null), allianceId)
                .map(java.util.Optional::of).defaultIfEmpty(java.util.Optional.empty())
                .zipWith(meetings.get(allianceId))
                .map(t -> AllianceSettings.of(allianceId, t.getT1().orElse(null), t.getT2()))
                .doOnNext(s -> cache.put(allianceId, new Cached(s, now + CACHE_MILLIS)));
    }

    /** Forgets the cached settings of an alliance (after a change here or of its meeting frequencies). */
    public void evict(String allianceId) {
        cache.remove(allianceId);
    }

    public Mono<AllianceSettings> update(Caller caller, Update req) {
        if (!caller.has(Role.ALLIANCE_ADMIN)) {
            return Mono.error(ApiException.forbidden("仅联盟管理员可修改活动设置"));
        }
        if (req.meetingFrequencies() != null) { // bean validation refuses it first; kept for callers that skip it
            return Mono.error(ApiException.badRequest("meetingFrequencies", FREQUENCIES_OWNED_ELSEWHERE));
        }
        String allianceId = caller.allianceId();
        Scope scope = Scope.of(caller);
        Date now = Date.from(clock.instant());
        Document fields = new Document("checkInEnabled", req.checkInEnabled()).append("pointsEnabled", req.pointsEnabled())
                .append("checkInOpensMinutesBefore", req.checkInOpensMinutesBefore())
                .append("checkInClosesMinutesAfter", req.checkInClosesMinutesAfter())
                .append("lateAfterMinutes", req.lateAfterMinutes())
                .append("updatedAt", now).append("updatedBy", caller.accountId());
        Mono<Document> write;
        if (req.version() == 0) {
            Document doc = new Document("_id", allianceId).append("allianceId", allianceId).append("version", 1L);
            doc.putAll(fields);
            write = settings.insert(scope, doc).onErrorMap(ScopedCollection::isDuplicateKey,
                    e -> ApiException.conflict("version", "设置已被他人修改，请刷新后重试"));
        } else {
            List<Bson> sets = new ArrayList<>();
            fields.forEach((k, v) -> sets.add(Updates.set(k, v)));
            sets.add(Updates.inc("version", 1L));
            write = settings.updateAndGet(scope, Filters.and(Filters.eq("_id", allianceId), Filters.eq("version", req.version())),
                            Updates.combine(sets))
                    .switchIfEmpty(Mono.error(() -> ApiException.conflict("version", "设置已被他人修改，请刷新后重试")));
        }
        return write.doOnNext(d -> evict(allianceId))
                .flatMap(d -> audit.record(caller, "ACTIVITY_SETTINGS_UPDATED", "alliance-settings", allianceId, null,
                        Result.SUCCESS, Map.of("checkInEnabled", req.checkInEnabled(), "pointsEnabled", req.pointsEnabled(),
                                "checkInOpensMinutesBefore", req.checkInOpensMinutesBefore(),
                                "checkInClosesMinutesAfter", req.checkInClosesMinutesAfter(), "lateAfterMinutes", req.lateAfterMinutes()))
                        .then(meetings.get(allianceId))
                        .map(m -> AllianceSettings.of(allianceId, d, m)));
    }
}
