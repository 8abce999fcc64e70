package cn.lianmeng.content.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class HighlighterTest {

    @Test
    void wrapsMatchesAndEscapesEverythingElse() {
        assertThat(Highlighter.highlight("学习<党建>知识，党建引领", List.of("党建")))
                .isEqualTo("学习&lt;<em>党建</em>&gt;知识，<em>党建</em>引领");
        assertThat(Highlighter.highlight("<script>alert('x')</script>", List.of("script")))
                .isEqualTo("&lt;<em>script</em>&gt;alert(&#39;x&#39;)&lt;/<em>script</em>&gt;");
    }

    @Test
    void mergesOverlappingMatchesAndMapsFoldedTextBack() {
        assertThat(Highlighter.highlight("党建联盟", List.of("党建", "建联"))).isEqualTo("<em>党建联</em>盟");
        assertThat(Highlighter.highlight("ＡＩ课程", List.of("ai"))).isEqualTo("<em>ＡＩ</em>课程");
    }

    @Test
    void verificationNeedsEveryTermSomewhere() {
        assertThat(Highlighter.matchesAll(List.of("党建", "联盟"), List.of("党建工作", "联盟动态"))).isTrue();
        // the n-grams 党建 and 建联 both occur, but 党建联 does not: a false positive of the index, dropped here
        assertThat(Highlighter.matchesAll(List.of("党建联"), List.of("党建工作，共建联合"))).isFalse();
    }
}
