package cn.lianmeng.activity.checkin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class CheckinCodesTest {

    private final CheckinCodes codes = new CheckinCodes("a-secret-of-enough-length".getBytes(StandardCharsets.UTF_8));
    private final Instant t0 = Instant.parse("2026-11-21T02:00:00Z");

    @Test
    void aCodeIsValidForItsOwnStepAndTheNextThenExpires() {
        String code = codes.code("act-1", t0);
        assertThat(codes.verify("act-1", code, t0)).isEqualTo(CheckinCodes.Verdict.VALID);
        assertThat(codes.verify("act-1", code, t0.plusSeconds(14))).isEqualTo(CheckinCodes.Verdict.VALID);
        assertThat(codes.verify("act-1", code, t0.plusSeconds(29))).isEqualTo(CheckinCodes.Verdict.VALID);
        assertThat(codes.verify("act-1", code, t0.plusSeconds(30))).isEqualTo(CheckinCodes.Verdict.EXPIRED);
        assertThat(CheckinCodes.expiresAt(t0)).isEqualTo(t0.plusSeconds(30));
    }

    @Test
    void aCodeIsBoundToItsActivityAndCannotBeForgedOrPredated() {
        String code = codes.code("act-1", t0);
        assertThat(codes.verify("act-2", code, t0)).isEqualTo(CheckinCodes.Verdict.INVALID);
        assertThat(codes.verify("act-1", code.substring(0, code.length() - 1) + "x", t0)).isEqualTo(CheckinCodes.Verdict.INVALID);
        assertThat(codes.verify("act-1", codes.code("act-1", t0.plusSeconds(60)), t0)).isEqualTo(CheckinCodes.Verdict.INVALID);
        assertThat(codes.verify("act-1", new CheckinCodes("another-secret-of-length".getBytes(StandardCharsets.UTF_8)).code("act-1", t0), t0))
                .isEqualTo(CheckinCodes.Verdict.INVALID);
        assertThat(codes.verify("act-1", "garbage", t0)).isEqualTo(CheckinCodes.Verdict.INVALID);
        assertThat(codes.verify("act-1", null, t0)).isEqualTo(CheckinCodes.Verdict.INVALID);
        assertThatThrownBy(() -> new CheckinCodes(new byte[4])).isInstanceOf(IllegalArgumentException.class);
    }
}
