package cn.lianmeng.org.spreadsheet;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.List;

import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DataValidation;
import org.apache.poi.ss.usermodel.DataValidationConstraint;
import org.apache.poi.ss.usermodel.DataValidationHelper;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.CellRangeAddressList;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * Writes .xlsx workbooks for downloads: import templates and reports (exports for upward reporting). Streaming
 * (SXSSF keeps a window of rows in memory), so large exports stay cheap. Sheets get a styled, frozen header row
 * with auto-filter, column widths and optional text-formatted columns; templates get drop-down lists and an
 * instructions sheet.
 *
 * <pre>
 * try (SpreadsheetWriter w = new SpreadsheetWriter()) {
 *     SpreadsheetWriter.Sheet s = w.sheet("企业信息", columns);
 *     s.row("上海示例有限公司", 120, LocalDate.now());
 *     s.dropDown(2, List.of("国有企业", "民营企业"), 20_000);
 *     w.instructions("填写说明", "成员单位导入模板", lines);
 *     return w.toBytes();
 * }
 * </pre>
 */
public final class SpreadsheetWriter implements AutoCloseable {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private final SXSSFWorkbook workbook = new SXSSFWorkbook(200);
    private final CellStyle requiredHeader;
    private final CellStyle optionalHeader;
    private final CellStyle text;
    private final CellStyle date;
    private final CellStyle dateTime;
    private final CellStyle title;
    private final CellStyle wrap;

    public SpreadsheetWriter() {
        requiredHeader = header(IndexedColors.DARK_RED);
        optionalHeader = header(IndexedColors.GREY_50_PERCENT);
        text = workbook.createCellStyle();
        text.setDataFormat(workbook.createDataFormat().getFormat("@"));
        date = workbook.createCellStyle();
        date.setDataFormat(workbook.createDataFormat().getFormat("yyyy-mm-dd"));
        dateTime = workbook.createCellStyle();
        dateTime.setDataFormat(workbook.createDataFormat().getFormat("yyyy-mm-dd hh:mm:ss"));
        title = workbook.createCellStyle();
        Font big = workbook.createFont();
        big.setBold(true);
        big.setFontHeightInPoints((short) 14);
        title.setFont(big);
        wrap = workbook.createCellStyle();
        wrap.setWrapText(true);
        wrap.setVerticalAlignment(VerticalAlignment.TOP);
    }

    private CellStyle header(IndexedColors fill) {
        CellStyle s = workbook.createCellStyle();
        Font f = workbook.createFont();
        f.setBold(true);
        f.setColor(IndexedColors.WHITE.getIndex());
        s.setFont(f);
        s.setFillForegroundColor(fill.getIndex());
        s.setFillPattern(FillPatternType.SOLID_FOREGROUND);
        s.setAlignment(HorizontalAlignment.CENTER);
        s.setVerticalAlignment(VerticalAlignment.CENTER);
        s.setBorderBottom(BorderStyle.THIN);
        s.setBorderTop(BorderStyle.THIN);
        s.setBorderLeft(BorderStyle.THIN);
        s.setBorderRight(BorderStyle.THIN);
        s.setWrapText(true);
        return s;
    }

    /** A new sheet with its header row written. */
    public Sheet sheet(String name, List<Column> columns) {
        SXSSFSheet sheet = workbook.createSheet(name);
        Row header = sheet.createRow(0);
        header.setHeightInPoints(22);
        for (int i = 0; i < columns.size(); i++) {
            Column c = columns.get(i);
            sheet.setColumnWidth(i, Math.min(255, Math.max(4, c.widthChars())) * 256);
            if (c.text()) {
                sheet.setDefaultColumnStyle(i, text);
            }
            Cell cell = header.createCell(i);
            cell.setCellValue(c.header());
            cell.setCellStyle(c.required() ? requiredHeader : optionalHeader);
        }
        sheet.createFreezePane(0, 1);
        sheet.setAutoFilter(new CellRangeAddress(0, 0, 0, Math.max(0, columns.size() - 1)));
        return new Sheet(sheet, columns);
    }

    /** An instructions sheet: a title and one line per row (wrapped in a wide column). */
    public void instructions(String name, String heading, List<String> lines) {
        SXSSFSheet sheet = workbook.createSheet(name);
        sheet.setColumnWidth(0, 110 * 256);
        Cell t = sheet.createRow(0).createCell(0);
        t.setCellValue(heading);
        t.setCellStyle(title);
        for (int i = 0; i < lines.size(); i++) {
            Cell c = sheet.createRow(i + 2).createCell(0);
            c.setCellValue(lines.get(i));
            c.setCellStyle(wrap);
        }
    }

    /** The workbook as .xlsx bytes. */
    public byte[] toBytes() {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024)) {
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            workbook.close(); // also removes SXSSF's temporary files
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A sheet being written, row by row below the header. */
    public final class Sheet {

        private final SXSSFSheet sheet;
        private final List<Column> columns;
        private int next = 1;

        private Sheet(SXSSFSheet sheet, List<Column> columns) {
            this.sheet = sheet;
            this.columns = columns;
        }

        /** Appends a row: text, numbers, dates ({@link LocalDate}, {@link LocalDateTime}, {@link Instant}, {@link Date}), booleans (是/否); null is blank. */
        public Sheet row(List<?> values) {
            Row row = sheet.createRow(next++);
            for (int i = 0; i < values.size(); i++) {
                Object v = values.get(i);
                if (v == null) {
                    continue;
                }
                Cell cell = row.createCell(i);
                if (v instanceof Number n) {
                    cell.setCellValue(n.doubleValue());
                } else if (v instanceof Boolean b) {
                    cell.setCellValue(b ? "是" : "否");
                } else if (v instanceof LocalDate d) {
                    cell.setCellValue(d);
                    cell.setCellStyle(date);
                } else if (v instanceof LocalDateTime d) {
                    cell.setCellValue(d);
                    cell.setCellStyle(dateTime);
                } else if (v instanceof Instant d) {
                    cell.setCellValue(ZonedDateTime.ofInstant(d, ZONE).toLocalDateTime());
                    cell.setCellStyle(dateTime);
                } else if (v instanceof Date d) {
                    cell.setCellValue(ZonedDateTime.ofInstant(d.toInstant(), ZONE).toLocalDateTime());
                    cell.setCellStyle(dateTime);
                } else {
                    cell.setCellValue(v.toString());
                    if (i < columns.size() && columns.get(i).text()) {
                        cell.setCellStyle(text);
                    }
                }
            }
            return this;
        }

        public Sheet row(Object... values) {
            return row(java.util.Arrays.asList(values));
        }

        /** A drop-down list on a column for the data rows 2…{@code rows + 1}; other input is refused by Excel. */
        public Sheet dropDown(int column, List<String> options, int rows) {
            DataValidationHelper helper = sheet.getDataValidationHelper();
            DataValidationConstraint constraint = helper.createExplicitListConstraint(options.toArray(String[]::new));
            DataValidation validation = helper.createValidation(constraint, new CellRangeAddressList(1, rows, column, column));
            validation.setShowErrorBox(true);
            validation.setErrorStyle(DataValidation.ErrorStyle.STOP);
            validation.createErrorBox("取值无效", "请从下拉列表中选择：" + String.join("、", options));
            validation.setShowPromptBox(true);
            validation.createPromptBox(columns.get(column).header(), "请从下拉列表中选择");
            validation.setSuppressDropDownArrow(true); // XSSF: true shows the arrow
            sheet.addValidationData(validation);
            return this;
        }

        /** Rows written so far below the header. */
        public int rows() {
            return next - 1;
        }
    }
}
