package cn.lianmeng.activity.compliance;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;

import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * A streaming .xlsx workbook for reports fit for upward reporting (house style of org-service's SpreadsheetWriter,
 * kept here so activity-service does not depend on org-service): each sheet opens with a merged title row, then a
 * styled header row that is frozen and filtered; data rows are written one by one and SXSSF keeps only a window of
 * {@value #WINDOW} rows per sheet in memory (the rest goes to compressed temporary files), so 60,000 organisations do
 * not hold the workbook in the heap. {@link #write} streams the finished file; {@link #close} removes the
 * temporary files.
 */
final class ComplianceWorkbook implements AutoCloseable {

    static final int WINDOW = 200;

    /** A column: its header and width in characters. */
    record Column(String header, int width) {
    }

    private final SXSSFWorkbook workbook = new SXSSFWorkbook(WINDOW);
    private final CellStyle title;
    private final CellStyle header;
    private final CellStyle text;
    private final CellStyle wrap;

    ComplianceWorkbook() {
        workbook.setCompressTempFiles(true);
        title = workbook.createCellStyle();
        Font big = workbook.createFont();
        big.setBold(true);
        big.setFontHeightInPoints((short) 14);
        title.setFont(big);
        title.setAlignment(HorizontalAlignment.CENTER);
        title.setVerticalAlignment(VerticalAlignment.CENTER);
        header = workbook.createCellStyle();
        Font bold = workbook.createFont();
        bold.setBold(true);
        bold.setColor(IndexedColors.WHITE.getIndex());
        header.setFont(bold);
        header.setFillForegroundColor(IndexedColors.DARK_RED.getIndex());
        header.setFillPattern(FillPatternType.SOLID_FOREGROUND);
        header.setAlignment(HorizontalAlignment.CENTER);
        header.setVerticalAlignment(VerticalAlignment.CENTER);
        header.setBorderBottom(BorderStyle.THIN);
        header.setBorderTop(BorderStyle.THIN);
        header.setBorderLeft(BorderStyle.THIN);
        header.setBorderRight(BorderStyle.THIN);
        header.setWrapText(true);
        text = workbook.createCellStyle();
        text.setDataFormat(workbook.createDataFormat().getFormat("@"));
        wrap = workbook.createCellStyle();
        wrap.setWrapText(true);
        wrap.setVerticalAlignment(VerticalAlignment.TOP);
    }

    /** A new sheet: the title row (merged over all columns) and the header row below it. */
    Sheet sheet(String name, String heading, List<Column> columns) {
        SXSSFSheet sheet = workbook.createSheet(name);
        for (int i = 0; i < columns.size(); i++) {
            sheet.setColumnWidth(i, Math.min(255, Math.max(4, columns.get(i).width())) * 256);
        }
        Row t = sheet.createRow(0);
        t.setHeightInPoints(28);
        Cell tc = t.createCell(0);
        tc.setCellValue(heading);
        tc.setCellStyle(title);
        if (columns.size() > 1) {
            sheet.addMergedRegion(new CellRangeAddress(0, 0, 0, columns.size() - 1));
        }
        Row h = sheet.createRow(1);
        h.setHeightInPoints(30);
        for (int i = 0; i < columns.size(); i++) {
            Cell c = h.createCell(i);
            c.setCellValue(columns.get(i).header());
            c.setCellStyle(header);
        }
        sheet.createFreezePane(0, 2);
        sheet.setAutoFilter(new CellRangeAddress(1, 1, 0, Math.max(0, columns.size() - 1)));
        return new Sheet(sheet);
    }

    void write(OutputStream out) {
        try {
            workbook.write(out);
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

    /** A sheet being written row by row below its header. */
    final class Sheet {

        private final SXSSFSheet sheet;
        private int next = 2;

        private Sheet(SXSSFSheet sheet) {
            this.sheet = sheet;
        }

        /** Appends a row: numbers as numbers, everything else as text (wrapped when it contains a line break); null is blank. */
        Sheet row(List<?> values) {
            Row row = sheet.createRow(next++);
            for (int i = 0; i < values.size(); i++) {
                Object v = values.get(i);
                if (v == null) {
                    continue;
                }
                Cell cell = row.createCell(i);
                if (v instanceof Number n) {
                    cell.setCellValue(n.doubleValue());
                } else {
                    String s = v.toString();
                    cell.setCellValue(s);
                    cell.setCellStyle(s.indexOf('\n') >= 0 ? wrap : text);
                }
            }
            return this;
        }

        Sheet row(Object... values) {
            return row(java.util.Arrays.asList(values));
        }

        int rows() {
            return next - 2;
        }
    }
}
