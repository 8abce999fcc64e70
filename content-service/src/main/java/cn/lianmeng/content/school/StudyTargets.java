package cn.lianmeng.content.school;

import java.time.LocalDate;
import java.time.Year;

/**
 * Yearly study targets (DESIGN §3: members ≥ 32 hours, secretaries and committee members ≥ 56) and where a member
 * should be by a given day: the target spread evenly over the year. Past years are judged against the full target.
 */
public record StudyTargets(double memberHours, double officerHours) {

    public double target(boolean officer) {
        return officer ? officerHours : memberHours;
    }

    /** Hours a member should have by {@code today} in {@code year}: full target for past years, 0 for future ones. */
    public double expectedBy(double target, int year, LocalDate today) {
        if (year < today.getYear()) {
            return target;
        }
        if (year > today.getYear()) {
            return 0;
        }
        double share = (double) today.getDayOfYear() / Year.of(year).length();
        return Math.round(target * share * 10) / 10.0;
    }
}
