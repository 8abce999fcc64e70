package cn.lianmeng.org.spreadsheet;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import cn.lianmeng.platform.web.ApiException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.apache.poi.xssf.usermodel.XSSFRelation;
import org.xml.sax.InputSource;
import org.xml.sax.XMLReader;

/**
 * Reads the first sheet of an uploaded .xlsx into text rows, streaming (SAX over the sheet XML, never the whole
 * workbook as objects), with a required header row matched by column name.
 *
 * <ul>
 *   <li>The content decides, not the file name or declared type: an .xlsx is a ZIP package whose
 *       {@code [Content_Types].xml} declares a spreadsheet workbook part. Anything else is 415 (a renamed .docx,
 *       .txt, an old .xls or a password-protected workbook, which is an OLE2 file).</li>
 *   <li>Zip bombs: every entry is inflated through POI's {@link ZipSecureFile} guard (minimum compression ratio,
 *       maximum expanded entry size, maximum number of entries) → 413. More data rows than the limit → 413.</li>
 *   <li>The header row is the first non-blank row; every expected column must be there (any order; extra columns
 *       are ignored). Missing or renamed columns → one 400 naming them all.</li>
 *   <li>Cells are text, trimmed (also full-width spaces); numbers without {@code .0}, dates as ISO dates
 *       ({@link CellText}); formulas give their cached result. Fully blank rows are skipped.</li>
 * </ul>
 * Blocking (file I/O and parsing): call it on a worker thread, e.g. {@code Schedulers.boundedElastic()}.
 */
public final class SpreadsheetReader {

    /** ZIP local file header. */
    private static final byte[] ZIP = {0x50, 0x4B, 0x03, 0x04};
    /** OLE2 compound file: .xls, or an encrypted .xlsx. */
    private static final byte[] OLE2 = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0};
    /** The expanded size of one entry (the sheet XML or shared strings of 20,000 rows stay far below). */
    static final long MAX_EXPANDED_ENTRY = 100 * SpreadsheetLimits.MIB;

    static {
        // process-wide POI guards; the same for every reader of untrusted workbooks in this service
        ZipSecureFile.setMinInflateRatio(0.01);
        ZipSecureFile.setMaxEntrySize(MAX_EXPANDED_ENTRY);
        ZipSecureFile.setMaxFileCount(1_000);
    }

    private final SpreadsheetLimits limits;

    public SpreadsheetReader(SpreadsheetLimits limits) {
        this.limits = limits;
    }

    public SpreadsheetLimits limits() {
        return limits;
    }

    /** Whether the bytes start like a ZIP package (the first, cheap half of the .xlsx check). */
    public static boolean looksLikeZip(byte[] content) {
        return startsWith(content, ZIP);
    }

    private static boolean startsWith(byte[] content, byte[] magic) {
        if (content == null || content.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if (content[i] != magic[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Reads the first sheet.
     *
     * @param expectedHeaders the columns that must be present in the header row
     * @throws ApiException 415 not an .xlsx, 413 too large (bytes, expanded content or rows), 400 header or data missing
     */
    public SheetData read(byte[] content, List<String> expectedHeaders) {
        if (content.length > limits.maxBytes()) {
            throw SpreadsheetProblems.tooLarge("文件超过 " + limits.describeBytes() + "，请拆分后分批导入");
        }
        if (startsWith(content, OLE2)) {
            throw SpreadsheetProblems.notXlsx("这是旧版 .xls 文件或设置了打开密码的工作簿，请在 Excel 中另存为 .xlsx（不设密码）后上传");
        }
        if (!looksLikeZip(content)) {
            throw SpreadsheetProblems.notXlsx("文件不是 .xlsx 工作簿（按文件内容判断，与文件名和声明的类型无关）");
        }
        Path file = null;
        try {
            file = Files.createTempFile("lianmeng-upload-", ".xlsx");
            Files.write(file, content);
            return readPackage(file, expectedHeaders);
        } catch (IOException e) {
            throw new IllegalStateException("Could not buffer the upload in a temporary file", e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // the temp directory is cleaned by the OS; nothing sensitive beyond the upload itself
                }
            }
        }
    }

    private SheetData readPackage(Path file, List<String> expectedHeaders) {
        // a readable central directory first: POI would otherwise fall back to reading every entry into memory
        try (ZipSecureFile zip = new ZipSecureFile(file.toFile())) {
            if (zip.getEntry("[Content_Types].xml") == null) {
                throw SpreadsheetProblems.notXlsx("文件不是 .xlsx 工作簿（压缩包中没有 [Content_Types].xml）");
            }
        } catch (ApiException e) {
            throw e;
        } catch (Exception | LinkageError e) {
            throw classify(e, "文件不是有效的 .xlsx 工作簿（压缩包已损坏或不完整）");
        }
        OPCPackage pkg;
        try {
            pkg = OPCPackage.open(file.toFile(), PackageAccess.READ);
        } catch (Exception | LinkageError e) {
            throw classify(e, "文件不是有效的 .xlsx 工作簿（无法作为 Office Open XML 包打开）");
        }
        try {
            if (pkg.getPartsByContentType(XSSFRelation.WORKBOOK.getContentType()).isEmpty()) {
                throw SpreadsheetProblems.notXlsx("这是 Office 文档，但不是 Excel 工作簿（.xlsx），例如 Word 文档改了扩展名");
            }
            XSSFReader reader = new XSSFReader(pkg);
            ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(pkg, false);
            StylesTable styles = reader.getStylesTable();
            XSSFReader.SheetIterator sheets = (XSSFReader.SheetIterator) reader.getSheetsData();
            if (!sheets.hasNext()) {
                throw SpreadsheetProblems.badSheet("工作簿中没有工作表");
            }
            try (InputStream sheet = sheets.next()) {
                String sheetName = sheets.getSheetName();
                Collector collector = new Collector(limits);
                XMLReader parser = XMLHelper.newXMLReader();
                parser.setContentHandler(new XSSFSheetXMLHandler(styles, strings, collector, new CellText(), false));
                try {
                    parser.parse(new InputSource(sheet));
                } catch (TooManyRows stop) {
                    throw SpreadsheetProblems.tooLarge("数据超过 " + limits.maxRows() + " 行，请拆分后分批导入");
                }
                return collector.result(sheetName, expectedHeaders);
            }
        } catch (ApiException e) {
            throw e;
        } catch (Exception | LinkageError e) {
            throw classify(e, "文件已损坏或格式不完整，无法读取，请在 Excel 中重新保存后上传");
        } finally {
            pkg.revert();
        }
    }

    /** Zip-bomb guards → 413; an unreadable package → the given 415/400 message. */
    private static ApiException classify(Throwable e, String otherwise) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof TooManyRows) {
                return SpreadsheetProblems.tooLarge("数据行数超过上限，请拆分后分批导入");
            }
            String m = t.getMessage();
            if (m != null && (m.contains("Zip bomb") || m.contains("potentially malicious"))) {
                return SpreadsheetProblems.tooLarge("文件解压后的内容超过安全上限（疑似压缩炸弹），未导入任何数据");
            }
        }
        return otherwise.startsWith("文件不是") ? SpreadsheetProblems.notXlsx(otherwise) : SpreadsheetProblems.badSheet(otherwise);
    }

    /** Whitespace (also full-width) trimmed; null when nothing is left. */
    static String clean(String text) {
        if (text == null) {
            return null;
        }
        String s = text.replace('\u3000', ' ').replace('\u00A0', ' ').strip();
        return s.isEmpty() ? null : s;
    }

    /** A header cell as compared: cleaned, without a trailing required-marker {@code *} or {@code （必填）}. */
    static String headerKey(String text) {
        String s = clean(text);
        if (s == null) {
            return null;
        }
        s = s.replaceAll("[\\s]*([*＊]|[（(]必填[)）])$", "").replaceAll("^[*＊]", "").strip();
        return s;
    }

    private static final class TooManyRows extends RuntimeException {
        TooManyRows() {
            super("too many rows", null, false, false);
        }
    }

    /** Collects rows as the SAX handler reports them: the first non-blank row is the header. */
    private static final class Collector implements XSSFSheetXMLHandler.SheetContentsHandler {

        private final SpreadsheetLimits limits;
        private TreeMap<Integer, String> header;
        private int headerRow;
        private final List<Integer> rowNumbers = new ArrayList<>();
        private final List<Map<Integer, String>> rows = new ArrayList<>();
        private Map<Integer, String> current;
        private int lastColumn;

        Collector(SpreadsheetLimits limits) {
            this.limits = limits;
        }

        @Override
        public void startRow(int rowNum) {
            current = new HashMap<>();
            lastColumn = -1;
        }

        @Override
        public void cell(String cellReference, String formattedValue, XSSFComment comment) {
            int column = cellReference == null ? lastColumn + 1 : new CellReference(cellReference).getCol();
            lastColumn = column;
            if (column >= limits.maxColumns()) {
                return;
            }
            String value = clean(formattedValue);
            if (value != null) {
                current.put(column, value);
            }
        }

        @Override
        public void endRow(int rowNum) {
            if (current.isEmpty()) {
                return; // fully blank rows are skipped
            }
            if (header == null) {
                header = new TreeMap<>(current);
                headerRow = rowNum + 1;
            } else {
                if (rows.size() >= limits.maxRows()) {
                    throw new TooManyRows();
                }
                rows.add(current);
                rowNumbers.add(rowNum + 1);
            }
        }

        SheetData result(String sheetName, List<String> expected) {
            if (header == null) {
                throw SpreadsheetProblems.badSheet("第一个工作表是空的：未找到表头行");
            }
            Map<String, Integer> columns = new LinkedHashMap<>();
            Set<String> duplicates = new LinkedHashSet<>();
            header.forEach((column, text) -> {
                String key = headerKey(text);
                if (key != null && columns.putIfAbsent(key, column) != null) {
                    duplicates.add(key);
                }
            });
            List<String> missing = expected.stream().filter(h -> !columns.containsKey(h)).toList();
            List<String> unknown = columns.keySet().stream().filter(h -> !expected.contains(h)).toList();
            if (!missing.isEmpty() || !duplicates.isEmpty()) {
                StringBuilder m = new StringBuilder("表头（第 " + headerRow + " 行）与模板不符：");
                if (!missing.isEmpty()) {
                    m.append("缺少列“").append(String.join("”“", missing)).append("”");
                }
                if (!duplicates.isEmpty()) {
                    m.append(missing.isEmpty() ? "" : "；").append("列“").append(String.join("”“", duplicates)).append("”重复");
                }
                if (!unknown.isEmpty()) {
                    m.append("；无法识别的列“").append(String.join("”“", unknown)).append("”（是否改了列名？）");
                }
                m.append("。请使用导入模板，表头依次为：").append(String.join("、", expected));
                throw SpreadsheetProblems.badSheet(m.toString());
            }
            List<String> headers = List.copyOf(columns.keySet());
            List<SheetRow> out = new ArrayList<>(rows.size());
            for (int i = 0; i < rows.size(); i++) {
                Map<Integer, String> raw = rows.get(i);
                Map<String, String> cells = new LinkedHashMap<>();
                for (String h : expected) {
                    String v = raw.get(columns.get(h));
                    if (v != null) {
                        cells.put(h, v);
                    }
                }
                if (!cells.isEmpty()) { // a row with text only in columns nobody reads counts as blank
                    out.add(new SheetRow(rowNumbers.get(i), cells));
                }
            }
            if (out.isEmpty()) {
                throw SpreadsheetProblems.badSheet("表头下没有数据行");
            }
            return new SheetData(sheetName, headers, headerRow, out);
        }
    }
}
