package cn.lianmeng.org;

import java.util.Map;

import cn.lianmeng.org.enterprise.CreditCode;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Small helpers for driving org-service through its public HTTP API in tests. */
public final class Api {

    private static int sequence = 0;

    private Api() {
    }

    /** The test context: shared stand-ins, and org-service signing with the test key so TestTokens verify too. */
    public static void register(org.springframework.test.context.DynamicPropertyRegistry registry) {
        cn.lianmeng.platform.testing.ServiceTestSupport.register(registry, "org_it");
        registry.add("lianmeng.jwt.private-key", cn.lianmeng.platform.testing.TestTokens::privateKeyPem);
        registry.add("lianmeng.jwt.public-key", cn.lianmeng.platform.testing.TestTokens::publicKeyPem);
        registry.add("lianmeng.organisation.move-sweep-interval", () -> "1s"); // interrupted moves resume within a test
        registry.add("lianmeng.coverage.maintenance-enabled", () -> "false"); // coverage tests run the jobs directly
    }

    public static String login(WebTestClient web, String username, String password) {
        Map<?, ?> body = web.post().uri("/api/auth/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", username, "password", password)).exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        return body.get("accessToken").toString();
    }

    public static synchronized String newCreditCode() {
        String alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        long v = System.nanoTime() + (++sequence) * 104_729L;
        StringBuilder s = new StringBuilder("91310115MA");
        for (int i = 0; i < 7; i++) {
            s.append(alphabet.charAt((int) (Math.abs(v) % 31)));
            v /= 31;
        }
        return CreditCode.withCheck(s.toString());
    }

    public static Map<String, Object> enterprise(String name, String creditCode) {
        return Map.of("name", name, "creditCode", creditCode, "district", "浦东新区", "street", "张江镇",
                "industry", "软件和信息技术服务业", "staffCount", 120, "type", "PRIVATE", "contactPhone", "13812345678");
    }

    public static WebTestClient.ResponseSpec post(WebTestClient web, String token, String uri, Object body) {
        WebTestClient.RequestBodySpec spec = web.post().uri(uri).contentType(MediaType.APPLICATION_JSON);
        if (token != null) {
            spec = spec.header("Authorization", "Bearer " + token);
        }
        return spec.bodyValue(body).exchange();
    }

    public static WebTestClient.ResponseSpec get(WebTestClient web, String token, String uri) {
        WebTestClient.RequestHeadersSpec<?> spec = web.get().uri(uri);
        if (token != null) {
            spec = spec.header("Authorization", "Bearer " + token);
        }
        return spec.exchange();
    }

    // ---- alliances, locations and district staff (region / staff helpers) ----

    /** A fresh alliance and the token of its administrator (after the forced first password change). */
    public record AllianceAdmin(String allianceId, String token) {
    }

    public static AllianceAdmin newAlliance(WebTestClient web, String name) {
        String platform = login(web, "platform-admin", "Platform@2026");
        String code = "a" + Long.toString(System.nanoTime(), 36);
        String allianceId = post(web, platform, "/api/org/alliances", Map.of("name", name, "code", code))
                .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody().get("id").toString();
        Map<?, ?> account = post(web, platform, "/api/org/alliances/" + allianceId + "/accounts",
                Map.of("username", "adm-" + code, "role", "ALLIANCE_ADMIN")).expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody();
        return new AllianceAdmin(allianceId, firstLogin(web, "adm-" + code, account.get("initialPassword").toString(), "Admin#2026"));
    }

    /** Logs in with an initial password, sets {@code newPassword} and answers a token issued after the change. */
    public static String firstLogin(WebTestClient web, String username, String initialPassword, String newPassword) {
        String first = login(web, username, initialPassword);
        post(web, first, "/api/auth/password", Map.of("oldPassword", initialPassword, "newPassword", newPassword))
                .expectStatus().isNoContent();
        return login(web, username, newPassword);
    }

    public static WebTestClient.ResponseSpec put(WebTestClient web, String token, String uri, Object body) {
        WebTestClient.RequestBodySpec spec = web.put().uri(uri).contentType(MediaType.APPLICATION_JSON);
        if (token != null) {
            spec = spec.header("Authorization", "Bearer " + token);
        }
        return spec.bodyValue(body).exchange();
    }

    private static String createdId(WebTestClient.ResponseSpec response) {
        return response.expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody().get("id").toString();
    }

    /** Creates a region (level DISTRICT, STREET or COMMUNITY) and answers its id. */
    public static String region(WebTestClient web, String token, String level, String name, String parentId) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("level", level, "name", name));
        if (parentId != null) {
            body.put("parentId", parentId);
        }
        return createdId(post(web, token, "/api/org/regions", body));
    }

    /** Creates a park and answers its id. */
    public static String park(WebTestClient web, String token, String name) {
        return createdId(post(web, token, "/api/org/parks", Map.of("name", name)));
    }

    /** Creates a building, in the park when {@code parkId} is given, and answers its id. */
    public static String building(WebTestClient web, String token, String name, String parkId) {
        return createdId(post(web, token, "/api/org/buildings", parkId == null ? Map.of("name", name) : Map.of("name", name, "parkId", parkId)));
    }

    /** A provisioned district staff account: its id, username and the initial password shown once. */
    public record StaffAccount(String accountId, String username, String initialPassword) {

        /** Logs in for the first time, sets {@code newPassword} and answers a token issued after the change. */
        public String firstLogin(WebTestClient web, String newPassword) {
            return Api.firstLogin(web, username, initialPassword, newPassword);
        }
    }

    /** Provisions a DISTRICT_STAFF account in the administrator's alliance. */
    public static StaffAccount staff(WebTestClient web, String adminToken, String username, String name) {
        Map<?, ?> body = post(web, adminToken, "/api/org/staff", Map.of("username", username, "name", name))
                .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        return new StaffAccount(body.get("id").toString(), username, body.get("initialPassword").toString());
    }

    /** Replaces a staff member's parks and buildings; answers the new version. */
    public static long assign(WebTestClient web, String adminToken, String accountId, long version, java.util.List<String> parkIds,
                              java.util.List<String> buildingIds) {
        Map<?, ?> body = put(web, adminToken, "/api/org/staff/" + accountId + "/assignments",
                Map.of("version", version, "parkIds", parkIds, "buildingIds", buildingIds))
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        return ((Number) body.get("version")).longValue();
    }

    // ---- enterprises, onboarding and import (enterprise helper) ----

    /** The ids of {@link #standardLocations}. */
    public record Locations(String districtId, String streetId, String communityId, String otherDistrictId, String otherStreetId,
                            String parkId, String buildingId, String otherParkId, String looseBuildingId) {
    }

    /**
     * The places {@link #enterprise} and the import tests name, in the admin's alliance: 浦东新区 → 张江镇 → 张江社区,
     * 徐汇区 → 田林街道, parks 张江科学城 (with the building 创新大厦) and 漕河泾开发区, and 陆家嘴大厦 outside any park.
     */
    public static Locations standardLocations(WebTestClient web, String adminToken) {
        String district = region(web, adminToken, "DISTRICT", "浦东新区", null);
        String street = region(web, adminToken, "STREET", "张江镇", district);
        String community = region(web, adminToken, "COMMUNITY", "张江社区", street);
        String otherDistrict = region(web, adminToken, "DISTRICT", "徐汇区", null);
        String otherStreet = region(web, adminToken, "STREET", "田林街道", otherDistrict);
        String park = park(web, adminToken, "张江科学城");
        String building = building(web, adminToken, "创新大厦", park);
        String otherPark = park(web, adminToken, "漕河泾开发区");
        String loose = building(web, adminToken, "陆家嘴大厦", null);
        return new Locations(district, street, community, otherDistrict, otherStreet, park, building, otherPark, loose);
    }

    /** A fresh alliance with {@link #standardLocations}. */
    public static AllianceAdmin newAllianceWithLocations(WebTestClient web, String name) {
        AllianceAdmin admin = newAlliance(web, name);
        standardLocations(web, admin.token());
        return admin;
    }

    public static WebTestClient.ResponseSpec delete(WebTestClient web, String token, String uri) {
        WebTestClient.RequestHeadersSpec<?> spec = web.delete().uri(uri);
        if (token != null) {
            spec = spec.header("Authorization", "Bearer " + token);
        }
        return spec.exchange();
    }

    /** Uploads bytes as the multipart field {@code file} (any file name: the server decides by content). */
    public static WebTestClient.ResponseSpec upload(WebTestClient web, String token, String uri, String fileName, byte[] content) {
        org.springframework.http.client.MultipartBodyBuilder parts = new org.springframework.http.client.MultipartBodyBuilder();
        parts.part("file", new org.springframework.core.io.ByteArrayResource(content) {
            @Override
            public String getFilename() {
                return fileName;
            }
        }).contentType(MediaType.APPLICATION_OCTET_STREAM);
        WebTestClient.RequestBodySpec spec = web.post().uri(uri).contentType(MediaType.MULTIPART_FORM_DATA);
        if (token != null) {
            spec = spec.header("Authorization", "Bearer " + token);
        }
        return spec.body(org.springframework.web.reactive.function.BodyInserters.fromMultipartData(parts.build())).exchange();
    }
}
