package cn.lianmeng.content.school;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/** The organisation study report as an .xlsx workbook (Apache POI), for upward reporting (DESIGN §3). */
public final class StudyWorkbook {

    public static final String MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    static final String[] HEADERS = {"组织", "姓名", "职务", "年度目标学时", "截至今日应完成", "已完成学时", "完成课时数", "是否落后"};

    private StudyWorkbook() {
    }

    public static byte[] write(School.OrgReport report) {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = workbook.createSheet(report.year() + "年学习情况");
            Font bold = workbook.createFont();
            bold.setBold(true);
            CellStyle header = workbook.createCellStyle();
            header.setFont(bold);
            header.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
            header.setFillPattern(FillPatternType.SOLID_FOREGROUND);
            CellStyle behind = workbook.createCellStyle();
            Font red = workbook.createFont();
            red.setColor(IndexedColors.RED.getIndex());
            behind.setFont(red);

            Row title = sheet.createRow(0);
            title.createCell(0).setCellValue(report.orgName() + " " + report.year() + " 年度党员学习学时统计（党员不少于 32 学时，书记和委员不少于 56 学时）");
            sheet.addMergedRegion(new CellRangeAddress(0, 0, 0, HEADERS.length - 1));
            Row summary = sheet.createRow(1);
            summary.createCell(0).setCellValue("党员 " + report.members() + " 人，进度落后 " + report.behind() + " 人");
            sheet.addMergedRegion(new CellRangeAddress(1, 1, 0, HEADERS.length - 1));
            Row head = sheet.createRow(3);
            for (int i = 0; i < HEADERS.length; i++) {
                head.createCell(i).setCellValue(HEADERS[i]);
                head.getCell(i).setCellStyle(header);
            }
            int r = 4;
            for (School.ReportRow row : report.rows()) {
                Row x = sheet.createRow(r++);
                x.createCell(0).setCellValue(row.orgName());
                x.createCell(1).setCellValue(row.name() == null ? "" : row.name());
                x.createCell(2).setCellValue(row.role());
                x.createCell(3).setCellValue(row.target());
                x.createCell(4).setCellValue(row.expectedByNow());
                x.createCell(5).setCellValue(row.hours());
                x.createCell(6).setCellValue(row.lessonsCompleted());
                x.createCell(7).setCellValue(row.behind() ? "是" : "否");
                if (row.behind()) {
                    x.getCell(7).setCellStyle(behind);
                }
            }
            int[] widths = {24, 12, 8, 14, 16, 12, 12, 10};
            for (int i = 0; i < widths.length; i++) {
                sheet.setColumnWidth(i, widths[i] * 256 * 2 / 2 + 512);
            }
            sheet.createFreezePane(0, 4);
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
