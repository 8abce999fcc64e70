package cn.lianmeng.content.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class SnifferTest {

    static byte[] bytes(int... b) {
        byte[] out = new byte[Math.max(b.length, 16)];
        for (int i = 0; i < b.length; i++) {
            out[i] = (byte) b[i];
        }
        return out;
    }

    static byte[] ascii(String s) {
        byte[] a = s.getBytes(StandardCharsets.ISO_8859_1);
        byte[] out = new byte[Math.max(a.length, 16)];
        System.arraycopy(a, 0, out, 0, a.length);
        return out;
    }

    @Test
    void recognisesTheAcceptedTypesByTheirMagicBytes() {
        assertThat(Sniffer.detect(bytes(0xFF, 0xD8, 0xFF, 0xE0))).hasValueSatisfying(d -> assertThat(d.mediaType()).isEqualTo("image/jpeg"));
        assertThat(Sniffer.detect(bytes(0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A))).hasValueSatisfying(d -> assertThat(d.kind()).isEqualTo(FileKind.IMAGE));
        assertThat(Sniffer.detect(ascii("GIF89a"))).hasValueSatisfying(d -> assertThat(d.mediaType()).isEqualTo("image/gif"));
        assertThat(Sniffer.detect(ascii("RIFF\0\0\0\0WEBPVP8 "))).hasValueSatisfying(d -> assertThat(d.mediaType()).isEqualTo("image/webp"));
        assertThat(Sniffer.detect(ascii("%PDF-1.7\n"))).hasValueSatisfying(d -> assertThat(d.kind()).isEqualTo(FileKind.DOCUMENT));
        assertThat(Sniffer.detect(ascii("\0\0\0\u0018ftypisom"))).hasValueSatisfying(d -> assertThat(d.mediaType()).isEqualTo("video/mp4"));
        assertThat(Sniffer.detect(ascii("\0\0\0\u0014ftypqt  "))).hasValueSatisfying(d -> assertThat(d.mediaType()).isEqualTo("video/quicktime"));
        assertThat(Sniffer.detect(bytes(0x1A, 0x45, 0xDF, 0xA3))).hasValueSatisfying(d -> assertThat(d.mediaType()).isEqualTo("video/webm"));
    }

    @Test
    void refusesEverythingElse() {
        assertThat(Sniffer.detect(ascii("<html><script>"))).isEmpty();
        assertThat(Sniffer.detect(ascii("<?xml version=\"1.0\"?><svg"))).isEmpty();
        assertThat(Sniffer.detect(ascii("MZ\u0090\0"))).isEmpty();
        assertThat(Sniffer.detect(bytes('P', 'K', 3, 4))).isEmpty();
        assertThat(Sniffer.detect(ascii("\0\0\0\u0018ftypheic"))).isEmpty();
        assertThat(Sniffer.detect(new byte[3])).isEmpty();
    }

    @Test
    void aLabelThatContradictsTheBytesIsMislabelled() {
        Sniffer.Detected pdf = Sniffer.detect(ascii("%PDF-1.7\n")).orElseThrow();
        assertThat(Sniffer.mislabelled(pdf, "报告.pdf", "application/pdf")).isFalse();
        assertThat(Sniffer.mislabelled(pdf, "报告.PDF", "application/octet-stream")).isFalse();
        assertThat(Sniffer.mislabelled(pdf, "无扩展名", null)).isFalse();
        assertThat(Sniffer.mislabelled(pdf, "photo.png", null)).isTrue();
        assertThat(Sniffer.mislabelled(pdf, "报告.pdf", "image/png")).isTrue();
        Sniffer.Detected jpeg = Sniffer.detect(bytes(0xFF, 0xD8, 0xFF)).orElseThrow();
        assertThat(Sniffer.mislabelled(jpeg, "a.jpeg", "image/jpg")).isFalse();
    }
}
