package cn.lianmeng.content.files;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ByteRangeTest {

    @Test
    void parsesTheThreeFormsOfOneRange() {
        assertThat(ByteRange.parse("bytes=0-99", 1000)).isEqualTo(new ByteRange.Part(0, 99));
        assertThat(ByteRange.parse("bytes=900-", 1000)).isEqualTo(new ByteRange.Part(900, 999));
        assertThat(ByteRange.parse("bytes=-100", 1000)).isEqualTo(new ByteRange.Part(900, 999));
        assertThat(ByteRange.parse("bytes=-5000", 1000)).isEqualTo(new ByteRange.Part(0, 999));
        assertThat(ByteRange.parse("bytes=990-5000", 1000)).isEqualTo(new ByteRange.Part(990, 999));
        assertThat(ByteRange.parse(" Bytes = 5-5 ", 1000)).isEqualTo(new ByteRange.Part(5, 5));
    }

    @Test
    void noHeaderSeveralRangesOrAnUnknownUnitMeanTheWholeFile() {
        assertThat(ByteRange.parse(null, 1000)).isInstanceOf(ByteRange.Whole.class);
        assertThat(ByteRange.parse("bytes=0-1,5-6", 1000)).isInstanceOf(ByteRange.Whole.class);
        assertThat(ByteRange.parse("items=0-1", 1000)).isInstanceOf(ByteRange.Whole.class);
    }

    @Test
    void malformedOrOutOfBoundsRangesAreUnsatisfiable() {
        for (String bad : new String[]{"bytes=1000-", "bytes=5-4", "bytes=-0", "bytes=abc", "bytes=-", "bytes=1-2-3", "0-10",
                "bytes=99999999999999999999-"}) {
            assertThat(ByteRange.parse(bad, 1000)).as(bad).isInstanceOf(ByteRange.Unsatisfiable.class);
        }
        assertThat(ByteRange.parse("bytes=0-0", 0)).isInstanceOf(ByteRange.Unsatisfiable.class);
    }
}
