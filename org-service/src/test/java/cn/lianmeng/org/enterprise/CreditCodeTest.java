package cn.lianmeng.org.enterprise;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CreditCodeTest {

    @Test
    void acceptsPublishedCodes() {
        // real codes from public registries
        assertThat(CreditCode.problem("91350100M000100Y43")).isEmpty();
        assertThat(CreditCode.problem("911100001000044477")).isEmpty();
        assertThat(CreditCode.isValid("91310000MA1FL3Y67X")).isFalse(); // plausible-looking but wrong check character
    }

    @Test
    void computesTheCheckCharacterForAnyBody() {
        String code = CreditCode.withCheck("91310115MA1K3X2Y7");
        assertThat(code).hasSize(18);
        assertThat(CreditCode.isValid(code)).isTrue();
        assertThat(CreditCode.isValid(code.toLowerCase())).isTrue();
    }

    @Test
    void namesWhatIsWrong() {
        assertThat(CreditCode.problem("")).contains("不能为空");
        assertThat(CreditCode.problem("9135010")).contains("应为 18 位");
        assertThat(CreditCode.problem("91350100M000100I43")).hasValueSatisfying(m -> assertThat(m).contains("第 16 位"));
        String valid = CreditCode.withCheck("91310115MA1K3X2Y7");
        char wrong = valid.charAt(17) == '0' ? '1' : '0';
        assertThat(CreditCode.problem(valid.substring(0, 17) + wrong)).contains("校验位不正确");
    }
}
