package cn.lianmeng.org.member;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

class IdNumberTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 21);

    @Test
    void acceptsTheStandardsExampleAndComputedNumbers() {
        // the worked example of GB 11643-1999
        assertThat(IdNumber.problem("11010519491231002X", TODAY)).isEmpty();
        assertThat(IdNumber.problem("11010519491231002x", TODAY)).isEmpty();
        String computed = IdNumber.withCheck("31011519900307123");
        assertThat(IdNumber.problem(computed, TODAY)).isEmpty();
        assertThat(IdNumber.birthDate(computed)).isEqualTo(LocalDate.of(1990, 3, 7));
        assertThat(IdNumber.gender(computed)).as("17th digit odd").isEqualTo(Gender.MALE);
        assertThat(IdNumber.gender(IdNumber.withCheck("31011519900307124"))).as("17th digit even").isEqualTo(Gender.FEMALE);
        assertThat(IdNumber.normalise(" 11010519491231002x ")).isEqualTo("11010519491231002X");
    }

    @Test
    void checkCharacterIsIso7064Mod11_2() {
        // weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2, remainder → 1 0 X 9 8 7 6 5 4 3 2
        assertThat(IdNumber.checkCharacter("11010519491231002")).isEqualTo('X');
        assertThat(IdNumber.checkCharacter("44052418800101001")).isEqualTo('4');
        String valid = IdNumber.withCheck("44052419800101001");
        char wrong = valid.charAt(17) == '0' ? '1' : '0';
        assertThat(IdNumber.problem(valid.substring(0, 17) + wrong, TODAY)).contains("校验位不正确");
    }

    @Test
    void namesWhatIsWrong() {
        assertThat(IdNumber.problem(null, TODAY)).contains("不能为空");
        assertThat(IdNumber.problem("  ", TODAY)).contains("不能为空");
        assertThat(IdNumber.problem("1101051949123100", TODAY)).contains("应为 18 位");
        assertThat(IdNumber.problem("1101051949123100211", TODAY)).contains("应为 18 位");
        assertThat(IdNumber.problem("11010519491231A02X", TODAY)).contains("前 17 位须为数字");
        assertThat(IdNumber.problem("11010519491231002Y", TODAY)).contains("末位须为数字或 X");
        assertThat(IdNumber.problem(IdNumber.withCheck("99010519491231002"), TODAY)).contains("行政区划代码无效");
    }

    @Test
    void theBirthDateMustBeARealPastDate() {
        assertThat(IdNumber.problem(IdNumber.withCheck("11010519900230123"), TODAY)).contains("其中的出生日期无效"); // 30 February
        assertThat(IdNumber.problem(IdNumber.withCheck("11010519901301123"), TODAY)).contains("其中的出生日期无效"); // month 13
        assertThat(IdNumber.problem(IdNumber.withCheck("11010518991231123"), TODAY)).contains("其中的出生日期无效"); // before 1900
        assertThat(IdNumber.problem(IdNumber.withCheck("11010520261122123"), TODAY)).contains("其中的出生日期无效"); // tomorrow
        assertThat(IdNumber.problem(IdNumber.withCheck("11010520261121123"), TODAY)).isEmpty(); // born today: a valid number
        assertThat(IdNumber.problem(IdNumber.withCheck("11010520000229123"), TODAY)).isEmpty(); // leap day
    }
}
