package cn.lianmeng.org.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import cn.lianmeng.org.Api;
import cn.lianmeng.org.OrgIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

@OrgIntegrationTest
class AuthIntegrationTest {


    @Autowired
    WebTestClient web;

    private String platformAdmin() {
        return Api.login(web, "platform-admin", "Platform@2026");
    }

    /** Creates an alliance and an administrator for it; answers the administrator's username and initial password. */
    private Map<?, ?> newAllianceAdmin(String code) {
        String platform = platformAdmin();
        String allianceId = Api.post(web, platform, "/api/org/alliances", Map.of("name", "测试联盟" + code, "code", code))
                .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody().get("id").toString();
        Map<String, Object> admin = new java.util.HashMap<>(Api.post(web, platform, "/api/org/alliances/" + allianceId + "/accounts",
                        Map.of("username", "admin-" + code, "role", "ALLIANCE_ADMIN", "displayName", "管理员"))
                .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody());
        admin.put("allianceId", allianceId);
        return admin;
    }

    @Test
    void theBootstrappedPlatformAdminLogsInAndSeesThemselves() {
        String token = platformAdmin();
        Api.get(web, token, "/api/auth/me").expectStatus().isOk().expectBody()
                .jsonPath("$.username").isEqualTo("platform-admin")
                .jsonPath("$.roles[0]").isEqualTo("PLATFORM_ADMIN")
                .jsonPath("$.passwordChangeRequired").isEqualTo(false);
        Api.post(web, null, "/api/auth/login", Map.of("username", "platform-admin", "password", "Platform@2026"))
                .expectStatus().isOk().expectBody()
                .jsonPath("$.tokenType").isEqualTo("Bearer")
                .jsonPath("$.expiresIn").isEqualTo(1800);
    }

    @Test
    void theJwkSetIsPublicAndHoldsOnlyThePublicKey() {
        web.get().uri("/.well-known/jwks.json").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.keys[0].kty").isEqualTo("RSA")
                .jsonPath("$.keys[0].kid").exists()
                .jsonPath("$.keys[0].d").doesNotExist();
    }

    @Test
    void wrongPasswordsAreRefusedAndFiveInARowLockTheAccountForEveryone() {
        Map<?, ?> admin = newAllianceAdmin("lock-test");
        String username = admin.get("username").toString();
        for (int i = 0; i < 4; i++) {
            Api.post(web, null, "/api/auth/login", Map.of("username", username, "password", "Wrong@1234"))
                    .expectStatus().isUnauthorized().expectBody().jsonPath("$.detail").isEqualTo("用户名或密码错误");
        }
        Api.post(web, null, "/api/auth/login", Map.of("username", username, "password", "Wrong@1234"))
                .expectStatus().isEqualTo(423).expectBody().jsonPath("$.title").isEqualTo("账户已锁定");
        // even the right password is refused while locked
        Api.post(web, null, "/api/auth/login", Map.of("username", username, "password", admin.get("initialPassword")))
                .expectStatus().isEqualTo(423);
        // the lock is audited
        String auditor = newAuditorOf(admin);
        Api.get(web, auditor, "/api/org/audit?action=ACCOUNT_LOCKED").expectStatus().isOk().expectBody()
                .jsonPath("$.content[0].targetId").isEqualTo(admin.get("accountId").toString());
        // an administrator may unlock it, which is audited too
        Api.post(web, platformAdmin(), "/api/org/accounts/" + admin.get("accountId") + "/unlock", Map.of()).expectStatus().isNoContent();
        Api.post(web, null, "/api/auth/login", Map.of("username", username, "password", admin.get("initialPassword")))
                .expectStatus().isOk();
    }

    private String newAuditorOf(Map<?, ?> admin) {
        String platform = platformAdmin();
        String code = admin.get("username").toString().substring("admin-".length());
        String id = admin.get("allianceId").toString();
        Map<?, ?> auditor = Api.post(web, platform, "/api/org/alliances/" + id + "/accounts",
                Map.of("username", "auditor-" + code, "role", "AUDITOR")).expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody();
        String first = Api.login(web, "auditor-" + code, auditor.get("initialPassword").toString());
        Api.post(web, first, "/api/auth/password", Map.of("oldPassword", auditor.get("initialPassword"), "newPassword", "Audit#2026x"))
                .expectStatus().isNoContent();
        return Api.login(web, "auditor-" + code, "Audit#2026x");
    }

    @Test
    void provisionedAccountsMustChangeTheirPasswordBeforeAnythingElse() {
        Map<?, ?> admin = newAllianceAdmin("first-login");
        assertThat(admin.get("passwordChangeRequired")).isEqualTo(true);
        String username = admin.get("username").toString();
        String initial = admin.get("initialPassword").toString();
        String token = Api.login(web, username, initial);
        Api.get(web, token, "/api/org/enterprises").expectStatus().isForbidden()
                .expectBody().jsonPath("$.detail").value(d -> assertThat(d.toString()).contains("修改初始密码"));
        Api.get(web, token, "/api/auth/me").expectStatus().isOk().expectBody().jsonPath("$.passwordChangeRequired").isEqualTo(true);
        Api.post(web, token, "/api/auth/password", Map.of("oldPassword", initial, "newPassword", "short"))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("newPassword");
        Api.post(web, token, "/api/auth/password", Map.of("oldPassword", "Wrong@2026", "newPassword", "Better#2026"))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("oldPassword");
        Api.post(web, token, "/api/auth/password", Map.of("oldPassword", initial, "newPassword", "Better#2026"))
                .expectStatus().isNoContent();
        String fresh = Api.login(web, username, "Better#2026");
        Api.get(web, fresh, "/api/org/enterprises").expectStatus().isOk();
    }

    @Test
    void badLoginInputIs400AndUnknownUsers401() {
        Api.post(web, null, "/api/auth/login", Map.of("username", "", "password", "x")).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("username");
        Api.post(web, null, "/api/auth/login", Map.of("username", "nobody-here", "password", "Whatever@1"))
                .expectStatus().isUnauthorized().expectBody().jsonPath("$.detail").isEqualTo("用户名或密码错误");
        Api.post(web, null, "/api/auth/login", Map.of("username", Map.of("$ne", ""), "password", "x"))
                .expectStatus().isBadRequest();
    }

    @Test
    void onlyThePlatformAdminCreatesAlliancesAndCodesAreUnique() {
        String platform = platformAdmin();
        Api.post(web, platform, "/api/org/alliances", Map.of("name", "重复联盟", "code", "dup-code")).expectStatus().isCreated();
        Api.post(web, platform, "/api/org/alliances", Map.of("name", "重复联盟", "code", "dup-code")).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("code");
        Api.post(web, platform, "/api/org/alliances", Map.of("name", "", "code", "Bad Code")).expectStatus().isBadRequest();
        Map<?, ?> admin = newAllianceAdmin("not-platform");
        String token = Api.login(web, admin.get("username").toString(), admin.get("initialPassword").toString());
        Api.post(web, token, "/api/auth/password", Map.of("oldPassword", admin.get("initialPassword"), "newPassword", "Changed#2026"))
                .expectStatus().isNoContent();
        String allianceAdmin = Api.login(web, admin.get("username").toString(), "Changed#2026");
        Api.post(web, allianceAdmin, "/api/org/alliances", Map.of("name", "越权联盟", "code", "nope")).expectStatus().isForbidden();
    }
}
