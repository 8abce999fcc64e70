package cn.lianmeng.org.member;

import static cn.lianmeng.org.member.MemberImportColumns.BIRTH_DATE;
import static cn.lianmeng.org.member.MemberImportColumns.EMPLOYER;
import static cn.lianmeng.org.member.MemberImportColumns.GENDER;
import static cn.lianmeng.org.member.MemberImportColumns.ID_NUMBER;
import static cn.lianmeng.org.member.MemberImportColumns.JOIN_DATE;
import static cn.lianmeng.org.member.MemberImportColumns.LOST_CONTACT;
import static cn.lianmeng.org.member.MemberImportColumns.MOBILE;
import static cn.lianmeng.org.member.MemberImportColumns.MOBILE_SINCE;
import static cn.lianmeng.org.member.MemberImportColumns.NAME;
import static cn.lianmeng.org.member.MemberImportColumns.ORGANISATION;
import static cn.lianmeng.org.member.MemberImportColumns.PHONE;
import static cn.lianmeng.org.member.MemberImportColumns.PROBATION_END;
import static cn.lianmeng.org.member.MemberImportColumns.STATUS;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import cn.lianmeng.org.enterprise.CreditCode;
import cn.lianmeng.org.importer.ImportError;
import cn.lianmeng.org.spreadsheet.SheetRow;
import cn.lianmeng.platform.web.FieldProblem;

/**
 * Validation of member import rows, without I/O: every row on its own ({@link MemberRules}, dates, 是/否, the
 * organisation by name within the tenant, the employer), then across the file (an ID number twice). Whether an ID
 * number is already in the alliance is decided afterwards by the importer, from the blind indexes.
 */
public final class MemberRows {

    private static final Pattern DATE = Pattern.compile("(\\d{4})\\s*[-/.年]\\s*(\\d{1,2})\\s*[-/.月]\\s*(\\d{1,2})\\s*日?(\\s+\\d{1,2}:\\d{2}(:\\d{2})?)?");
    private static final Pattern COMPACT_DATE = Pattern.compile("(\\d{4})(\\d{2})(\\d{2})");

    private MemberRows() {
    }

    /** A row's outcome: valid (with the member to create) or its problems. */
    public record Verdict(int row, MemberRules.Valid member, Organisation org, String employer, List<ImportError> errors) {

        public boolean valid() {
            return errors.isEmpty();
        }

        Verdict reject(ImportError error) {
            List<ImportError> more = new ArrayList<>(errors);
            more.add(error);
            return new Verdict(row, null, null, null, List.copyOf(more));
        }
    }

    /**
     * @param tenantId       the importing enterprise (the default employer)
     * @param orgsByName     the tenant's ACTIVE organisations by exact name (a name used twice lists both)
     * @param employerByCode enterprise ids of the alliance by credit code, for the codes the file names
     */
    public static List<Verdict> validate(List<SheetRow> rows, String tenantId, Map<String, List<Organisation>> orgsByName,
                                         Map<String, String> employerByCode, LocalDate today) {
        List<Verdict> verdicts = new ArrayList<>(rows.size());
        Map<String, Integer> firstRowOfId = new HashMap<>();
        for (SheetRow row : rows) {
            Verdict v = one(row, tenantId, orgsByName, employerByCode, today);
            if (v.valid()) {
                Integer first = firstRowOfId.putIfAbsent(v.member().idNumber(), row.number());
                if (first != null) {
                    v = v.reject(new ImportError(row.number(), ID_NUMBER, "与第 " + first + " 行的身份证号重复"));
                }
            }
            verdicts.add(v);
        }
        return verdicts;
    }

    /** The credit codes a file names in the employer column (normalised), to look up in one query. */
    public static Set<String> employerCodes(List<SheetRow> rows) {
        Set<String> codes = new LinkedHashSet<>();
        rows.forEach(r -> {
            String code = r.text(EMPLOYER);
            if (code != null && CreditCode.isValid(code)) {
                codes.add(CreditCode.normalise(code));
            }
        });
        return codes;
    }

    public static Set<String> organisationNames(List<SheetRow> rows) {
        Set<String> names = new LinkedHashSet<>();
        rows.forEach(r -> {
            if (r.text(ORGANISATION) != null) {
                names.add(r.text(ORGANISATION));
            }
        });
        return names;
    }

    private static Verdict one(SheetRow row, String tenantId, Map<String, List<Organisation>> orgsByName,
                               Map<String, String> employerByCode, LocalDate today) {
        int n = row.number();
        List<ImportError> errors = new ArrayList<>();
        LocalDate birth = date(row, BIRTH_DATE, n, errors);
        LocalDate join = date(row, JOIN_DATE, n, errors);
        LocalDate probationEnd = date(row, PROBATION_END, n, errors);
        LocalDate mobileSince = date(row, MOBILE_SINCE, n, errors);
        List<String> flags = new ArrayList<>();
        if (yes(row, MOBILE, n, errors)) {
            flags.add(MemberFlag.MOBILE.name());
        }
        if (yes(row, LOST_CONTACT, n, errors)) {
            flags.add(MemberFlag.LOST_CONTACT.name());
        }
        List<FieldProblem> problems = new ArrayList<>();
        MemberRules.Valid valid = MemberRules.validate(new MemberRules.Input(row.text(NAME), row.text(GENDER), birth, row.text(ID_NUMBER),
                row.text(PHONE), join, row.text(STATUS) == null ? "" : row.text(STATUS), probationEnd, flags, mobileSince), today, true, null,
                problems);
        for (FieldProblem p : problems) {
            String column = MemberImportColumns.COLUMN_OF_FIELD.getOrDefault(p.field(), p.field());
            // an unreadable date was reported already; its "missing" follow-up would only repeat it
            if (errors.stream().noneMatch(e -> e.field().equals(column))) {
                String message = !p.field().equals("status") ? p.message() : row.text(STATUS) == null ? "不能为空" : "须为 正式 或 预备";
                errors.add(new ImportError(n, column, message));
            }
        }
        Organisation org = null;
        String orgName = row.text(ORGANISATION);
        if (orgName == null) {
            errors.add(new ImportError(n, ORGANISATION, "不能为空"));
        } else {
            List<Organisation> matches = orgsByName.getOrDefault(orgName, List.of());
            if (matches.isEmpty()) {
                errors.add(new ImportError(n, ORGANISATION, "本单位没有名为“" + orgName + "”的党组织（须与党组织名称完全一致）"));
            } else if (matches.size() > 1) {
                errors.add(new ImportError(n, ORGANISATION, "本单位有 " + matches.size() + " 个名为“" + orgName + "”的党组织，请先在党组织管理中改名区分"));
            } else {
                org = matches.get(0);
            }
        }
        String employer = null;
        if (org != null) {
            String code = row.text(EMPLOYER);
            String requested;
            if (code == null) {
                requested = "SINGLE".equals(org.formation()) || org.coveredEnterpriseIds().contains(tenantId) ? tenantId : null;
            } else if (!CreditCode.isValid(code)) {
                errors.add(new ImportError(n, EMPLOYER, "统一社会信用代码" + CreditCode.problem(code).orElse("无效")));
                requested = null;
                code = null;
            } else {
                requested = employerByCode.get(CreditCode.normalise(code));
                if (requested == null) {
                    errors.add(new ImportError(n, EMPLOYER, "本联盟没有统一社会信用代码为 " + CreditCode.normalise(code) + " 的成员单位"));
                }
            }
            if (errors.stream().noneMatch(e -> e.field().equals(EMPLOYER))) {
                employer = org.employer(requested);
                if (employer == null) {
                    errors.add(new ImportError(n, EMPLOYER, code == null
                            ? "“" + org.name() + "”为联合党组织，须填写党员工作单位的统一社会信用代码"
                            : "该单位不在“" + org.name() + "”覆盖的成员单位之中"));
                }
            }
        }
        if (!errors.isEmpty()) {
            return new Verdict(n, null, null, null, List.copyOf(errors));
        }
        return new Verdict(n, valid, org, employer, List.of());
    }

    /** A date cell: ISO or as typed in China (2016/7/1, 2016.7.1, 2016年7月1日, 20160701); blank is null. */
    static LocalDate date(SheetRow row, String column, int n, List<ImportError> errors) {
        String text = row.text(column);
        if (text == null) {
            return null;
        }
        LocalDate date = parseDate(text);
        if (date == null) {
            errors.add(new ImportError(n, column, "日期“" + text + "”无法识别，请填写如 2016-07-01"));
        }
        return date;
    }

    static LocalDate parseDate(String text) {
        String t = text.strip();
        Matcher m = DATE.matcher(t);
        Matcher c = COMPACT_DATE.matcher(t);
        try {
            if (m.matches()) {
                return LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
            }
            if (c.matches()) {
                return LocalDate.of(Integer.parseInt(c.group(1)), Integer.parseInt(c.group(2)), Integer.parseInt(c.group(3)));
            }
        } catch (DateTimeException e) {
            return null;
        }
        return null;
    }

    /** 是/否 (also Y/N, yes/no, true/false, 1/0); blank is 否. */
    static boolean yes(SheetRow row, String column, int n, List<ImportError> errors) {
        String text = row.text(column);
        if (text == null) {
            return false;
        }
        switch (text.strip().toLowerCase()) {
            case "是", "y", "yes", "true", "1" -> {
                return true;
            }
            case "否", "n", "no", "false", "0" -> {
                return false;
            }
            default -> {
                errors.add(new ImportError(n, column, "须为 是 或 否"));
                return false;
            }
        }
    }
}
