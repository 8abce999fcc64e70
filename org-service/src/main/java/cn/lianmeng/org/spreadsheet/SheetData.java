package cn.lianmeng.org.spreadsheet;

import java.util.List;

/**
 * What {@link SpreadsheetReader} read from the first sheet: its name, the header row as found (in column order),
 * the header's row number, and the non-blank data rows below it, in order.
 */
public record SheetData(String sheetName, List<String> headers, int headerRow, List<SheetRow> rows) {

    public SheetData {
        headers = List.copyOf(headers);
        rows = List.copyOf(rows);
    }
}
