package cn.lianmeng.content.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import cn.lianmeng.content.support.ContentTestBase;
import cn.lianmeng.content.support.Publishing;
import cn.lianmeng.content.support.World;
import cn.lianmeng.platform.data.Scope;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;

/**
 * Files through HTTP: sniffed types, mislabelled and oversized uploads refused with nothing stored, range requests
 * (limits in this test context: images and documents 64 KiB, videos 2 MiB, 16 KiB chunks), audience-only access.
 */
class FilesIntegrationTest extends ContentTestBase {

    @Autowired
    FileStore store;

    World.Alliance alliance;
    String tenant;
    String otherTenant;
    String branch;
    String member;
    String outsider;
    String admin;

    @BeforeEach
    void world() {
        web = web.mutate().codecs(c -> c.defaultCodecs().maxInMemorySize(4 * 1024 * 1024)).build();
        alliance = world.alliance();
        tenant = alliance.enterprise("上海华夏医疗器械有限公司", null, null);
        otherTenant = alliance.enterprise("上海宏图软件外包有限公司", null, null);
        branch = alliance.org(tenant, "华夏党支部", "BRANCH", null, List.of());
        String otherBranch = alliance.org(otherTenant, "宏图党支部", "BRANCH", null, List.of());
        member = alliance.member(tenant, branch, List.of(), "褚一");
        outsider = alliance.member(otherTenant, otherBranch, List.of(), "卫二");
        admin = alliance.enterpriseAdmin(tenant);
    }

    static byte[] file(String magic, int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        byte[] head = magic.getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(head, 0, bytes, 0, head.length);
        return bytes;
    }

    static final String PNG = "\u0089PNG\r\n\u001a\n";
    static final String PDF = "%PDF-1.7\n";
    static final String MP4 = "\0\0\0\u0018ftypisom";

    private WebTestClient.ResponseSpec upload(String token, String name, String contentType, byte[] bytes) {
        WebTestClient.RequestBodySpec spec = web.post().uri("/api/content/files?name={n}", name).header("Authorization", "Bearer " + token);
        if (contentType != null) {
            spec = spec.contentType(MediaType.parseMediaType(contentType));
        }
        return spec.bodyValue(bytes).exchange();
    }

    private String uploaded(String token, String name, byte[] bytes) {
        return body(upload(token, name, null, bytes).expectStatus().isCreated()).get("id").toString();
    }

    private long stored() {
        return store.count(Scope.system(alliance.id, null)).block();
    }

    @Test
    void typesAreSniffedAndMislabelledOrOversizedFilesAreRefusedWithNothingStored() {
        upload(admin, "党徽.png", "image/png", file(PNG, 2000, 1)).expectStatus().isCreated().expectBody()
                .jsonPath("$.mediaType").isEqualTo("image/png").jsonPath("$.kind").isEqualTo("IMAGE").jsonPath("$.size").isEqualTo(2000);
        upload(admin, "无名", null, file(PDF, 3000, 2)).expectStatus().isCreated().expectBody()
                .jsonPath("$.mediaType").isEqualTo("application/pdf").jsonPath("$.filename").isEqualTo("无名");
        long before = stored();
        upload(admin, "报告.png", null, file(PDF, 3000, 3)).expectStatus().isEqualTo(415)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("file");
        upload(admin, "报告.pdf", "image/png", file(PDF, 3000, 4)).expectStatus().isEqualTo(415);
        upload(admin, "页面.png", "image/png", "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8)).expectStatus().isEqualTo(415);
        upload(admin, "图.svg", null, "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>".getBytes(StandardCharsets.UTF_8))
                .expectStatus().isEqualTo(415);
        upload(admin, "大图.png", null, file(PNG, 70 * 1024, 5)).expectStatus().isEqualTo(413)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("file").jsonPath("$.detail").isEqualTo("图片不能超过 64 KiB");
        upload(admin, "大视频.mp4", null, file(MP4, 3 * 1024 * 1024, 6)).expectStatus().isEqualTo(413);
        upload(admin, "空.pdf", null, new byte[0]).expectStatus().isBadRequest();
        // chunked, without a Content-Length: refused while streaming, partial chunks removed
        byte[] big = file(PNG, 200 * 1024, 7);
        Flux<DataBuffer> chunked = Flux.range(0, 20).map(i -> DefaultDataBufferFactory.sharedInstance
                .wrap(Arrays.copyOfRange(big, i * 10 * 1024, (i + 1) * 10 * 1024)));
        web.post().uri("/api/content/files?name=chunked.png").header("Authorization", "Bearer " + admin)
                .contentType(MediaType.APPLICATION_OCTET_STREAM).body(chunked, DataBuffer.class).exchange()
                .expectStatus().isEqualTo(413);
        assertThat(stored()).isEqualTo(before);
        // only admins upload
        upload(alliance.memberToken(member, tenant, branch), "a.png", null, file(PNG, 100, 8)).expectStatus().isForbidden();
        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void videosStreamWithRangeRequests() {
        byte[] video = file(MP4, 300_000, 42);
        String id = uploaded(admin, "党课.mp4", video);
        byte[] whole = web.get().uri("/api/content/files/{id}", id).header("Authorization", "Bearer " + admin).exchange()
                .expectStatus().isOk().expectHeader().valueEquals("Accept-Ranges", "bytes")
                .expectHeader().contentType("video/mp4").expectHeader().contentLength(300_000)
                .expectBody(byte[].class).returnResult().getResponseBody();
        assertThat(whole).isEqualTo(video);
        assertRange(id, "bytes=0-99", 0, 99);
        assertRange(id, "bytes=16380-16399", 16380, 16399); // across a chunk boundary
        assertRange(id, "bytes=299990-", 299990, 299999);
        assertRange(id, "bytes=-10", 299990, 299999);
        assertRange(id, "bytes=100000-163839", 100000, 163839);
        web.get().uri("/api/content/files/{id}", id).header("Authorization", "Bearer " + admin).header("Range", "bytes=300000-").exchange()
                .expectStatus().isEqualTo(416).expectHeader().valueEquals("Content-Range", "bytes */300000");
        web.get().uri("/api/content/files/{id}", id).header("Authorization", "Bearer " + admin).header("Range", "bytes=abc").exchange()
                .expectStatus().isEqualTo(416);
        web.get().uri("/api/content/files/{id}", id).header("Authorization", "Bearer " + admin).header("Range", "bytes=0-1,5-9").exchange()
                .expectStatus().isOk().expectHeader().contentLength(300_000);
        // If-Range with another validator: the whole (changed) file
        web.get().uri("/api/content/files/{id}", id).header("Authorization", "Bearer " + admin).header("Range", "bytes=0-9")
                .header("If-Range", "\"other\"").exchange().expectStatus().isOk();
        web.get().uri("/api/content/files/{id}", id).header("Authorization", "Bearer " + admin).header("Range", "bytes=0-9")
                .header("If-Range", "\"" + id + "\"").exchange().expectStatus().isEqualTo(206);
    }

    private void assertRange(String id, String range, int start, int end) {
        byte[] video = file(MP4, 300_000, 42);
        byte[] part = web.get().uri("/api/content/files/{id}", id).header("Authorization", "Bearer " + admin).header("Range", range).exchange()
                .expectStatus().isEqualTo(206)
                .expectHeader().valueEquals("Content-Range", "bytes " + start + "-" + end + "/300000")
                .expectHeader().contentLength(end - start + 1)
                .expectBody(byte[].class).returnResult().getResponseBody();
        assertThat(part).as(range).isEqualTo(Arrays.copyOfRange(video, start, end + 1));
    }

    @Test
    void filesAreServedOnlyToTheAudienceOfItemsReferencingThem() {
        String cover = uploaded(admin, "封面.png", file(PNG, 1000, 10));
        String pdf = uploaded(admin, "学习材料.pdf", file(PDF, 5000, 11));
        String memberToken = alliance.memberToken(member, tenant, branch);
        String outsiderToken = alliance.memberToken(outsider, otherTenant, "x");
        get(memberToken, "/api/content/files/{id}", pdf).expectStatus().isNotFound();

        Map<String, Object> item = Publishing.item("NOTICE", "学习材料下发", Map.of("tenantIds", List.of(tenant)));
        item.put("coverFileId", pdf);
        post(admin, "/api/content/items", item).expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("coverFileId");
        item.put("coverFileId", cover);
        item.put("attachmentFileIds", List.of(pdf));
        item.put("body", "<p>见附件</p><img src=\"/api/content/files/" + cover + "\">");
        // another enterprise cannot reference this enterprise's files
        Map<String, Object> foreign = Publishing.item("NOTICE", "盗用", Map.of("tenantIds", List.of(otherTenant)));
        foreign.put("attachmentFileIds", List.of(pdf));
        post(alliance.enterpriseAdmin(otherTenant), "/api/content/items", foreign).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("attachmentFileIds");

        String reviewer = alliance.enterpriseAdmin(tenant);
        Publishing.publish(web, admin, reviewer, item);
        get(memberToken, "/api/content/files/{id}", pdf).expectStatus().isOk().expectHeader().contentType("application/pdf")
                .expectHeader().valueEquals("X-Content-Type-Options", "nosniff");
        get(memberToken, "/api/content/files/{id}/info", cover).expectStatus().isOk().expectBody().jsonPath("$.kind").isEqualTo("IMAGE");
        get(outsiderToken, "/api/content/files/{id}", pdf).expectStatus().isNotFound();
        get(alliance.enterpriseAdmin(otherTenant), "/api/content/files/{id}", pdf).expectStatus().isNotFound();
        get(alliance.allianceAdmin(), "/api/content/files/{id}", pdf).expectStatus().isOk();
        get(cn.lianmeng.content.support.Tokens.allianceAdmin("another"), "/api/content/files/{id}", pdf).expectStatus().isNotFound();
        get(memberToken, "/api/content/files/{id}", "not-an-id").expectStatus().isNotFound();
    }
}
