package cn.lianmeng.activity.series;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

class RecurrenceTest {

    @Test
    void monthlyOnAFixedDayClampedToTheMonthsEnd() {
        Recurrence r = new Recurrence(Recurrence.Frequency.MONTHLY, 1, 31, null, LocalDate.of(2026, 1, 10), null);
        assertThat(r.between(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 4, 30))).containsExactly(
                LocalDate.of(2026, 1, 31), LocalDate.of(2026, 2, 28), LocalDate.of(2026, 3, 31), LocalDate.of(2026, 4, 30));
        Recurrence fifteenth = new Recurrence(Recurrence.Frequency.MONTHLY, 1, 15, null, LocalDate.of(2026, 11, 20), LocalDate.of(2027, 2, 15));
        assertThat(fifteenth.between(LocalDate.of(2026, 1, 1), LocalDate.of(2027, 12, 31)))
                .containsExactly(LocalDate.of(2026, 12, 15), LocalDate.of(2027, 1, 15), LocalDate.of(2027, 2, 15));
        assertThat(fifteenth.occursOn(LocalDate.of(2027, 1, 15))).isTrue();
        assertThat(fifteenth.occursOn(LocalDate.of(2027, 1, 16))).isFalse();
    }

    @Test
    void everyOtherWeekOnAWeekday() {
        // 2026-11-23 is a Monday; every second Thursday from then
        Recurrence r = new Recurrence(Recurrence.Frequency.WEEKLY, 2, null, 4, LocalDate.of(2026, 11, 23), null);
        assertThat(r.between(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 12, 31)))
                .containsExactly(LocalDate.of(2026, 11, 26), LocalDate.of(2026, 12, 10), LocalDate.of(2026, 12, 24));
    }
}
