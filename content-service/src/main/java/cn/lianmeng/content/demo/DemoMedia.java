package cn.lianmeng.content.demo;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Polygon;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.ImageIO;

/**
 * Media for the demo data, generated rather than shipped: a PNG cover, a one-page PDF and a short MP4 video. The video
 * is H.264 (Baseline, every frame an IDR of I_PCM macroblocks — raw samples, no transform, so no encoder is needed)
 * in an MP4 container with the index first: a Party-red picture with a gold bar moving across, one frame a second.
 */
public final class DemoMedia {

    private DemoMedia() {
    }

    /** A 640×360 cover: red field, a gold five-pointed star, a stripe in the given shade. */
    public static byte[] cover(int shade) {
        BufferedImage image = new BufferedImage(640, 360, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(new Color(200, 16, 46));
        g.fillRect(0, 0, 640, 360);
        g.setColor(new Color(255, 215, 0));
        g.fill(star(150, 150, 80, 32));
        g.setColor(new Color(255, 235, 200 - Math.floorMod(shade * 37, 120)));
        g.fillRect(0, 300, 640, 24);
        g.dispose();
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Polygon star(int cx, int cy, int outer, int inner) {
        Polygon p = new Polygon();
        for (int i = 0; i < 10; i++) {
            double r = i % 2 == 0 ? outer : inner;
            double a = Math.PI / 2 + i * Math.PI / 5;
            p.addPoint((int) Math.round(cx + r * Math.cos(a)), (int) Math.round(cy - r * Math.sin(a)));
        }
        return p;
    }

    /** A minimal valid one-page PDF (ASCII text in a standard font). */
    public static byte[] pdf(String asciiTitle) {
        String text = asciiTitle.replaceAll("[^A-Za-z0-9 .,:-]", "");
        String stream = "BT /F1 20 Tf 72 720 Td (" + text + ") Tj ET";
        List<String> objects = List.of(
                "<< /Type /Catalog /Pages 2 0 R >>",
                "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
                "<< /Length " + stream.length() + " >>\nstream\n" + stream + "\nendstream",
                "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
        StringBuilder pdf = new StringBuilder("%PDF-1.4\n");
        List<Integer> offsets = new ArrayList<>();
        for (int i = 0; i < objects.size(); i++) {
            offsets.add(pdf.length());
            pdf.append(i + 1).append(" 0 obj\n").append(objects.get(i)).append("\nendobj\n");
        }
        int xref = pdf.length();
        pdf.append("xref\n0 ").append(objects.size() + 1).append("\n0000000000 65535 f \n");
        offsets.forEach(o -> pdf.append(String.format("%010d 00000 n \n", o)));
        pdf.append("trailer\n<< /Size ").append(objects.size() + 1).append(" /Root 1 0 R >>\nstartxref\n").append(xref).append("\n%%EOF\n");
        return pdf.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    // ------------------------------------------------------------------ H.264 (I_PCM) in MP4

    /** A video of {@code seconds} frames at 1 fps, {@code 16·mbWide × 16·mbHigh} pixels. */
    public static byte[] video(int mbWide, int mbHigh, int seconds) {
        byte[] sps = nal(3, 7, sps(mbWide, mbHigh));
        byte[] pps = nal(3, 8, pps());
        List<byte[]> samples = new ArrayList<>();
        for (int f = 0; f < seconds; f++) {
            samples.add(nal(3, 5, slice(mbWide, mbHigh, f, seconds)));
        }
        return mp4(sps, pps, samples, mbWide * 16, mbHigh * 16);
    }

    /** Exp-Golomb bit writer for RBSPs. */
    static final class Bits {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private int current;
        private int count;

        void u(int bits, long value) {
            for (int i = bits - 1; i >= 0; i--) {
                current = (current << 1) | (int) ((value >>> i) & 1);
                if (++count == 8) {
                    out.write(current);
                    current = 0;
                    count = 0;
                }
            }
        }

        void ue(long value) {
            long x = value + 1;
            int len = 64 - Long.numberOfLeadingZeros(x);
            u(len - 1, 0);
            u(len, x);
        }

        void se(long value) {
            ue(value <= 0 ? -2 * value : 2 * value - 1);
        }

        void align() {
            while (count != 0) {
                u(1, 0);
            }
        }

        void trailing() {
            u(1, 1);
            align();
        }

        void bytes(byte[] b) {
            out.writeBytes(b);
        }

        byte[] toArray() {
            return out.toByteArray();
        }
    }

    static byte[] sps(int mbWide, int mbHigh) {
        Bits b = new Bits();
        b.u(8, 66);          // Baseline
        b.u(8, 0xC0);        // constraint_set0 and set1
        b.u(8, 30);          // level 3.0
        b.ue(0);             // seq_parameter_set_id
        b.ue(0);             // log2_max_frame_num_minus4
        b.ue(2);             // pic_order_cnt_type
        b.ue(0);             // max_num_ref_frames
        b.u(1, 0);           // gaps_in_frame_num_value_allowed_flag
        b.ue(mbWide - 1);
        b.ue(mbHigh - 1);
        b.u(1, 1);           // frame_mbs_only_flag
        b.u(1, 1);           // direct_8x8_inference_flag
        b.u(1, 0);           // frame_cropping_flag
        b.u(1, 0);           // vui_parameters_present_flag
        b.trailing();
        return b.toArray();
    }

    static byte[] pps() {
        Bits b = new Bits();
        b.ue(0);             // pic_parameter_set_id
        b.ue(0);             // seq_parameter_set_id
        b.u(1, 0);           // entropy_coding_mode_flag (CAVLC)
        b.u(1, 0);           // bottom_field_pic_order_in_frame_present_flag
        b.ue(0);             // num_slice_groups_minus1
        b.ue(0);             // num_ref_idx_l0_default_active_minus1
        b.ue(0);             // num_ref_idx_l1_default_active_minus1
        b.u(1, 0);           // weighted_pred_flag
        b.u(2, 0);           // weighted_bipred_idc
        b.se(0);             // pic_init_qp_minus26
        b.se(0);             // pic_init_qs_minus26
        b.se(0);             // chroma_qp_index_offset
        b.u(1, 0);           // deblocking_filter_control_present_flag
        b.u(1, 0);           // constrained_intra_pred_flag
        b.u(1, 0);           // redundant_pic_cnt_present_flag
        b.trailing();
        return b.toArray();
    }

    static byte[] slice(int mbWide, int mbHigh, int frame, int frames) {
        Bits b = new Bits();
        b.ue(0);             // first_mb_in_slice
        b.ue(7);             // slice_type: I (all slices of the picture)
        b.ue(0);             // pic_parameter_set_id
        b.u(4, 0);           // frame_num
        b.ue(frame % 2);     // idr_pic_id: differs between consecutive IDR pictures
        b.u(1, 0);           // no_output_of_prior_pics_flag
        b.u(1, 0);           // long_term_reference_flag
        b.se(0);             // slice_qp_delta
        int width = mbWide * 16;
        int barFrom = frames <= 1 ? 0 : frame * (width - 32) / (frames - 1);
        for (int my = 0; my < mbHigh; my++) {
            for (int mx = 0; mx < mbWide; mx++) {
                b.ue(25);    // mb_type I_PCM
                b.align();   // pcm_alignment_zero_bit
                byte[] pcm = new byte[256 + 128];
                int k = 0;
                for (int y = 0; y < 16; y++) {
                    for (int x = 0; x < 16; x++) {
                        int px = mx * 16 + x;
                        int py = my * 16 + y;
                        pcm[k++] = (byte) (inBar(px, py, barFrom, mbHigh * 16) ? 190 : 80);
                    }
                }
                for (int plane = 0; plane < 2; plane++) {
                    for (int y = 0; y < 8; y++) {
                        for (int x = 0; x < 8; x++) {
                            boolean bar = inBar(mx * 16 + x * 2, my * 16 + y * 2, barFrom, mbHigh * 16);
                            pcm[k++] = (byte) (plane == 0 ? (bar ? 28 : 114) : (bar ? 161 : 207));
                        }
                    }
                }
                b.bytes(pcm);
            }
        }
        b.trailing();
        return b.toArray();
    }

    private static boolean inBar(int x, int y, int from, int height) {
        return x >= from && x < from + 32 && y >= height / 3 && y < height * 2 / 3;
    }

    /** NAL unit header plus the RBSP with emulation prevention bytes. */
    static byte[] nal(int refIdc, int type, byte[] rbsp) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(rbsp.length + 16);
        out.write((refIdc << 5) | type);
        int zeros = 0;
        for (byte v : rbsp) {
            int x = v & 0xFF;
            if (zeros >= 2 && x <= 3) {
                out.write(3);
                zeros = 0;
            }
            out.write(x);
            zeros = x == 0 ? zeros + 1 : 0;
        }
        return out.toByteArray();
    }

    // ---- MP4 (ISO base media) with the index (moov) before the data

    private static final class Box {
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();
        private final String type;

        Box(String type) {
            this.type = type;
        }

        Box u8(int v) {
            body.write(v);
            return this;
        }

        Box u16(int v) {
            body.write(v >>> 8);
            body.write(v);
            return this;
        }

        Box u32(long v) {
            body.write((int) (v >>> 24));
            body.write((int) (v >>> 16));
            body.write((int) (v >>> 8));
            body.write((int) v);
            return this;
        }

        Box bytes(byte[] b) {
            body.writeBytes(b);
            return this;
        }

        Box ascii(String s) {
            return bytes(s.getBytes(StandardCharsets.ISO_8859_1));
        }

        Box zeros(int n) {
            return bytes(new byte[n]);
        }

        Box full(int version, int flags) {
            return u32(((long) version << 24) | flags);
        }

        Box add(Box child) {
            return bytes(child.toArray());
        }

        Box matrix() {
            return u32(0x00010000).u32(0).u32(0).u32(0).u32(0x00010000).u32(0).u32(0).u32(0).u32(0x40000000);
        }

        byte[] toArray() {
            ByteArrayOutputStream out = new ByteArrayOutputStream(body.size() + 8);
            int size = body.size() + 8;
            out.write(size >>> 24);
            out.write(size >>> 16);
            out.write(size >>> 8);
            out.write(size);
            out.writeBytes(type.getBytes(StandardCharsets.ISO_8859_1));
            out.writeBytes(body.toByteArray());
            return out.toByteArray();
        }
    }

    static byte[] mp4(byte[] sps, byte[] pps, List<byte[]> samples, int width, int height) {
        int timescale = 1000;
        int delta = 1000;
        long duration = (long) samples.size() * delta;
        byte[] ftyp = new Box("ftyp").ascii("isom").u32(512).ascii("isom").ascii("iso2").ascii("avc1").ascii("mp41").toArray();
        // sizes of the samples as stored: 4-byte length + NAL
        List<Integer> sizes = samples.stream().map(s -> s.length + 4).toList();
        byte[] moov = moov(sps, pps, sizes, width, height, timescale, delta, duration, 0);
        long offset = ftyp.length + moov.length + 8;
        moov = moov(sps, pps, sizes, width, height, timescale, delta, duration, offset);
        ByteArrayOutputStream mdatBody = new ByteArrayOutputStream();
        for (byte[] s : samples) {
            int n = s.length;
            mdatBody.write(n >>> 24);
            mdatBody.write(n >>> 16);
            mdatBody.write(n >>> 8);
            mdatBody.write(n);
            mdatBody.writeBytes(s);
        }
        byte[] mdat = new Box("mdat").bytes(mdatBody.toByteArray()).toArray();
        ByteArrayOutputStream file = new ByteArrayOutputStream(ftyp.length + moov.length + mdat.length);
        file.writeBytes(ftyp);
        file.writeBytes(moov);
        file.writeBytes(mdat);
        return file.toByteArray();
    }

    private static byte[] moov(byte[] sps, byte[] pps, List<Integer> sizes, int width, int height, int timescale, int delta,
                               long duration, long chunkOffset) {
        Box mvhd = new Box("mvhd").full(0, 0).u32(0).u32(0).u32(timescale).u32(duration).u32(0x00010000).u16(0x0100).zeros(10)
                .matrix().zeros(24).u32(2);
        Box tkhd = new Box("tkhd").full(0, 3).u32(0).u32(0).u32(1).u32(0).u32(duration).zeros(8).u16(0).u16(0).u16(0).u16(0)
                .matrix().u32((long) width << 16).u32((long) height << 16);
        Box mdhd = new Box("mdhd").full(0, 0).u32(0).u32(0).u32(timescale).u32(duration).u16(0x55C4).u16(0);
        Box hdlr = new Box("hdlr").full(0, 0).u32(0).ascii("vide").zeros(12).ascii("VideoHandler").u8(0);
        Box vmhd = new Box("vmhd").full(0, 1).u16(0).u16(0).u16(0).u16(0);
        Box dinf = new Box("dinf").add(new Box("dref").full(0, 0).u32(1).add(new Box("url ").full(0, 1)));
        Box avcC = new Box("avcC").u8(1).u8(sps[1] & 0xFF).u8(sps[2] & 0xFF).u8(sps[3] & 0xFF).u8(0xFF).u8(0xE1)
                .u16(sps.length).bytes(sps).u8(1).u16(pps.length).bytes(pps);
        byte[] compressor = new byte[32];
        Box avc1 = new Box("avc1").zeros(6).u16(1).u16(0).u16(0).zeros(12).u16(width).u16(height).u32(0x00480000).u32(0x00480000)
                .u32(0).u16(1).bytes(compressor).u16(0x0018).u16(0xFFFF).add(avcC);
        Box stsd = new Box("stsd").full(0, 0).u32(1).add(avc1);
        Box stts = new Box("stts").full(0, 0).u32(1).u32(sizes.size()).u32(delta);
        Box stsc = new Box("stsc").full(0, 0).u32(1).u32(1).u32(sizes.size()).u32(1);
        Box stsz = new Box("stsz").full(0, 0).u32(0).u32(sizes.size());
        sizes.forEach(stsz::u32);
        Box stco = new Box("stco").full(0, 0).u32(1).u32(chunkOffset);
        Box stbl = new Box("stbl").add(stsd).add(stts).add(stsc).add(stsz).add(stco);
        Box minf = new Box("minf").add(vmhd).add(dinf).add(stbl);
        Box mdia = new Box("mdia").add(mdhd).add(hdlr).add(minf);
        Box trak = new Box("trak").add(tkhd).add(mdia);
        return new Box("moov").add(mvhd).add(trak).toArray();
    }
}
