package cn.lianmeng.org.importer;

import java.util.Arrays;
import java.util.List;

import cn.lianmeng.org.enterprise.CreditCode;
import cn.lianmeng.org.spreadsheet.SpreadsheetWriter;

/**
 * An example import file for the demo alliance (local runs): ten enterprises in the template's shape, located at the
 * demo places of {@code region.RegionDemo}; eight are valid, two carry typical mistakes (a wrong check character, a
 * street that is not in the district) so the per-row report shows what it does. Importing it twice imports nothing
 * the second time.
 */
public final class EnterpriseImportDemo {

    private EnterpriseImportDemo() {
    }

    static final List<List<Object>> ROWS = List.of(
            row("上海张江细胞治疗技术有限公司", code("91310115MA1X0D01"), "民营企业", "生物医药", 230, "浦东新区", "张江镇", "孙桥社区", "张江科学城", null, 11, "郑华", "13916002001"),
            row("上海陆家嘴资产管理有限公司", code("91310115MA1X0D02"), "国有企业", "金融服务", 410, "浦东新区", "陆家嘴街道", "梅园社区", null, "上海中心大厦", 58, "钱伟", "021-50001234"),
            row("上海花木社区养老服务中心", code("91310115MA1X0D03"), "社会组织", "社会服务", 26, "浦东新区", "花木街道", "联洋社区", null, null, 3, "孙丽", "13916002003"),
            row("上海漕河泾芯片设计有限公司", code("91310104MA1X0D04"), "外资企业", "集成电路", 320, "徐汇区", "漕河泾街道", "华悦社区", null, "漕河泾创新大厦", 17, "李明", "13916002004"),
            row("上海徐家汇文旅发展有限公司", code("91310104MA1X0D05"), "民营企业", "文化旅游", 48, "徐汇区", "徐家汇街道", "汇站社区", null, "港汇恒隆广场", 4, "王芳", "13916002005"),
            row("上海虹桥会展服务有限公司", code("91310112MA1X0D06"), "合资企业", "商务服务", 95, "闵行区", "虹桥镇", null, "虹桥商务区", null, 6, "赵勇", "13916002006"),
            row("上海南京西路品牌管理有限公司", code("91310106MA1X0D07"), "民营企业", "商务服务", 64, "静安区", "南京西路街道", "静安别墅社区", null, "恒隆广场", 5, "冯洁", "13916002007"),
            row("上海大宁数字内容有限公司", code("91310106MA1X0D08"), "民营企业", "文化创意", 150, "静安区", "大宁路街道", "大宁社区", null, "大宁中心广场", 9, "陈晨", "13916002008"),
            // a wrong check character
            row("上海校验位错误示例有限公司", wrongCheck(code("91310115MA1X0D09")), "民营企业", "科技服务", 20, "浦东新区", "金桥镇", null, null, null, 1, "何平", "13916002009"),
            // 田林街道 is in 徐汇区, not in 浦东新区
            row("上海街道错误示例有限公司", code("91310115MA1X0D10"), "民营企业", "科技服务", 35, "浦东新区", "田林街道", null, null, null, 2, "吕娜", "13916002010"));

    private static List<Object> row(Object... values) {
        return Arrays.asList(values);
    }

    private static String code(String body16) {
        return CreditCode.withCheck(body16 + "0");
    }

    private static String wrongCheck(String code) {
        char last = code.charAt(17);
        return code.substring(0, 17) + (last == '0' ? '1' : '0');
    }

    /** 成员单位导入示例.xlsx: the template's sheet with the ten rows. */
    public static byte[] exampleWorkbook() {
        try (SpreadsheetWriter w = new SpreadsheetWriter()) {
            SpreadsheetWriter.Sheet sheet = w.sheet("成员单位", EnterpriseImportColumns.TEMPLATE);
            sheet.dropDown(EnterpriseImportColumns.HEADERS.indexOf(EnterpriseImportColumns.TYPE), EnterpriseImportColumns.TYPE_LABELS, 1_000);
            ROWS.forEach(sheet::row);
            return w.toBytes();
        }
    }
}
