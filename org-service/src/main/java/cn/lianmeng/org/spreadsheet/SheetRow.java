package cn.lianmeng.org.spreadsheet;

import java.util.Collections;
import java.util.Map;

/**
 * One data row of a sheet: its number as Excel shows it (1-based, counting the header and any blank rows) and its
 * cells as trimmed text keyed by column header. A missing or blank cell is absent ({@link #text} answers null).
 */
public record SheetRow(int number, Map<String, String> cells) {

    public SheetRow {
        cells = Collections.unmodifiableMap(cells);
    }

    /** The cell's text under the header, or null when blank. */
    public String text(String header) {
        return cells.get(header);
    }

    public boolean has(String header) {
        return cells.containsKey(header);
    }
}
