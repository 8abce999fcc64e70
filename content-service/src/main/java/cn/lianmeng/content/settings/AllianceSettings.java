package cn.lianmeng.content.settings;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import cn.lianmeng.content.config.ContentProperties;
import cn.lianmeng.platform.audit.AuditLog;
import cn.lianmeng.platform.data.MongoAccess;
import cn.lianmeng.platform.data.Scope;
import cn.lianmeng.platform.data.ScopeRule;
import cn.lianmeng.platform.data.ScopedCollection;
import cn.lianmeng.platform.security.Caller;
import cn.lianmeng.platform.security.Role;
import cn.lianmeng.platform.web.ApiException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.bson.Document;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Per-alliance switches of content-service (anti-formalism, DESIGN §3: points are off unless an alliance turns them on
 * and are never ranked publicly): study points, comment moderation, the alliance's own forbidden words (added to the
 * configured ones). One document per alliance; ALLIANCE_ADMIN changes it, with a version check.
 */
@Service
public class AllianceSettings {

    private final ScopedCollection settings;
    private final ContentProperties properties;
    private final AuditLog audit;
    private final Clock clock;

    public AllianceSettings(MongoAccess mongo, ContentProperties properties, AuditLog audit, Clock clock) {
        this.settings = mongo.collection("content_settings", ScopeRule.allianceOwned());
        this.properties = properties;
        this.audit = audit;
        this.clock = clock;
    }

    @Schema(description = "联盟内容设置")
    public record Settings(@Schema(description = "是否启用学习积分（默认关闭，不公开排名）") boolean pointsEnabled,
                           @Schema(description = "每学时积分") int pointsPerHour,
                           @Schema(description = "评论是否先审后发（默认是）") boolean commentModeration,
                           @Schema(description = "本联盟追加的禁用词") List<String> forbiddenWords,
                           long version) {
    }

    public record Update(@NotNull(message = "不能为空（用于并发控制）") Long version,
                         @NotNull(message = "不能为空") Boolean pointsEnabled,
                         @NotNull(message = "不能为空") @Min(value = 1, message = "须在 1 到 100 之间") @Max(value = 100, message = "须在 1 到 100 之间") Integer pointsPerHour,
                         @NotNull(message = "不能为空") Boolean commentModeration,
                         @Size(max = 500, message = "最多 500 个") List<@NotBlank(message = "不能为空") @Size(max = 20, message = "每个不超过 20 字") String> forbiddenWords) {
    }

    static final Settings DEFAULTS = new Settings(false, 10, true, List.of(), 0);

    /** The alliance's settings (defaults until an admin saves some). */
    public Mono<Settings> of(String allianceId) {
        return settings.findById(Scope.system(allianceId, null), allianceId).map(AllianceSettings::view).defaultIfEmpty(DEFAULTS);
    }

    /** Configured words plus the alliance's own. */
    public Mono<List<String>> forbiddenWords(String allianceId) {
        return of(allianceId).map(s -> {
            LinkedHashSet<String> words = new LinkedHashSet<>(properties.getComments().getForbiddenWords());
            words.addAll(s.forbiddenWords());
            return List.copyOf(words);
        });
    }

    public Mono<Settings> get(Caller caller) {
        if (!caller.has(Role.ALLIANCE_ADMIN)) {
            return Mono.error(ApiException.forbidden("仅联盟管理员可查看内容设置"));
        }
        return of(caller.allianceId());
    }

    public Mono<Settings> update(Caller caller, Update req) {
        if (!caller.has(Role.ALLIANCE_ADMIN)) {
            return Mono.error(ApiException.forbidden("仅联盟管理员可修改内容设置"));
        }
        String allianceId = caller.allianceId();
        Scope scope = Scope.of(caller);
        List<String> words = req.forbiddenWords() == null ? List.of()
                : new ArrayList<>(new LinkedHashSet<>(req.forbiddenWords().stream().map(String::strip).toList()));
        Document fields = new Document("pointsEnabled", req.pointsEnabled()).append("pointsPerHour", req.pointsPerHour())
                .append("commentModeration", req.commentModeration()).append("forbiddenWords", words)
                .append("updatedAt", Date.from(clock.instant())).append("updatedBy", caller.accountId());
        Mono<Document> write = req.version() == 0
                ? settings.insert(scope, new Document(fields).append("_id", allianceId).append("allianceId", allianceId).append("version", 1L))
                        .onErrorMap(ScopedCollection::isDuplicateKey, e -> ApiException.conflict("version", "设置已被他人修改，请刷新后重试"))
                : settings.updateAndGet(scope, Filters.and(Filters.eq("_id", allianceId), Filters.eq("version", req.version())),
                                Updates.combine(Updates.set("pointsEnabled", req.pointsEnabled()), Updates.set("pointsPerHour", req.pointsPerHour()),
                                        Updates.set("commentModeration", req.commentModeration()), Updates.set("forbiddenWords", words),
                                        Updates.set("updatedAt", fields.getDate("updatedAt")), Updates.set("updatedBy", caller.accountId()),
                                        Updates.inc("version", 1L)))
                        .switchIfEmpty(Mono.error(() -> ApiException.conflict("version", "设置已被他人修改，请刷新后重试")));
        return write.flatMap(d -> audit.record(caller, "CONTENT_SETTINGS_UPDATED", "content-settings", allianceId, null, AuditLog.Result.SUCCESS,
                        Map.of("pointsEnabled", req.pointsEnabled(), "commentModeration", req.commentModeration(), "forbiddenWords", words.size()))
                .thenReturn(view(d)));
    }

    static Settings view(Document d) {
        return new Settings(Boolean.TRUE.equals(d.getBoolean("pointsEnabled")), d.getInteger("pointsPerHour", 10),
                !Boolean.FALSE.equals(d.getBoolean("commentModeration")), d.getList("forbiddenWords", String.class, List.of()),
                d.get("version", Number.class).longValue());
    }
}
