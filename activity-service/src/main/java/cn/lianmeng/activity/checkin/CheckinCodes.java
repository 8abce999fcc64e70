package cn.lianmeng.activity.checkin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Rotating check-in codes shown at the venue: {@code <step>-<signature>} where the signature is an HMAC-SHA256 over the
 * activity id and the 15-second time step. A code is accepted during its own step and the next one, so it is valid for
 * 15–30 seconds, and only for the activity it was made for. Plain class, unit-tested.
 */
public final class CheckinCodes {

    public static final long STEP_SECONDS = 15;

    public enum Verdict { VALID, EXPIRED, INVALID }

    private final byte[] secret;

    public CheckinCodes(byte[] secret) {
        if (secret.length < 16) {
            throw new IllegalArgumentException("check-in code secret must have at least 16 bytes");
        }
        this.secret = secret.clone();
    }

    public static long step(Instant at) {
        return Math.floorDiv(at.getEpochSecond(), STEP_SECONDS);
    }

    public String code(String activityId, Instant at) {
        long step = step(at);
        return step + "-" + signature(activityId, step);
    }

    /** When a code made at {@code at} stops being accepted. */
    public static Instant expiresAt(Instant at) {
        return Instant.ofEpochSecond((step(at) + 2) * STEP_SECONDS);
    }

    public Verdict verify(String activityId, String code, Instant now) {
        if (code == null) {
            return Verdict.INVALID;
        }
        int dash = code.indexOf('-');
        if (dash <= 0 || dash == code.length() - 1 || code.length() > 64) {
            return Verdict.INVALID;
        }
        long step;
        try {
            step = Long.parseLong(code.substring(0, dash));
        } catch (NumberFormatException e) {
            return Verdict.INVALID;
        }
        byte[] expected = signature(activityId, step).getBytes(StandardCharsets.US_ASCII);
        byte[] given = code.substring(dash + 1).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, given)) {
            return Verdict.INVALID;
        }
        long current = step(now);
        if (step > current) {
            return Verdict.INVALID;
        }
        return current - step <= 1 ? Verdict.VALID : Verdict.EXPIRED;
    }

    private String signature(String activityId, long step) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            byte[] sig = mac.doFinal((activityId + ":" + step).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(sig).substring(0, 22);
        } catch (Exception e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
