package cn.lianmeng.platform.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import cn.lianmeng.platform.security.Caller;
import cn.lianmeng.platform.security.Role;
import com.mongodb.MongoClientSettings;
import org.bson.BsonDocument;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.Test;

class ScopeRuleTest {

    private final ScopeRule rule = ScopeRule.tenantOwned();

    private static Caller caller(String alliance, String tenant, Set<Role> roles, Set<String> parks) {
        return new Caller("acct", "u", "U", alliance, tenant, roles, Set.of(), parks, Set.of(), null, false);
    }

    private static String json(Bson bson) {
        return bson.toBsonDocument(BsonDocument.class, MongoClientSettings.getDefaultCodecRegistry()).toJson();
    }

    @Test
    void enterpriseAdminIsConfinedToTheirTenantInTheirAlliance() {
        Scope scope = Scope.of(caller("a1", "t1", Set.of(Role.ENTERPRISE_ADMIN), Set.of()));
        assertThat(scope.kind()).isEqualTo(Scope.Kind.TENANT);
        assertThat(json(rule.filter(scope))).contains("\"allianceId\": \"a1\"").contains("\"tenantId\": \"t1\"");
        assertThat(rule.admits(scope, new Document("allianceId", "a1").append("tenantId", "t1"))).isTrue();
        assertThat(rule.admits(scope, new Document("allianceId", "a1").append("tenantId", "t2"))).isFalse();
    }

    @Test
    void allianceAdminSeesTheWholeAllianceOnly() {
        Scope scope = Scope.of(caller("a1", null, Set.of(Role.ALLIANCE_ADMIN), Set.of()));
        assertThat(json(rule.filter(scope))).contains("\"allianceId\": \"a1\"").doesNotContain("tenantId");
        assertThat(rule.admits(scope, new Document("allianceId", "a2").append("tenantId", "t1"))).isFalse();
    }

    @Test
    void districtStaffSeeTheirParksAndBuildings() {
        Scope scope = Scope.of(caller("a1", null, Set.of(Role.DISTRICT_STAFF), Set.of("p1")));
        assertThat(scope.kind()).isEqualTo(Scope.Kind.STAFF);
        assertThat(json(rule.filter(scope))).contains("parkId").contains("p1").contains("buildingId");
    }

    @Test
    void aTenantRoleWithoutTenantSeesNothingRatherThanEverything() {
        Scope scope = Scope.of(caller("a1", null, Set.of(Role.MEMBER), Set.of()));
        assertThat(json(rule.filter(scope))).contains("tenantId");
    }

    @Test
    void unrestrictedScopeAddsNoFilter() {
        assertThat(json(rule.filter(Scope.unrestricted("test")))).isEqualTo("{}");
        assertThat(ScopeRule.allianceOwned().admits(Scope.of(caller("a1", "t1", Set.of(Role.ENTERPRISE_ADMIN), Set.of())),
                new Document("allianceId", "a1"))).isFalse();
    }
}
