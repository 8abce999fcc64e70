package cn.lianmeng.content.files;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Content-type detection by magic bytes. Accepted: JPEG, PNG, GIF, WebP images; PDF documents; MP4/M4V/QuickTime
 * (ISO base media) and WebM videos. Anything else — HTML, SVG (scriptable), executables, archives — is refused.
 * A name's extension or a declared {@code Content-Type} that contradicts the bytes makes the file mislabelled.
 */
public final class Sniffer {

    /** Bytes needed to decide. */
    public static final int HEAD = 16;

    public record Detected(String mediaType, FileKind kind, String extension) {
    }

    private static final Map<String, Set<String>> EXTENSIONS = Map.of(
            "image/jpeg", Set.of("jpg", "jpeg", "jpe"),
            "image/png", Set.of("png"),
            "image/gif", Set.of("gif"),
            "image/webp", Set.of("webp"),
            "application/pdf", Set.of("pdf"),
            "video/mp4", Set.of("mp4", "m4v", "mov"),
            "video/quicktime", Set.of("mov", "mp4"),
            "video/webm", Set.of("webm"));

    private Sniffer() {
    }

    public static Optional<Detected> detect(byte[] head) {
        if (starts(head, 0xFF, 0xD8, 0xFF)) {
            return of("image/jpeg", FileKind.IMAGE, "jpg");
        }
        if (starts(head, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return of("image/png", FileKind.IMAGE, "png");
        }
        if (ascii(head, 0, "GIF87a") || ascii(head, 0, "GIF89a")) {
            return of("image/gif", FileKind.IMAGE, "gif");
        }
        if (ascii(head, 0, "RIFF") && ascii(head, 8, "WEBP")) {
            return of("image/webp", FileKind.IMAGE, "webp");
        }
        if (ascii(head, 0, "%PDF-")) {
            return of("application/pdf", FileKind.DOCUMENT, "pdf");
        }
        if (ascii(head, 4, "ftyp") && head.length >= 12) {
            String brand = new String(head, 8, 4, StandardCharsets.ISO_8859_1);
            if (brand.equals("qt  ")) {
                return of("video/quicktime", FileKind.VIDEO, "mov");
            }
            if (Set.of("isom", "iso2", "iso4", "iso5", "iso6", "mp41", "mp42", "avc1", "M4V ", "M4VP", "dash", "mmp4", "MSNV").contains(brand)) {
                return of("video/mp4", FileKind.VIDEO, "mp4");
            }
            return Optional.empty(); // other ISO media (e.g. HEIC images, 3GP) are not accepted
        }
        if (starts(head, 0x1A, 0x45, 0xDF, 0xA3)) {
            return of("video/webm", FileKind.VIDEO, "webm");
        }
        return Optional.empty();
    }

    /**
     * Whether the client's label contradicts the bytes: the file name's extension (if it has one) must be one of the
     * detected type's extensions; a declared type (other than a generic one) must be the detected type.
     */
    public static boolean mislabelled(Detected detected, String filename, String declaredType) {
        if (filename != null) {
            int dot = filename.lastIndexOf('.');
            if (dot >= 0 && dot < filename.length() - 1) {
                String ext = filename.substring(dot + 1).toLowerCase(Locale.ROOT);
                if (!EXTENSIONS.getOrDefault(detected.mediaType(), Set.of()).contains(ext)) {
                    return true;
                }
            }
        }
        if (declaredType != null && !declaredType.isBlank()) {
            String t = declaredType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
            boolean generic = t.equals("application/octet-stream") || t.equals("binary/octet-stream") || t.isEmpty();
            boolean same = t.equals(detected.mediaType()) || (t.equals("image/jpg") && detected.mediaType().equals("image/jpeg"))
                    || (detected.kind() == FileKind.VIDEO && (t.equals("video/mp4") || t.equals("video/quicktime"))
                    && (detected.mediaType().equals("video/mp4") || detected.mediaType().equals("video/quicktime")));
            return !generic && !same;
        }
        return false;
    }

    private static Optional<Detected> of(String type, FileKind kind, String ext) {
        return Optional.of(new Detected(type, kind, ext));
    }

    private static boolean starts(byte[] head, int... bytes) {
        if (head.length < bytes.length) {
            return false;
        }
        for (int i = 0; i < bytes.length; i++) {
            if ((head[i] & 0xFF) != bytes[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean ascii(byte[] head, int offset, String text) {
        if (head.length < offset + text.length()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (head[offset + i] != (byte) text.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
