package cn.lianmeng.content.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class BigramsTest {

    @Test
    void indexesSingleCharactersAndBigramsOfEveryRun() {
        assertThat(Bigrams.index(List.of("党建联盟", "AI 课"))).containsExactly("党", "党建", "建", "建联", "联", "联盟", "盟",
                "a", "ai", "i", "课");
    }

    @Test
    void queriesUseBigramsAndSingleCharactersForOneCharacterRuns() {
        assertThat(Bigrams.query("党建")).containsExactly("党建");
        assertThat(Bigrams.query("党建联盟")).containsExactly("党建", "建联", "联盟");
        assertThat(Bigrams.query("党")).containsExactly("党");
        assertThat(Bigrams.query("学习 党")).containsExactly("学习", "党");
        assertThat(Bigrams.query("  ！？ ")).isEmpty();
    }

    @Test
    void normalisesFullWidthAndCase() {
        assertThat(Bigrams.query("ＡＢ")).containsExactly("ab");
        assertThat(Bigrams.terms("二十届 三中全会")).containsExactly("二十届", "三中全会");
    }
}
