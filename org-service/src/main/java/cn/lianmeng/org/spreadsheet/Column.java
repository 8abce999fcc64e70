package cn.lianmeng.org.spreadsheet;

/**
 * One column of a written sheet.
 *
 * @param header     the header text (row 1)
 * @param widthChars column width in characters (a CJK character counts about two)
 * @param text       format the whole column as text ({@code @}), so codes and phone numbers typed into a template
 *                   stay text (no {@code 9.13E+17}, no lost leading zeros)
 * @param required   highlighted as required in the header
 */
public record Column(String header, int widthChars, boolean text, boolean required) {

    public static Column required(String header, int widthChars) {
        return new Column(header, widthChars, true, true);
    }

    public static Column optional(String header, int widthChars) {
        return new Column(header, widthChars, true, false);
    }

    /** A column for numbers and dates in reports (no text format). */
    public static Column value(String header, int widthChars) {
        return new Column(header, widthChars, false, false);
    }
}
