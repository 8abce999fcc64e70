package cn.lianmeng.org.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;

import cn.lianmeng.org.enterprise.CreditCode;
import cn.lianmeng.org.enterprise.EnterpriseType;
import org.junit.jupiter.api.Test;

class DemoDataTest {

    @Test
    void demoCreditCodesAreValidDistinctAndShaped() {
        Set<String> codes = new HashSet<>();
        for (int i = 0; i < DemoData.ENTERPRISES.size(); i++) {
            String code = DemoData.creditCode(DemoData.REGIONS.get(i % DemoData.REGIONS.size()).code(), i);
            assertThat(CreditCode.problem(code)).as(code).isEmpty();
            assertThat(code).startsWith("913101").hasSize(18);
            codes.add(code);
        }
        assertThat(codes).hasSize(DemoData.ENTERPRISES.size());
    }

    @Test
    void demoEnterprisesUseKnownTypes() {
        DemoData.ENTERPRISES.forEach(e -> assertThat(EnterpriseType.parse(e[2])).as(e[0]).isPresent());
        assertThat(DemoData.ENTERPRISES).hasSize(36);
    }
}
