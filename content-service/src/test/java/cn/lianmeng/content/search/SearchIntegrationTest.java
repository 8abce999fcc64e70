package cn.lianmeng.content.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import cn.lianmeng.content.support.ContentTestBase;
import cn.lianmeng.content.support.Publishing;
import cn.lianmeng.content.support.World;
import org.junit.jupiter.api.Test;

/** Chinese search within the caller's audience, verified and highlighted. */
class SearchIntegrationTest extends ContentTestBase {

    @Test
    @SuppressWarnings("unchecked")
    void findsHighlightsAndStaysWithinTheAudience() {
        World.Alliance a = world.alliance();
        String t1 = a.enterprise("上海启明教育科技有限公司", null, null);
        String t2 = a.enterprise("上海汇智人力资源有限公司", null, null);
        String o1 = a.org(t1, "启明党支部", "BRANCH", null, List.of());
        String o2 = a.org(t2, "汇智党支部", "BRANCH", null, List.of());
        String m1 = a.member(t1, o1, List.of(), "冯九");
        String m2 = a.member(t2, o2, List.of(), "陈十");

        Map<String, Object> open = Publishing.item("NEWS", "学习贯彻党的二十届三中全会精神", Map.of("allianceWide", true));
        open.put("summary", "联盟各支部开展<专题学习>");
        open.put("tags", List.of("理论学习", "三中全会"));
        String everyone = Publishing.publish(web, a.id, open);
        String onlyT1 = Publishing.publish(web, a.id, Publishing.item("NOTICE", "启明支部三中全会学习安排", Map.of("tenantIds", List.of(t1))));
        // contains the bigrams 三中 and 全会 but not "三中全会"
        Publishing.publish(web, a.id, Publishing.item("NEWS", "三中校区全会场布置", Map.of("allianceWide", true)));

        Map<String, Object> page = body(get(a.memberToken(m1, t1, o1), "/api/content/search?q={q}", "三中全会").expectStatus().isOk());
        List<Map<String, Object>> hits = (List<Map<String, Object>>) page.get("content");
        assertThat(hits).extracting(h -> h.get("id")).containsExactly(onlyT1, everyone);
        assertThat(hits.get(1).get("title")).isEqualTo("学习贯彻党的二十届<em>三中全会</em>精神");
        assertThat(hits.get(1).get("summary")).isEqualTo("联盟各支部开展&lt;专题学习&gt;");
        assertThat((List<String>) hits.get(1).get("tags")).containsExactly("理论学习", "<em>三中全会</em>");

        // the other enterprise's member does not find the enterprise notice
        Map<String, Object> other = body(get(a.memberToken(m2, t2, o2), "/api/content/search?q={q}", "三中全会").expectStatus().isOk());
        assertThat((List<Map<String, Object>>) other.get("content")).extracting(h -> h.get("id")).containsExactly(everyone);

        // one character, several words, tags
        Map<String, Object> single = body(get(a.memberToken(m2, t2, o2), "/api/content/search?q={q}", "贯").expectStatus().isOk());
        assertThat((List<Map<String, Object>>) single.get("content")).extracting(h -> h.get("title"))
                .containsExactly("学习<em>贯</em>彻党的二十届三中全会精神");
        Map<String, Object> words = body(get(a.memberToken(m2, t2, o2), "/api/content/search?q={q}", "理论学习 精神").expectStatus().isOk());
        assertThat((List<Map<String, Object>>) words.get("content")).hasSize(1);

        get(a.memberToken(m1, t1, o1), "/api/content/search?q={q}", "！？").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("q");
        get(a.memberToken(m1, t1, o1), "/api/content/search").expectStatus().isBadRequest();
        // user input never becomes an operator or a pattern
        get(a.memberToken(m1, t1, o1), "/api/content/search?q={q}", "{\"$ne\":1}").expectStatus().isOk()
                .expectBody().jsonPath("$.content.length()").isEqualTo(0);
        get(a.memberToken(m1, t1, o1), "/api/content/search?q={q}", ".*").expectStatus().isBadRequest();
    }
}
