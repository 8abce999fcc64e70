package cn.lianmeng.org.organisation;

import java.time.LocalDate;
import java.util.Optional;

/**
 * Terms of office (换届, DESIGN §3): a COMMITTEE serves 5 years, a GENERAL_BRANCH and a BRANCH (also a joint branch)
 * 3 years, counted from the term start; groups have no term. The reminder starts 6 months before the end; after the
 * end the term is overdue.
 */
public final class TermRules {

    public static final int REMIND_MONTHS = 6;

    public enum TermStatus {
        /** No term recorded. */
        NONE,
        CURRENT,
        /** Ends within {@value #REMIND_MONTHS} months. */
        DUE_SOON,
        OVERDUE
    }

    private TermRules() {
    }

    /** Default term length in years, or empty for kinds without terms (groups). */
    public static Optional<Integer> defaultYears(OrganisationKind kind) {
        return switch (kind) {
            case COMMITTEE -> Optional.of(5);
            case GENERAL_BRANCH, BRANCH, JOINT_BRANCH -> Optional.of(3);
            case GROUP -> Optional.empty();
        };
    }

    public static boolean hasTerms(OrganisationKind kind) {
        return defaultYears(kind).isPresent();
    }

    /** The default end of a term starting on {@code start}: the same day {@link #defaultYears} later. */
    public static LocalDate defaultEnd(OrganisationKind kind, LocalDate start) {
        return start.plusYears(defaultYears(kind).orElseThrow(() -> new IllegalArgumentException(kind + " has no term")));
    }

    public static TermStatus status(LocalDate termEnd, LocalDate today) {
        if (termEnd == null) {
            return TermStatus.NONE;
        }
        if (today.isAfter(termEnd)) {
            return TermStatus.OVERDUE;
        }
        return termEnd.isAfter(remindFrom(today)) ? TermStatus.CURRENT : TermStatus.DUE_SOON;
    }

    /** Terms ending on or before this day (and not yet overdue) are due soon. */
    public static LocalDate remindFrom(LocalDate today) {
        return today.plusMonths(REMIND_MONTHS);
    }
}
