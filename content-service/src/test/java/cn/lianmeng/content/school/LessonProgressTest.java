package cn.lianmeng.content.school;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class LessonProgressTest {

    static final Instant T0 = Instant.parse("2026-05-01T02:00:00Z");
    static final Instant NOW = T0.plusSeconds(3600);

    static LessonProgress.State watch(LessonProgress.State s, double pos, long atSeconds) {
        return LessonProgress.video(s, pos, 100, T0.plusSeconds(atSeconds), NOW, 2.0);
    }

    @Test
    void watchingThroughCompletesAt90Percent() {
        LessonProgress.State s = watch(LessonProgress.State.initial(), 0, 0);
        s = watch(s, 45, 45);
        s = watch(s, 89, 89);
        assertThat(s.completed()).isFalse();
        assertThat(s.watchedSeconds()).isEqualTo(89);
        s = watch(s, 90, 90);
        assertThat(s.completed()).isTrue();
        assertThat(LessonProgress.percent(s, 100.0)).isEqualTo(90.0);
    }

    @Test
    void jumpingToTheEndDoesNotCountAndResumesThere() {
        LessonProgress.State s = watch(LessonProgress.State.initial(), 0, 0);
        s = watch(s, 95, 5);
        assertThat(s.completed()).isFalse();
        assertThat(s.watchedSeconds()).isZero();
        assertThat(s.position()).isEqualTo(95);
    }

    @Test
    void doubleSpeedCountsAndRewatchingDoesNotDoubleCount() {
        LessonProgress.State s = watch(LessonProgress.State.initial(), 0, 0);
        s = watch(s, 40, 20); // 2x
        s = watch(s, 10, 25); // seek back
        s = watch(s, 40, 55); // rewatch 10..40
        assertThat(s.watchedSeconds()).isEqualTo(40);
        s = watch(s, 95, 83);
        assertThat(s.watchedSeconds()).isEqualTo(95);
        assertThat(s.completed()).isTrue();
        s = watch(s, 0, 90); // back to the start: stays completed
        assertThat(s.completed()).isTrue();
        assertThat(s.position()).isZero();
    }

    @Test
    void beyondTheEndOrBackInTimeIsRefused() {
        LessonProgress.State s = watch(LessonProgress.State.initial(), 10, 10);
        LessonProgress.State fixed = s;
        assertThatThrownBy(() -> watch(fixed, 101, 20)).isInstanceOf(LessonProgress.Refused.class)
                .satisfies(e -> assertThat(((LessonProgress.Refused) e).field()).isEqualTo("positionSeconds"));
        assertThatThrownBy(() -> watch(fixed, 12, 9)).isInstanceOf(LessonProgress.Refused.class)
                .satisfies(e -> assertThat(((LessonProgress.Refused) e).field()).isEqualTo("at"));
        assertThatThrownBy(() -> watch(fixed, -1, 20)).isInstanceOf(LessonProgress.Refused.class);
        assertThatThrownBy(() -> LessonProgress.video(fixed, 20, 100, NOW.plusSeconds(3600), NOW, 2)).isInstanceOf(LessonProgress.Refused.class);
    }

    @Test
    void readingCompletesAtTheEndAndKeepsTheFurthestPoint() {
        LessonProgress.State s = LessonProgress.reading(LessonProgress.State.initial(), 60, T0, NOW);
        s = LessonProgress.reading(s, 30, T0.plusSeconds(5), NOW);
        assertThat(s.readPercent()).isEqualTo(60);
        assertThat(s.completed()).isFalse();
        s = LessonProgress.reading(s, 100, T0.plusSeconds(9), NOW);
        assertThat(s.completed()).isTrue();
        LessonProgress.State fixed = s;
        assertThatThrownBy(() -> LessonProgress.reading(fixed, 100.5, T0.plusSeconds(10), NOW)).isInstanceOf(LessonProgress.Refused.class)
                .satisfies(e -> assertThat(((LessonProgress.Refused) e).field()).isEqualTo("readPercent"));
    }
}
