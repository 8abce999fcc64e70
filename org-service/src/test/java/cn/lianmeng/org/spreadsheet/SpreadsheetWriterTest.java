package cn.lianmeng.org.spreadsheet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.time.LocalDate;
import java.util.List;

import org.apache.poi.ss.usermodel.DataValidationConstraint;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

class SpreadsheetWriterTest {

    @Test
    void writesStyledHeaderDropDownsInstructionsAndRowsThatReadBack() throws Exception {
        byte[] bytes;
        try (SpreadsheetWriter w = new SpreadsheetWriter()) {
            SpreadsheetWriter.Sheet s = w.sheet("企业信息", List.of(Column.required("名称", 30), Column.optional("类型", 12),
                    Column.value("人数", 8), Column.value("日期", 12)));
            s.dropDown(1, List.of("国有企业", "民营企业"), 100);
            s.row("甲公司", "民营企业", 120, LocalDate.of(2024, 5, 6));
            s.row("乙公司", null, 3.5, null);
            assertThat(s.rows()).isEqualTo(2);
            w.instructions("填写说明", "导入说明", List.of("第一行是表头", "每行一家企业"));
            bytes = w.toBytes();
        }
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(bytes))) {
            assertThat(wb.getSheetName(0)).isEqualTo("企业信息");
            assertThat(wb.getSheetName(1)).isEqualTo("填写说明");
            XSSFSheet sheet = wb.getSheetAt(0);
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("名称");
            assertThat(sheet.getRow(0).getCell(0).getCellStyle().getFont().getBold()).isTrue();
            assertThat(sheet.getColumnWidth(0)).isEqualTo(30 * 256);
            assertThat(sheet.getColumnStyle(0).getDataFormatString()).isEqualTo("@");
            assertThat(sheet.getPaneInformation().isFreezePane()).isTrue();
            assertThat(sheet.getDataValidations()).hasSize(1);
            DataValidationConstraint c = sheet.getDataValidations().get(0).getValidationConstraint();
            assertThat(c.getExplicitListValues()).containsExactly("国有企业", "民营企业");
            assertThat(wb.getSheetAt(1).getRow(2).getCell(0).getStringCellValue()).isEqualTo("第一行是表头");
        }
        SheetData back = new SpreadsheetReader(SpreadsheetLimits.DEFAULT).read(bytes, List.of("名称", "类型", "人数", "日期"));
        assertThat(back.sheetName()).isEqualTo("企业信息");
        assertThat(back.rows()).hasSize(2);
        assertThat(back.rows().get(0).cells()).containsEntry("人数", "120").containsEntry("日期", "2024-05-06")
                .containsEntry("类型", "民营企业");
        assertThat(back.rows().get(1).text("人数")).isEqualTo("3.5");
    }

    @Test
    void contentDispositionCarriesTheChineseNameRfc5987Encoded() {
        assertThat(Downloads.attachment("成员单位导入模板.xlsx", "enterprise-import-template.xlsx"))
                .isEqualTo("attachment; filename=\"enterprise-import-template.xlsx\"; filename*=UTF-8''"
                        + "%E6%88%90%E5%91%98%E5%8D%95%E4%BD%8D%E5%AF%BC%E5%85%A5%E6%A8%A1%E6%9D%BF.xlsx");
        assertThat(Downloads.rfc5987("a b;\"c\"")).isEqualTo("a%20b%3B%22c%22");
    }
}
