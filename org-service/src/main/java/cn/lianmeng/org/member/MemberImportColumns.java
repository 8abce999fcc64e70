package cn.lianmeng.org.member;

import java.util.List;
import java.util.Map;

import cn.lianmeng.org.spreadsheet.Column;

/**
 * The member import template's columns, in order; an upload's header row must have them all (in any order). Cells
 * required in every row: 姓名, 身份证号, 入党日期, 党员状态, 所在党组织 (highlighted in the template).
 */
public final class MemberImportColumns {

    public static final String NAME = "姓名";
    public static final String GENDER = "性别";
    public static final String BIRTH_DATE = "出生日期";
    public static final String ID_NUMBER = "身份证号";
    public static final String PHONE = "手机号";
    public static final String JOIN_DATE = "入党日期";
    public static final String STATUS = "党员状态";
    public static final String PROBATION_END = "预备期满日期";
    public static final String ORGANISATION = "所在党组织";
    public static final String EMPLOYER = "工作单位统一社会信用代码";
    public static final String MOBILE = "流动党员";
    public static final String MOBILE_SINCE = "外出日期";
    public static final String LOST_CONTACT = "失联";

    /** The header row, in this order. */
    public static final List<String> HEADERS = List.of(NAME, GENDER, BIRTH_DATE, ID_NUMBER, PHONE, JOIN_DATE, STATUS, PROBATION_END,
            ORGANISATION, EMPLOYER, MOBILE, MOBILE_SINCE, LOST_CONTACT);

    public static final List<Column> TEMPLATE = List.of(
            Column.required(NAME, 12), Column.optional(GENDER, 8), Column.optional(BIRTH_DATE, 14), Column.required(ID_NUMBER, 24),
            Column.optional(PHONE, 16), Column.required(JOIN_DATE, 14), Column.required(STATUS, 12), Column.optional(PROBATION_END, 16),
            Column.required(ORGANISATION, 28), Column.optional(EMPLOYER, 28), Column.optional(MOBILE, 10), Column.optional(MOBILE_SINCE, 14),
            Column.optional(LOST_CONTACT, 8));

    /** The column of each field {@link MemberRules} names. */
    static final Map<String, String> COLUMN_OF_FIELD = Map.of("name", NAME, "gender", GENDER, "birthDate", BIRTH_DATE,
            "idNumber", ID_NUMBER, "phone", PHONE, "joinDate", JOIN_DATE, "status", STATUS, "probationEndDate", PROBATION_END,
            "flags", MOBILE, "mobileSince", MOBILE_SINCE);

    private MemberImportColumns() {
    }
}
