package cn.lianmeng.org.spreadsheet;

import java.nio.charset.StandardCharsets;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** File downloads: the .xlsx media type and a {@code Content-Disposition} that carries a Chinese file name. */
public final class Downloads {

    public static final String XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public static final MediaType XLSX = MediaType.parseMediaType(XLSX_TYPE);

    private Downloads() {
    }

    /** 200 with the workbook as an attachment named {@code fileName} (ASCII {@code fallback} for old clients). */
    public static ResponseEntity<byte[]> xlsx(byte[] workbook, String fileName, String fallback) {
        return ResponseEntity.ok()
                .contentType(XLSX)
                .header(HttpHeaders.CONTENT_DISPOSITION, attachment(fileName, fallback))
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .contentLength(workbook.length)
                .body(workbook);
    }

    /**
     * {@code attachment; filename="fallback.xlsx"; filename*=UTF-8''%E6%88%90…} — RFC 6266 with the RFC 5987
     * encoding of the real name; browsers use {@code filename*}.
     */
    public static String attachment(String fileName, String fallback) {
        String ascii = fallback.replaceAll("[^A-Za-z0-9._-]", "_");
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + rfc5987(fileName);
    }

    /** Percent-encodes every byte of the UTF-8 form that is not an RFC 5987 {@code attr-char}. */
    static String rfc5987(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || "!#$&+-.^_`|~".indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return out.toString();
    }
}
