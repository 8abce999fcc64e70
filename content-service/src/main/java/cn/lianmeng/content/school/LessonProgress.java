package cn.lianmeng.content.school;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The progress rules of one lesson, pure and unit-tested.
 *
 * <p>Video: a report says where the player is ({@code positionSeconds}) at a time ({@code at}). The position may move
 * either way (seeking), but reports never go back in time and never beyond the video's end. Only forward movement that
 * could really have been watched counts — at most the elapsed time × the highest playback rate, plus a small
 * tolerance — so jumping to the end does not complete a lesson. Watched stretches are kept as merged intervals; the
 * lesson completes when they cover ≥ 90% of the video. The last position is where playback resumes.
 *
 * <p>Text and attachment lessons: the reader reports how far they have read ({@code readPercent}, 0–100); the lesson
 * completes when it reaches 100 (read to the end). The furthest point is kept.
 */
public final class LessonProgress {

    public static final double COMPLETION_SHARE = 0.9;
    static final double TOLERANCE_SECONDS = 2.0;
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private LessonProgress() {
    }

    /** A watched stretch of a video, in seconds. */
    public record Interval(double from, double to) {
        double length() {
            return to - from;
        }
    }

    /** What is stored for a member and lesson. */
    public record State(double position, List<Interval> watched, double readPercent, Instant lastReportAt, boolean completed) {

        public static State initial() {
            return new State(0, List.of(), 0, null, false);
        }

        public double watchedSeconds() {
            return watched.stream().mapToDouble(Interval::length).sum();
        }
    }

    /** A refused report: the field and the reason (400, nothing stored). */
    public static final class Refused extends RuntimeException {
        private final String field;

        Refused(String field, String message) {
            super(message, null, false, false);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    private static void checkTime(State s, Instant at, Instant now) {
        if (at.isAfter(now.plus(CLOCK_SKEW))) {
            throw new Refused("at", "上报时间晚于服务器时间");
        }
        if (s.lastReportAt() != null && at.isBefore(s.lastReportAt())) {
            throw new Refused("at", "上报时间早于上一次上报（时间不能倒退）");
        }
    }

    public static State video(State s, double position, double duration, Instant at, Instant now, double maxRate) {
        if (Double.isNaN(position) || position < 0) {
            throw new Refused("positionSeconds", "播放位置不能为负数");
        }
        if (position > duration + 0.5) {
            throw new Refused("positionSeconds", "播放位置超过视频时长（超过 100%）");
        }
        checkTime(s, at, now);
        double pos = Math.min(position, duration);
        List<Interval> watched = new ArrayList<>(s.watched());
        if (s.lastReportAt() != null && pos > s.position()) {
            double elapsed = Duration.between(s.lastReportAt(), at).toMillis() / 1000.0;
            double plausible = elapsed * maxRate + TOLERANCE_SECONDS;
            if (pos - s.position() <= plausible) {
                watched.add(new Interval(s.position(), pos));
            }
        }
        List<Interval> merged = merge(watched);
        double seconds = merged.stream().mapToDouble(Interval::length).sum();
        boolean completed = s.completed() || (duration > 0 && seconds >= COMPLETION_SHARE * duration);
        return new State(pos, merged, s.readPercent(), at, completed);
    }

    public static State reading(State s, double readPercent, Instant at, Instant now) {
        if (Double.isNaN(readPercent) || readPercent < 0) {
            throw new Refused("readPercent", "阅读进度不能为负数");
        }
        if (readPercent > 100) {
            throw new Refused("readPercent", "阅读进度不能超过 100%");
        }
        checkTime(s, at, now);
        double furthest = Math.max(s.readPercent(), readPercent);
        return new State(s.position(), s.watched(), furthest, at, s.completed() || furthest >= 100);
    }

    /** Percent shown to the member: the share of the video watched, or how far they have read. */
    public static double percent(State s, Double duration) {
        if (duration != null && duration > 0) {
            return Math.min(100, Math.round(s.watchedSeconds() / duration * 1000) / 10.0);
        }
        return Math.min(100, s.readPercent());
    }

    static List<Interval> merge(List<Interval> intervals) {
        List<Interval> sorted = new ArrayList<>(intervals);
        sorted.sort(Comparator.comparingDouble(Interval::from));
        List<Interval> out = new ArrayList<>();
        for (Interval i : sorted) {
            if (!out.isEmpty() && i.from() <= out.get(out.size() - 1).to() + 0.5) {
                Interval last = out.remove(out.size() - 1);
                out.add(new Interval(last.from(), Math.max(last.to(), i.to())));
            } else {
                out.add(i);
            }
        }
        return out;
    }
}
