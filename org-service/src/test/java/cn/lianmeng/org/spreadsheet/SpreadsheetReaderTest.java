package cn.lianmeng.org.spreadsheet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import cn.lianmeng.platform.web.ApiException;
import org.junit.jupiter.api.Test;

class SpreadsheetReaderTest {

    private static final List<String> HEADERS = List.of("名称", "数量", "日期", "电话");
    private final SpreadsheetReader reader = new SpreadsheetReader(SpreadsheetLimits.DEFAULT);

    private static List<Object> row(Object... values) {
        return Arrays.asList(values);
    }

    private static int status(Throwable e) {
        return ((ApiException) e).status().value();
    }

    @Test
    void readsTextNumbersAndDatesSkippingBlankRowsWithExcelRowNumbers() {
        List<List<Object>> rows = new ArrayList<>();
        rows.add(null); // a blank first row: the header is the first non-blank row
        rows.add(row("名称", "数量 ", "日期", "　电话*"));
        rows.add(row("  上海甲公司 ", 120, LocalDate.of(2024, 3, 1), 13812345678L));
        rows.add(null);
        rows.add(row(null, null, null, null));
        rows.add(row("乙公司", 12.5, "2024-01-02", "021-12345678"));
        rows.add(row(null, null, null, null, null, "注释写在没人读的列"));
        SheetData data = reader.read(Workbooks.xlsx(rows), HEADERS);

        assertThat(data.headerRow()).isEqualTo(2);
        assertThat(data.headers()).containsExactly("名称", "数量", "日期", "电话");
        assertThat(data.rows()).hasSize(2);
        SheetRow first = data.rows().get(0);
        assertThat(first.number()).isEqualTo(3);
        assertThat(first.text("名称")).isEqualTo("上海甲公司");
        assertThat(first.text("数量")).isEqualTo("120");
        assertThat(first.text("日期")).isEqualTo("2024-03-01");
        assertThat(first.text("电话")).isEqualTo("13812345678");
        SheetRow second = data.rows().get(1);
        assertThat(second.number()).isEqualTo(6);
        assertThat(second.text("数量")).isEqualTo("12.5");
        assertThat(second.text("日期")).isEqualTo("2024-01-02");
    }

    @Test
    void columnsMayComeInAnyOrderAndExtraColumnsAreIgnored() {
        SheetData data = reader.read(Workbooks.xlsx(List.of(
                row("备注", "电话", "日期", "数量", "名称"),
                row("x", "13800000000", null, "3", "丙公司"))), HEADERS);
        assertThat(data.rows().get(0).text("名称")).isEqualTo("丙公司");
        assertThat(data.rows().get(0).text("日期")).isNull();
        assertThat(data.rows().get(0).has("备注")).isFalse();
    }

    @Test
    void aMissingOrRenamedColumnIsOneClearError() {
        assertThatThrownBy(() -> reader.read(Workbooks.xlsx(List.of(
                row("名称", "件数", "日期"), row("甲", "1", "2024-01-01"))), HEADERS))
                .isInstanceOf(ApiException.class)
                .satisfies(e -> assertThat(status(e)).isEqualTo(400))
                .hasMessageContaining("缺少列“数量”“电话”")
                .hasMessageContaining("无法识别的列“件数”")
                .hasMessageContaining("表头依次为：名称、数量、日期、电话");
    }

    @Test
    void emptySheetsAndHeaderOnlySheetsAreRefused() {
        assertThatThrownBy(() -> reader.read(Workbooks.xlsx(List.of()), HEADERS)).hasMessageContaining("未找到表头行");
        assertThatThrownBy(() -> reader.read(Workbooks.xlsx(List.of(row("名称", "数量", "日期", "电话"))), HEADERS))
                .hasMessageContaining("没有数据行");
    }

    @Test
    void theContentDecidesNotTheName() {
        assertThatThrownBy(() -> reader.read("企业名称,统一社会信用代码\n甲,123".getBytes(StandardCharsets.UTF_8), HEADERS))
                .satisfies(e -> assertThat(status(e)).isEqualTo(415));
        assertThatThrownBy(() -> reader.read(Workbooks.docx(), HEADERS))
                .satisfies(e -> assertThat(status(e)).isEqualTo(415)).hasMessageContaining("不是 Excel 工作簿");
        assertThatThrownBy(() -> reader.read(Workbooks.plainZip(), HEADERS))
                .satisfies(e -> assertThat(status(e)).isEqualTo(415));
        byte[] ole2 = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1, 0, 0};
        assertThatThrownBy(() -> reader.read(ole2, HEADERS))
                .satisfies(e -> assertThat(status(e)).isEqualTo(415)).hasMessageContaining(".xls");
        byte[] truncated = Arrays.copyOf(Workbooks.xlsx(List.of(row("名称"), row("甲"))), 200);
        assertThatThrownBy(() -> reader.read(truncated, HEADERS)).isInstanceOf(ApiException.class)
                .satisfies(e -> assertThat(status(e)).isBetween(400, 415));
    }

    @Test
    void sizeRowsAndZipBombsAreLimited() {
        byte[] small = Workbooks.xlsx(List.of(row("名称", "数量", "日期", "电话"), row("甲", 1, null, null), row("乙", 2, null, null),
                row("丙", 3, null, null)));
        SpreadsheetReader tight = new SpreadsheetReader(new SpreadsheetLimits(small.length - 1, 2, 10));
        assertThatThrownBy(() -> tight.read(small, HEADERS)).satisfies(e -> assertThat(status(e)).isEqualTo(413))
                .hasMessageContaining("文件超过");
        SpreadsheetReader twoRows = new SpreadsheetReader(new SpreadsheetLimits(SpreadsheetLimits.MIB, 2, 10));
        assertThatThrownBy(() -> twoRows.read(small, HEADERS)).satisfies(e -> assertThat(status(e)).isEqualTo(413))
                .hasMessageContaining("超过 2 行");
        assertThat(new SpreadsheetReader(new SpreadsheetLimits(SpreadsheetLimits.MIB, 3, 10)).read(small, HEADERS).rows()).hasSize(3);

        byte[] bomb = Workbooks.inflated(small, 300 * 1024 * 1024);
        assertThat(bomb.length).isLessThan(2 * 1024 * 1024);
        assertThatThrownBy(() -> reader.read(bomb, HEADERS)).satisfies(e -> assertThat(status(e)).isEqualTo(413))
                .hasMessageContaining("压缩炸弹");
    }

    @Test
    void numbersAreWrittenPlain() {
        assertThat(CellText.number(120.0)).isEqualTo("120");
        assertThat(CellText.number(1.3812345678E10)).isEqualTo("13812345678");
        assertThat(CellText.number(0.1 + 0.2)).isEqualTo("0.30000000000000004");
        assertThat(CellText.number(-0.0)).isEqualTo("0");
        assertThat(CellText.number(1e21)).isEqualTo("1000000000000000000000");
    }

    @Test
    void headerMarkersAreIgnored() {
        assertThat(SpreadsheetReader.headerKey(" 企业名称* ")).isEqualTo("企业名称");
        assertThat(SpreadsheetReader.headerKey("企业名称（必填）")).isEqualTo("企业名称");
        assertThat(SpreadsheetReader.headerKey("　")).isNull();
    }
}
