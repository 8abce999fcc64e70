package cn.lianmeng.activity.settings;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import cn.lianmeng.activity.activity.ActivityType;
import cn.lianmeng.platform.audit.AuditLog;
import cn.lianmeng.platform.audit.AuditLog.Result;
import cn.lianmeng.platform.data.MongoAccess;
import cn.lianmeng.platform.data.Scope;
import cn.lianmeng.platform.data.ScopeRule;
import cn.lianmeng.platform.data.ScopedCollection;
import cn.lianmeng.platform.security.Caller;
import cn.lianmeng.platform.security.Role;
import cn.lianmeng.platform.web.ApiException;
import cn.lianmeng.platform.web.FieldProblem;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.bson.Document;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/** Per-alliance activity settings: check-in and points switches, check-in window, meeting frequencies. */
@Service
public class SettingsService {

    private final ScopedCollection settings;
    private final AuditLog audit;
    private final Clock clock;

    public SettingsService(MongoAccess mongo, AuditLog audit, Clock clock) {
        this.settings = mongo.collection("alliance_settings", ScopeRule.allianceOwned());
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
            Map<String, String> meetingFrequencies) {
    }

    private record Cached(AllianceSettings settings, long until) {
    }

    /** Read on every check-in: kept for a few seconds (another instance's change shows within {@value #CACHE_MILLIS} ms). */
    static final long CACHE_MILLIS = 5_000;
    private final java.util.Map<String, Cached> cache = new java.util.concurrent.ConcurrentHashMap<>();

    /** The settings of an alliance (defaults until an administrator changes them). */
    public Mono<AllianceSettings> get(String allianceId) {
        long now = System.currentTimeMillis();
        Cached hit = cache.get(allianceId);
        if (hit != null && hit.until() > now) {
            return Mono.just(hit.settings());
        }
        return settings.findById(Scope.system(allianceId, null), allianceId)
                .map(d -> AllianceSettings.of(allianceId, d))
                .defaultIfEmpty(AllianceSettings.defaults(allianceId))
                .doOnNext(s -> cache.put(allianceId, new Cached(s, now + CACHE_MILLIS)));
    }

    public Mono<AllianceSettings> update(Caller caller, Update req) {
        if (!caller.has(Role.ALLIANCE_ADMIN)) {
            return Mono.error(ApiException.forbidden("仅联盟管理员可修改活动设置"));
        }
        List<FieldProblem> errors = new ArrayList<>();
        Map<String, String> frequencies = new LinkedHashMap<>();
        if (req.meetingFrequencies() != null) {
            req.meetingFrequencies().forEach((type, freq) -> {
                ActivityType t = ActivityType.parse(type).orElse(null);
                if (t == null || !AllianceSettings.DEFAULT_FREQUENCIES.containsKey(t)) {
                    errors.add(new FieldProblem("meetingFrequencies", "“" + type + "”不是有频次要求的会议类型，可选："
                            + String.join("、", AllianceSettings.DEFAULT_FREQUENCIES.keySet().stream().map(Enum::name).sorted().toList())));
                    return;
                }
                try {
                    frequencies.put(t.name(), Frequency.valueOf(freq == null ? "" : freq.strip()).name());
                } catch (IllegalArgumentException e) {
                    errors.add(new FieldProblem("meetingFrequencies." + t.name(), "须为 MONTHLY、QUARTERLY 或 YEARLY"));
                }
            });
        }
        if (!errors.isEmpty()) {
            return Mono.error(ApiException.invalid(errors));
        }
        String allianceId = caller.allianceId();
        Scope scope = Scope.of(caller);
        Date now = Date.from(clock.instant());
        Document fields = new Document("checkInEnabled", req.checkInEnabled()).append("pointsEnabled", req.pointsEnabled())
                .append("checkInOpensMinutesBefore", req.checkInOpensMinutesBefore())
                .append("checkInClosesMinutesAfter", req.checkInClosesMinutesAfter())
                .append("lateAfterMinutes", req.lateAfterMinutes())
                .append("meetingFrequencies", new Document(frequencies))
                .append("updatedAt", now).append("updatedBy", caller.accountId());
        Mono<Document> write;
        if (req.version() == 0) {
            Document doc = new Document("_id", allianceId).append("allianceId", allianceId).append("version", 1L);
            doc.putAll(fields);
            write = settings.insert(scope, doc).onErrorMap(ScopedCollection::isDuplicateKey,
                    e -> ApiException.conflict("version", "设置已被他人修改，请刷新后重试"));
        } else {
            List<org.bson.conversions.Bson> sets = new ArrayList<>();
            fields.forEach((k, v) -> sets.add(Updates.set(k, v)));
            sets.add(Updates.inc("version", 1L));
            write = settings.updateAndGet(scope, Filters.and(Filters.eq("_id", allianceId), Filters.eq("version", req.version())),
                            Updates.combine(sets))
                    .switchIfEmpty(Mono.error(() -> ApiException.conflict("version", "设置已被他人修改，请刷新后重试")));
        }
        return write.doOnNext(d -> cache.remove(allianceId)).flatMap(d -> audit.record(caller, "ACTIVITY_SETTINGS_UPDATED", "alliance-settings", allianceId, null,
                        Result.SUCCESS, Map.of("checkInEnabled", req.checkInEnabled(), "pointsEnabled", req.pointsEnabled()))
                .thenReturn(AllianceSettings.of(allianceId, d)));
    }
}
