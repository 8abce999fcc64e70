package cn.lianmeng.content.support;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import cn.lianmeng.platform.security.Role;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Creates, submits and (as a second admin) approves items through the API. */
public final class Publishing {

    private Publishing() {
    }

    public static Map<String, Object> item(String kind, String title, Map<String, Object> audience) {
        Map<String, Object> body = new HashMap<>();
        body.put("kind", kind);
        body.put("title", title);
        body.put("summary", title + "的摘要");
        body.put("body", "<p>" + title + "</p>");
        body.put("audience", audience);
        return body;
    }

    /** Publishes as the alliance's admins (author, then a different reviewer); answers the item id. */
    public static String publish(WebTestClient web, String allianceId, Map<String, Object> item) {
        String author = Tokens.account("pub-author-" + allianceId).name("联盟作者").alliance(allianceId).roles(Role.ALLIANCE_ADMIN).token();
        String reviewer = Tokens.account("pub-reviewer-" + allianceId).name("联盟审核").alliance(allianceId).roles(Role.ALLIANCE_ADMIN).token();
        return publish(web, author, reviewer, item);
    }

    @SuppressWarnings("unchecked")
    public static String publish(WebTestClient web, String author, String reviewer, Map<String, Object> item) {
        Map<String, Object> created = web.post().uri("/api/content/items").header("Authorization", "Bearer " + author)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(item).exchange()
                .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        String id = created.get("id").toString();
        web.post().uri("/api/content/items/{id}/submit", id).header("Authorization", "Bearer " + author).exchange().expectStatus().isOk();
        web.post().uri("/api/content/items/{id}/approve", id).header("Authorization", "Bearer " + reviewer).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("PUBLISHED");
        return id;
    }

    @SuppressWarnings("unchecked")
    public static List<String> feedIds(WebTestClient web, String token) {
        Map<String, Object> page = web.get().uri("/api/content/feed?size=100").header("Authorization", "Bearer " + token).exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        return ((List<Map<String, Object>>) page.get("content")).stream().map(m -> m.get("id").toString()).toList();
    }
}
