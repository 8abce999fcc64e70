package cn.lianmeng.content.files;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code Range} request header (RFC 9110 §14), for one range of bytes: {@code bytes=a-b}, {@code bytes=a-},
 * {@code bytes=-n}. Several ranges are not served as multipart: the header is ignored and the whole file is sent (as
 * RFC 9110 allows). A malformed {@code bytes} range or one that starts beyond the end is unsatisfiable (416).
 */
public sealed interface ByteRange {

    /** No usable Range header: send everything (200). */
    record Whole() implements ByteRange {
    }

    /** Send bytes {@code start..end} inclusive (206). */
    record Part(long start, long end) implements ByteRange {
        public long length() {
            return end - start + 1;
        }
    }

    /** 416 Range Not Satisfiable. */
    record Unsatisfiable() implements ByteRange {
    }

    Pattern SPEC = Pattern.compile("^(\\d{0,18})-(\\d{0,18})$");

    static ByteRange parse(String header, long length) {
        if (header == null || header.isBlank()) {
            return new Whole();
        }
        String h = header.strip();
        int eq = h.indexOf('=');
        if (eq < 0) {
            return new Unsatisfiable();
        }
        if (!h.substring(0, eq).strip().toLowerCase(Locale.ROOT).equals("bytes")) {
            return new Whole(); // a unit we do not know is ignored
        }
        String specs = h.substring(eq + 1).strip();
        if (specs.contains(",")) {
            return new Whole();
        }
        Matcher m = SPEC.matcher(specs);
        if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty()) || length == 0) {
            return new Unsatisfiable();
        }
        if (m.group(1).isEmpty()) {
            long suffix = Long.parseLong(m.group(2));
            if (suffix == 0) {
                return new Unsatisfiable();
            }
            return new Part(Math.max(0, length - suffix), length - 1);
        }
        long start = Long.parseLong(m.group(1));
        long end = m.group(2).isEmpty() ? length - 1 : Long.parseLong(m.group(2));
        if (start >= length || end < start) {
            return new Unsatisfiable();
        }
        return new Part(start, Math.min(end, length - 1));
    }
}
