package cn.lianmeng.org.coverage;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** The lists behind the coverage numbers: each count of the coverage answer is the size of one facet. */
public enum Facet {
    ALL("all", "enterprises", "全部成员单位（在册及暂停，含未纳入统计的；已退出的不计）"),
    IN_SCOPE("inScope", "inScope", "纳入统计的成员单位"),
    ORGANISATION_COVERED("organisationCovered", "organisationCovered", "组织已覆盖（单独组建或联合党支部覆盖）"),
    SINGLE_ESTABLISHED("singleEstablished", "singleEstablished", "单独组建党组织"),
    WORK_COVERED("workCovered", "workCovered", "工作已覆盖（党建指导员或近90天活动覆盖）"),
    SHOULD_ESTABLISH("shouldEstablish", "shouldEstablish", "应建未建（正式党员不少于3人且未单独组建）"),
    NOT_COVERED("notCovered", "notCovered", "组织未覆盖（纳入统计但无单独组建、无联合党支部覆盖）");

    private final String param;
    private final String field;
    private final String label;

    Facet(String param, String field, String label) {
        this.param = param;
        this.field = field;
        this.label = label;
    }

    /** The request parameter value. */
    public String param() {
        return param;
    }

    /** The counter name in totals and the flag name under {@code facets} in a facts document. */
    public String field() {
        return field;
    }

    public String label() {
        return label;
    }

    public static Optional<Facet> parse(String value) {
        return Arrays.stream(values()).filter(f -> f.param.equals(value)).findFirst();
    }

    public static String allowed() {
        return Arrays.stream(values()).map(Facet::param).collect(Collectors.joining("、"));
    }
}
