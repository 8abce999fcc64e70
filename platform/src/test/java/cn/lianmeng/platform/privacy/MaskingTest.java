package cn.lianmeng.platform.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MaskingTest {

    @Test
    void masksPhonesAsDesignSays() {
        assertThat(Masking.phone("13812341234")).isEqualTo("138****1234");
        assertThat(Masking.phone("021-5555")).isEqualTo("021****5555");
        assertThat(Masking.phone("12345")).isEqualTo("*****");
        assertThat(Masking.phone(null)).isNull();
    }

    @Test
    void masksIdNumbersKeepingFourAtEachEnd() {
        assertThat(Masking.idNumber("110101199003071234")).isEqualTo("1101**********1234");
    }
}
