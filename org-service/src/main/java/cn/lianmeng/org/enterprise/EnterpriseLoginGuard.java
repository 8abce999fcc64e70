package cn.lianmeng.org.enterprise;

import cn.lianmeng.org.identity.TenantLoginGuard;
import cn.lianmeng.platform.data.MongoAccess;
import cn.lianmeng.platform.data.Scope;
import cn.lianmeng.platform.data.ScopeRule;
import cn.lianmeng.platform.data.ScopedCollection;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Suspended and departed member enterprises block their accounts' logins (history is kept). */
@Component
public class EnterpriseLoginGuard implements TenantLoginGuard {

    private final ScopedCollection enterprises;

    public EnterpriseLoginGuard(MongoAccess mongo) {
        this.enterprises = mongo.collection(EnterpriseService.COLLECTION, ScopeRule.tenantOwned());
    }

    @Override
    public Mono<String> refusal(String allianceId, String tenantId) {
        return enterprises.findById(Scope.system(allianceId, tenantId), tenantId)
                .map(d -> switch (EnterpriseStatus.valueOf(d.getString("status"))) {
                    case ACTIVE -> "";
                    case SUSPENDED -> "所属成员单位已被暂停，暂不能登录";
                    case LEFT -> "所属成员单位已退出联盟，不能登录";
                })
                .defaultIfEmpty("所属成员单位不存在，不能登录")
                .filter(reason -> !reason.isEmpty());
    }
}
