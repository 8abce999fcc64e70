package cn.lianmeng.org.alliance;

import java.time.Clock;
import java.util.Date;
import java.util.Map;
import java.util.Set;

import cn.lianmeng.org.identity.IdentityService;
import cn.lianmeng.platform.audit.AuditLog;
import cn.lianmeng.platform.audit.AuditLog.Result;
import cn.lianmeng.platform.data.MongoAccess;
import cn.lianmeng.platform.data.Scope;
import cn.lianmeng.platform.data.ScopeRule;
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
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/** Alliances (党建联盟) and their administrators; created by the platform administrator. */
@Service
public class AllianceService {

    public static final String TOPIC = "org.alliance.v1";
    public static final Set<String> SORTABLE = Set.of("name", "createdAt");

    private final ScopedCollection alliances;
    private final Outbox outbox;
    private final OutboxRelay relay;
    private final AuditLog audit;
    private final IdentityService identity;
    private final Clock clock;

    public AllianceService(MongoAccess mongo, Outbox outbox, OutboxRelay relay, AuditLog audit, IdentityService identity, Clock clock) {
        this.alliances = mongo.collection("alliances", ScopeRule.allianceOwned());
        this.outbox = outbox;
        this.relay = relay;
        this.audit = audit;
        this.identity = identity;
        this.clock = clock;
        relay.register(alliances);
        alliances.ensureIndexInBackground(Indexes.ascending("code"), new IndexOptions().unique(true).name("code_unique"));
    }

    public record AllianceView(String id, String name, String code, String region, String status, long version, Date createdAt) {
    }

    public record AllianceCreated(String allianceId, String name, String code, String region, String status, long version) {
    }

    public Mono<AllianceView> create(Caller caller, String name, String code, String region) {
        if (!caller.has(Role.PLATFORM_ADMIN)) {
            return Mono.error(ApiException.forbidden("仅平台管理员可创建联盟"));
        }
        String id = new ObjectId().toHexString();
        OutboxMessage event = outbox.message(TOPIC, "AllianceCreated", id, id, null,
                new AllianceCreated(id, name, code, region, "ACTIVE", 1));
        Document doc = Outbox.withOutbox(new Document("_id", id).append("allianceId", id).append("name", name)
                .append("code", code).append("region", region).append("status", "ACTIVE").append("version", 1L)
                .append("createdAt", Date.from(clock.instant())).append("createdBy", caller.accountId()), event);
        return alliances.insert(Scope.of(caller), doc)
                .onErrorMap(ScopedCollection::isDuplicateKey, e -> ApiException.conflict("code", "联盟代码“" + code + "”已存在"))
                .doOnSuccess(d -> relay.relaySoon(alliances, id))
                .flatMap(d -> audit.record(caller, "ALLIANCE_CREATED", "alliance", id, null, Result.SUCCESS, Map.of("name", name, "code", code))
                        .thenReturn(view(d)));
    }

    public Mono<AllianceView> findByCode(Scope scope, String code) {
        return alliances.findOne(scope, Filters.eq("code", code)).map(AllianceService::view);
    }

    public Mono<AllianceView> get(Caller caller, String id) {
        return alliances.findById(Scope.of(caller), id).map(AllianceService::view)
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("联盟")));
    }

    public Mono<PageResult<AllianceView>> list(Caller caller, PageQuery page) {
        return alliances.page(Scope.of(caller), new Document(), page, AllianceService::view);
    }

    /** Creates an alliance administrator or auditor account (platform administrator only). */
    public Mono<IdentityService.Provisioned> createAccount(Caller caller, String allianceId, String username, String displayName,
                                                           String phone, Role role, String presetPassword) {
        if (!caller.has(Role.PLATFORM_ADMIN)) {
            return Mono.error(ApiException.forbidden("仅平台管理员可设置联盟管理员"));
        }
        if (role != Role.ALLIANCE_ADMIN && role != Role.AUDITOR) {
            return Mono.error(ApiException.badRequest("role", "只能是 ALLIANCE_ADMIN 或 AUDITOR"));
        }
        return get(caller, allianceId).flatMap(a -> identity.provision(Scope.of(caller), caller, username, displayName, phone, role,
                allianceId, null, presetPassword));
    }

    static AllianceView view(Document d) {
        return new AllianceView(d.getString("_id"), d.getString("name"), d.getString("code"), d.getString("region"),
                d.getString("status"), d.get("version", Number.class).longValue(), d.getDate("createdAt"));
    }
}
