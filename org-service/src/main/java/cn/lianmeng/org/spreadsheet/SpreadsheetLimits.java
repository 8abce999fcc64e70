package cn.lianmeng.org.spreadsheet;

/**
 * How much of a spreadsheet an upload may contain. The byte limit is checked on the raw upload, the expanded size of
 * every ZIP entry by POI's zip-bomb guard (see {@link SpreadsheetReader}), the data rows and columns while parsing.
 *
 * @param maxBytes   the upload itself (the .xlsx file, compressed)
 * @param maxRows    data rows (blank rows are not counted)
 * @param maxColumns columns looked at; cells further right are ignored
 */
public record SpreadsheetLimits(long maxBytes, int maxRows, int maxColumns) {

    public static final long MIB = 1024L * 1024L;

    /** 10 MiB, 20,000 data rows, 200 columns: what an alliance office's list realistically holds, with room to spare. */
    public static final SpreadsheetLimits DEFAULT = new SpreadsheetLimits(10 * MIB, 20_000, 200);

    public SpreadsheetLimits {
        if (maxBytes <= 0 || maxRows <= 0 || maxColumns <= 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }

    /** The byte limit for messages: {@code 10 MiB}. */
    public String describeBytes() {
        return maxBytes % MIB == 0 ? maxBytes / MIB + " MiB" : maxBytes / 1024 + " KiB";
    }
}
