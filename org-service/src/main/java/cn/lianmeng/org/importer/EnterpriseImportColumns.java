package cn.lianmeng.org.importer;

import java.util.Arrays;
import java.util.List;

import cn.lianmeng.org.enterprise.EnterpriseType;
import cn.lianmeng.org.spreadsheet.Column;

/** The enterprise import template's columns, in the contract's order. */
public final class EnterpriseImportColumns {

    public static final String NAME = "企业名称";
    public static final String CREDIT_CODE = "统一社会信用代码";
    public static final String TYPE = "企业类型";
    public static final String INDUSTRY = "所属行业";
    public static final String STAFF = "从业人数";
    public static final String DISTRICT = "区";
    public static final String STREET = "街道";
    public static final String COMMUNITY = "社区";
    public static final String PARK = "园区";
    public static final String BUILDING = "楼宇";
    public static final String PARTY_MEMBERS = "正式党员人数";
    public static final String CONTACT = "联系人";
    public static final String PHONE = "联系电话";

    /** The header row, in this order. */
    public static final List<String> HEADERS = List.of(NAME, CREDIT_CODE, TYPE, INDUSTRY, STAFF, DISTRICT, STREET, COMMUNITY, PARK,
            BUILDING, PARTY_MEMBERS, CONTACT, PHONE);

    /** The template's columns: widths, required ones highlighted, all formatted as text (codes, phones). */
    public static final List<Column> TEMPLATE = List.of(
            Column.required(NAME, 34), Column.required(CREDIT_CODE, 24), Column.required(TYPE, 12), Column.required(INDUSTRY, 22),
            Column.required(STAFF, 10), Column.required(DISTRICT, 12), Column.required(STREET, 14), Column.optional(COMMUNITY, 14),
            Column.optional(PARK, 18), Column.optional(BUILDING, 18), Column.optional(PARTY_MEMBERS, 12), Column.optional(CONTACT, 10),
            Column.optional(PHONE, 16));

    /** The Chinese labels 企业类型 accepts (the DESIGN enterprise types). */
    public static final List<String> TYPE_LABELS = Arrays.stream(EnterpriseType.values()).map(EnterpriseType::label).toList();

    private EnterpriseImportColumns() {
    }
}
