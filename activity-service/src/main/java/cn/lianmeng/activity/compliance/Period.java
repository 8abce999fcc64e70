package cn.lianmeng.activity.compliance;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import cn.lianmeng.activity.settings.Frequency;

/**
 * A reporting period — a month ({@code 2026-11}), a quarter ({@code 2026-Q4}) or a year ({@code 2026}) — as the months
 * it spans. Meeting tallies are kept per month, so any frequency can be judged over any period. Plain class.
 */
public record Period(String key, YearMonth first, YearMonth last) {

    private static final Pattern MONTH = Pattern.compile("(\\d{4})-(\\d{2})");
    private static final Pattern QUARTER = Pattern.compile("(\\d{4})-Q([1-4])");
    private static final Pattern YEAR = Pattern.compile("(\\d{4})");

    /** Parses a period key; empty for anything else. */
    public static java.util.Optional<Period> parse(String key) {
        if (key == null) {
            return java.util.Optional.empty();
        }
        String k = key.strip().toUpperCase();
        Matcher m;
        try {
            if ((m = MONTH.matcher(k)).matches()) {
                YearMonth ym = YearMonth.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
                return java.util.Optional.of(new Period(ym.toString(), ym, ym));
            }
            if ((m = QUARTER.matcher(k)).matches()) {
                int q = Integer.parseInt(m.group(2));
                YearMonth first = YearMonth.of(Integer.parseInt(m.group(1)), (q - 1) * 3 + 1);
                return java.util.Optional.of(new Period(k, first, first.plusMonths(2)));
            }
            if ((m = YEAR.matcher(k)).matches()) {
                int y = Integer.parseInt(m.group(1));
                return java.util.Optional.of(new Period(k, YearMonth.of(y, 1), YearMonth.of(y, 12)));
            }
        } catch (java.time.DateTimeException e) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.empty();
    }

    public static Period of(Frequency frequency, LocalDate date) {
        return parse(frequency.periodOf(date)).orElseThrow();
    }

    public List<String> months() {
        List<String> out = new ArrayList<>();
        for (YearMonth m = first; !m.isAfter(last); m = m.plusMonths(1)) {
            out.add(m.toString());
        }
        return out;
    }

    /** The periods of the given frequency that overlap this one, in order (e.g. a quarter's three months). */
    public List<Period> split(Frequency frequency) {
        List<Period> out = new ArrayList<>();
        for (YearMonth m = first; !m.isAfter(last); m = m.plusMonths(1)) {
            Period p = of(frequency, m.atDay(1));
            if (out.isEmpty() || !out.get(out.size() - 1).key().equals(p.key())) {
                out.add(p);
            }
        }
        return out;
    }

    /** {@code 2026年11月}, {@code 2026年第四季度} or {@code 2026年度}. */
    public String label() {
        if (first.equals(last)) {
            return first.getYear() + "年" + first.getMonthValue() + "月";
        }
        if (first.getMonthValue() == 1 && last.getMonthValue() == 12) {
            return first.getYear() + "年度";
        }
        return first.getYear() + "年第" + "一二三四".charAt((first.getMonthValue() - 1) / 3) + "季度";
    }

    public boolean endedBefore(LocalDate today) {
        return last.atEndOfMonth().isBefore(today);
    }

    public boolean startsAfter(LocalDate today) {
        return first.atDay(1).isAfter(today);
    }
}
