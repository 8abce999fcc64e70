package cn.lianmeng.org.coverage;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.bson.Document;

/** What the coverage API answers. */
public final class CoverageViews {

    private CoverageViews() {
    }

    /** The counts of one scope, from its totals or aggregated from its facts. */
    public record Counts(long enterprises, long inScope, long organisationCovered, long singleEstablished, long workCovered,
                         long shouldEstablish, long notCovered) {

        public static final Counts ZERO = new Counts(0, 0, 0, 0, 0, 0, 0);

        static Counts of(Document counts) {
            if (counts == null) {
                return ZERO;
            }
            return new Counts(n(counts, Facet.ALL), n(counts, Facet.IN_SCOPE), n(counts, Facet.ORGANISATION_COVERED),
                    n(counts, Facet.SINGLE_ESTABLISHED), n(counts, Facet.WORK_COVERED), n(counts, Facet.SHOULD_ESTABLISH),
                    n(counts, Facet.NOT_COVERED));
        }

        private static long n(Document d, Facet f) {
            return CoverageStore.number(d, f.field());
        }

        public long get(Facet f) {
            return switch (f) {
                case ALL -> enterprises;
                case IN_SCOPE -> inScope;
                case ORGANISATION_COVERED -> organisationCovered;
                case SINGLE_ESTABLISHED -> singleEstablished;
                case WORK_COVERED -> workCovered;
                case SHOULD_ESTABLISH -> shouldEstablish;
                case NOT_COVERED -> notCovered;
            };
        }

        public Counts plus(Counts o) {
            return new Counts(enterprises + o.enterprises, inScope + o.inScope, organisationCovered + o.organisationCovered,
                    singleEstablished + o.singleEstablished, workCovered + o.workCovered, shouldEstablish + o.shouldEstablish,
                    notCovered + o.notCovered);
        }

        public double rate(long numerator) {
            return CoverageViews.rate(numerator, inScope);
        }
    }

    /** A fraction from 0 to 1, four decimals; 0 when nothing is in scope. */
    public static double rate(long numerator, long denominator) {
        return denominator == 0 ? 0 : Math.round(numerator * 10_000.0 / denominator) / 10_000.0;
    }

    /** The coverage of one scope (DESIGN §3). Rates are fractions from 0 to 1. */
    public record Summary(String scopeType, String scopeId, String scopeName, long enterprises, long inScope,
                          long organisationCovered, double organisationCoverage, long singleEstablished,
                          double singleEstablishmentRate, long workCovered, double workCoverage, long notCovered,
                          long shouldEstablishCount, List<Listed> shouldEstablish, boolean activityFactsIncluded,
                          String workCoverageBasis, String workCoverageNote, Map<String, String> definitions, Instant asOf) {
    }

    /** An enterprise on the should-establish list (应建未建), as the coverage answer previews it. */
    public record Listed(String id, String name, String district, String street, String park, String building, Integer staffCount,
                         int fullMembers, int declaredFullMembers, int countedFullMembers, boolean jointCovered, boolean affiliated) {

        static Listed of(Document d) {
            return new Listed(d.getString("_id"), d.getString("name"), d.getString("district"), d.getString("street"), d.getString("park"),
                    d.getString("building"), d.getInteger("staffCount"), (int) CoverageStore.number(d, "fullMembers"),
                    (int) CoverageStore.number(d, "declaredFullMembers"), (int) CoverageStore.number(d, "countedFullMembers"),
                    Boolean.TRUE.equals(d.getBoolean("jointCovered")), Boolean.TRUE.equals(d.getBoolean("affiliated")));
        }
    }

    /** One enterprise's coverage facts, as lists and the ledger show them (names and counts only). */
    public record EnterpriseRow(String id, String name, String creditCode, String status, String operatingStatus,
                                Integer staffCount, String districtId, String district, String streetId, String street,
                                String community, String parkId, String park, String buildingId, String building,
                                boolean inScope, boolean ownOrganisation, boolean jointCovered, boolean affiliated,
                                boolean organisationCovered, boolean singleEstablished, int fullMembers,
                                int declaredFullMembers, int countedFullMembers, boolean instructorAssigned,
                                String instructorAccountId, String instructorName, Instant lastActivityReachedAt,
                                boolean workCovered, boolean shouldEstablish) {

        public static EnterpriseRow of(Document d) {
            Document facets = d.get("facets", Document.class);
            return new EnterpriseRow(d.getString("_id"), d.getString("name"), d.getString("creditCode"), d.getString("status"),
                    d.getString("operatingStatus") == null ? "OPERATING" : d.getString("operatingStatus"), d.getInteger("staffCount"),
                    d.getString("districtId"), d.getString("district"), d.getString("streetId"), d.getString("street"),
                    d.getString("community"), d.getString("parkId"), d.getString("park"), d.getString("buildingId"),
                    d.getString("building"), flag(d, "inScope"), flag(d, "ownOrganisation"), flag(d, "jointCovered"),
                    flag(d, "affiliated"), flag(facets, Facet.ORGANISATION_COVERED.field()),
                    flag(facets, Facet.SINGLE_ESTABLISHED.field()), (int) CoverageStore.number(d, "fullMembers"),
                    (int) CoverageStore.number(d, "declaredFullMembers"), (int) CoverageStore.number(d, "countedFullMembers"),
                    flag(d, "instructorAssigned"), d.getString("instructorAccountId"), d.getString("instructorName"),
                    instant(d.getDate("lastActivityReachedAt")), flag(d, "workCovered"), flag(facets, Facet.SHOULD_ESTABLISH.field()));
        }

        private static boolean flag(Document d, String field) {
            return d != null && Boolean.TRUE.equals(d.getBoolean(field));
        }
    }

    static Instant instant(Date d) {
        return d == null ? null : d.toInstant();
    }
}
