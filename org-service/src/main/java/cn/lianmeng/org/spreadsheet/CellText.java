package cn.lianmeng.org.spreadsheet;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;

/**
 * Turns numeric cells into the text an importer wants, independent of how the cell is formatted for display:
 * numbers in plain notation without a trailing {@code .0} ({@code 120}, {@code 13812345678}, {@code 12.5}); date
 * cells as ISO dates ({@code 2024-03-01}), with the time when there is one ({@code 2024-03-01 08:30:00}).
 */
final class CellText extends DataFormatter {

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    CellText() {
        super(Locale.ROOT);
    }

    @Override
    public String formatRawCellContents(double value, int formatIndex, String formatString) {
        return formatRawCellContents(value, formatIndex, formatString, false);
    }

    @Override
    public String formatRawCellContents(double value, int formatIndex, String formatString, boolean use1904Windowing) {
        if (DateUtil.isADateFormat(formatIndex, formatString) && DateUtil.isValidExcelDate(value)) {
            LocalDateTime t = DateUtil.getLocalDateTime(value, use1904Windowing, true);
            if (t.toLocalTime().equals(LocalTime.MIDNIGHT)) {
                return t.toLocalDate().toString();
            }
            return DATE_TIME.format(t);
        }
        return number(value);
    }

    /** Plain notation, no exponent, no trailing zeros: 120.0 → "120", 1.3812345678E10 → "13812345678". */
    static String number(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return String.valueOf(value);
        }
        BigDecimal d = BigDecimal.valueOf(value).stripTrailingZeros();
        return d.signum() == 0 ? "0" : d.toPlainString();
    }
}
