package cn.lianmeng.org.importer;

/**
 * One problem of one spreadsheet row.
 *
 * @param row     the row number as Excel shows it
 * @param field   the column header (Chinese, as in the template)
 * @param message what is wrong, in Chinese
 */
public record ImportError(int row, String field, String message) {
}
