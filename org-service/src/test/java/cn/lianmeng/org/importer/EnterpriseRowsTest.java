package cn.lianmeng.org.importer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import cn.lianmeng.org.enterprise.CreditCode;
import cn.lianmeng.org.enterprise.EnterpriseType;
import cn.lianmeng.org.enterprise.LocationLookup;
import cn.lianmeng.org.enterprise.RegionLocationDirectory;
import cn.lianmeng.org.region.LocationCatalogue;
import cn.lianmeng.org.spreadsheet.SheetRow;
import org.junit.jupiter.api.Test;

class EnterpriseRowsTest {

    static final LocationLookup LOOKUP = RegionLocationDirectory.adapt(LocationCatalogue.builder("a1")
            .district("d1", "浦东新区").street("s1", "d1", "张江镇").community("c1", "s1", "张江社区")
            .district("d2", "徐汇区").street("s2", "d2", "田林街道")
            .park("p1", "张江科学城", "s1").building("b1", "创新大厦", "s1", "p1").building("b2", "陆家嘴大厦", null, null)
            .build());

    static final String CODE_A = CreditCode.withCheck("91310115MA1K00001");
    static final String CODE_B = CreditCode.withCheck("91310115MA1K00002");
    static final String CODE_C = CreditCode.withCheck("91310115MA1K00003");

    /** A valid row by default; pairs of (column, value) override it (null value = blank cell). */
    static SheetRow row(int number, String... overrides) {
        Map<String, String> cells = new LinkedHashMap<>();
        cells.put("企业名称", "上海甲科技有限公司");
        cells.put("统一社会信用代码", CODE_A);
        cells.put("企业类型", "民营企业");
        cells.put("所属行业", "软件和信息技术服务业");
        cells.put("从业人数", "120");
        cells.put("区", "浦东新区");
        cells.put("街道", "张江镇");
        cells.put("联系电话", "13812345678");
        for (int i = 0; i < overrides.length; i += 2) {
            if (overrides[i + 1] == null) {
                cells.remove(overrides[i]);
            } else {
                cells.put(overrides[i], overrides[i + 1]);
            }
        }
        return new SheetRow(number, cells);
    }

    private static List<ImportError> errors(SheetRow row) {
        List<EnterpriseRows.Verdict> v = EnterpriseRows.validate(List.of(row), LOOKUP, Map.of());
        assertThat(v.get(0).valid()).isFalse();
        return v.get(0).errors();
    }

    @Test
    void aCompleteRowBecomesADraftWithIdsAndCleanValues() {
        var v = EnterpriseRows.validate(List.of(row(2, "社区", "张江社区", "楼宇", "创新大厦", "正式党员人数", "12",
                "从业人数", "1,200", "联系电话", "138 1234 5678", "统一社会信用代码", CODE_A.toLowerCase(), "企业类型", "PRIVATE")), LOOKUP, Map.of());
        assertThat(v.get(0).valid()).isTrue();
        var d = v.get(0).draft();
        assertThat(d.row()).isEqualTo(2);
        assertThat(d.profile().creditCode()).isEqualTo(CODE_A);
        assertThat(d.profile().type()).isEqualTo(EnterpriseType.PRIVATE);
        assertThat(d.profile().staffCount()).isEqualTo(1200);
        assertThat(d.profile().partyMemberCount()).isEqualTo(12);
        assertThat(d.profile().contactPhone()).isEqualTo("13812345678");
        assertThat(d.location().districtId()).isEqualTo("d1");
        assertThat(d.location().communityId()).isEqualTo("c1");
        assertThat(d.location().buildingId()).isEqualTo("b1");
        assertThat(d.location().parkId()).isEqualTo("p1");
    }

    @Test
    void requiredFieldsAreNamedByTheirColumnInColumnOrder() {
        List<ImportError> e = errors(row(5, "企业名称", null, "所属行业", null, "从业人数", null, "区", null, "街道", null, "企业类型", null));
        assertThat(e).extracting(ImportError::field).containsExactly("企业名称", "企业类型", "所属行业", "从业人数", "区", "街道");
        assertThat(e).allMatch(x -> x.row() == 5 && x.message().equals("不能为空"));
        assertThat(errors(row(2, "统一社会信用代码", null))).extracting(ImportError::message).containsExactly("不能为空");
    }

    @Test
    void eachKindOfBadValueIsReported() {
        String wrongCheck = CODE_A.substring(0, 17) + (CODE_A.charAt(17) == '0' ? '1' : '0');
        assertThat(errors(row(2, "统一社会信用代码", wrongCheck))).containsExactly(new ImportError(2, "统一社会信用代码", "校验位不正确"));
        assertThat(errors(row(2, "统一社会信用代码", "123"))).extracting(ImportError::message).containsExactly("应为 18 位");
        assertThat(errors(row(2, "企业类型", "个体户"))).singleElement()
                .satisfies(x -> assertThat(x.message()).contains("个体户").contains("国有企业、民营企业、外资企业、合资企业、社会组织"));
        assertThat(errors(row(2, "从业人数", "十二"))).extracting(ImportError::field).containsExactly("从业人数");
        assertThat(errors(row(2, "从业人数", "12.5"))).extracting(ImportError::field).containsExactly("从业人数");
        assertThat(errors(row(2, "从业人数", "-3"))).extracting(ImportError::field).containsExactly("从业人数");
        assertThat(errors(row(2, "从业人数", "99999999999"))).extracting(ImportError::message).containsExactly("数值过大");
        assertThat(errors(row(2, "从业人数", "5", "正式党员人数", "6"))).extracting(ImportError::field).containsExactly("正式党员人数");
        assertThat(errors(row(2, "联系电话", "12345"))).extracting(ImportError::field).containsExactly("联系电话");
        assertThat(errors(row(2, "企业名称", "名".repeat(101)))).extracting(ImportError::field).containsExactly("企业名称");
    }

    @Test
    void unknownPlacesAreReportedPerColumn() {
        assertThat(errors(row(3, "区", "浦西区"))).containsExactly(new ImportError(3, "区", "本联盟没有名为“浦西区”的区"));
        assertThat(errors(row(3, "街道", "田林街道"))).containsExactly(new ImportError(3, "街道", "“浦东新区”下没有名为“田林街道”的街道"));
        assertThat(errors(row(3, "社区", "田林社区"))).extracting(ImportError::field).containsExactly("社区");
        assertThat(errors(row(3, "园区", "无名园区", "楼宇", "无名大厦"))).extracting(ImportError::field).containsExactly("园区", "楼宇");
    }

    @Test
    void duplicatesInTheFileNameTheFirstRowAndRegisteredCodesAreRefused() {
        List<SheetRow> rows = List.of(row(2), row(3, "统一社会信用代码", CODE_B), row(4, "企业名称", "重复的甲"),
                row(5, "统一社会信用代码", CODE_C), row(7, "统一社会信用代码", CODE_A.toLowerCase()));
        var verdicts = EnterpriseRows.validate(rows, LOOKUP, Map.of(CODE_C, "已登记的丙公司"));
        assertThat(verdicts).extracting(EnterpriseRows.Verdict::valid).containsExactly(true, true, false, false, false);
        assertThat(verdicts.get(2).errors()).containsExactly(new ImportError(4, "统一社会信用代码", "与第 2 行的统一社会信用代码重复"));
        assertThat(verdicts.get(3).errors()).containsExactly(new ImportError(5, "统一社会信用代码", "已在本联盟登记（已登记的丙公司），不重复导入"));
        assertThat(verdicts.get(4).errors().get(0).message()).isEqualTo("与第 2 行的统一社会信用代码重复");
        assertThat(EnterpriseRows.creditCodes(rows)).containsExactly(CODE_A, CODE_B, CODE_C);
    }

    @Test
    void aRowWithManyProblemsListsThemAll() {
        List<ImportError> e = errors(row(9, "联系电话", "abc", "区", "浦西区", "企业类型", "私企", "从业人数", "x"));
        assertThat(e).extracting(ImportError::field).containsExactly("企业类型", "从业人数", "区", "联系电话");
    }
}
