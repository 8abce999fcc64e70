package cn.lianmeng.org.importer;

import static cn.lianmeng.org.importer.EnterpriseImportColumns.BUILDING;
import static cn.lianmeng.org.importer.EnterpriseImportColumns.COMMUNITY;
import static cn.lianmeng.org.importer.EnterpriseImportColumns.CONTACT;
import static cn.lianmeng.org.importer.EnterpriseImportColumns.CREDIT_CODE;
import static cn.lianmeng.org.importer.EnterpriseImportColumns.DISTRICT;
import static cn.lianmeng.org.importer.EnterpriseImportColumns.INDUSTRY;
import static cn.lianmeng.org.importer.EnterpriseImportColumns.NAME;
import static cn.lianmeng.org.importer.EnterpriseImportColumns.PARK;
import static cn.lianmeng.org.importer.EnterpriseImportColumns.PARTY_MEMBERS;
import static cn.lianmeng.org.importer.EnterpriseImportColumns.PHONE;
import static cn.lianmeng.org.importer.EnterpriseImportColumns.STAFF;
import static cn.lianmeng.org.importer.EnterpriseImportColumns.STREET;
import static cn.lianmeng.org.importer.EnterpriseImportColumns.TYPE;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import cn.lianmeng.org.enterprise.CreditCode;
import cn.lianmeng.org.enterprise.EnterpriseRequests;
import cn.lianmeng.org.enterprise.EnterpriseService;
import cn.lianmeng.org.enterprise.EnterpriseType;
import cn.lianmeng.org.enterprise.Location;
import cn.lianmeng.org.enterprise.LocationLookup;
import cn.lianmeng.org.enterprise.LocationResolver;
import cn.lianmeng.org.enterprise.OperatingStatus;
import cn.lianmeng.org.spreadsheet.SheetRow;

/**
 * Validates the rows of an enterprise import, all of them, without touching the database: required fields, the
 * credit code's check character, the enterprise type label, numbers, the phone, the location names (against the
 * alliance's catalogue), duplicates within the file (naming the first row) and credit codes already registered in
 * the alliance. A row is valid only when it has no problem at all.
 */
public final class EnterpriseRows {

    private static final Pattern PHONE_PATTERN = Pattern.compile(EnterpriseRequests.PHONE);
    private static final Pattern INTEGER = Pattern.compile("\\d{1,3}(,\\d{3})+|\\d+");

    /** A valid row, ready to insert. */
    public record Draft(int row, EnterpriseService.Profile profile, Location location) {
    }

    /** The verdict on one row: a draft when valid, else its problems (at least one). */
    public record Verdict(int row, Draft draft, List<ImportError> errors) {
        public boolean valid() {
            return draft != null;
        }
    }

    private EnterpriseRows() {
    }

    /** The normalised credit codes of the rows that look like credit codes (for the "already registered" lookup). */
    public static Set<String> creditCodes(Collection<SheetRow> rows) {
        Set<String> codes = new LinkedHashSet<>();
        for (SheetRow r : rows) {
            String code = CreditCode.normalise(r.text(CREDIT_CODE));
            if (code != null && CreditCode.isValid(code)) {
                codes.add(code);
            }
        }
        return codes;
    }

    /**
     * The verdict on every row, in file order.
     *
     * @param registered credit codes already registered in the alliance → enterprise name
     */
    public static List<Verdict> validate(List<SheetRow> rows, LocationLookup lookup, Map<String, String> registered) {
        Map<String, Integer> firstRow = new HashMap<>();
        List<Verdict> verdicts = new ArrayList<>(rows.size());
        for (SheetRow row : rows) {
            verdicts.add(validate(row, lookup, registered, firstRow));
        }
        return verdicts;
    }

    private static Verdict validate(SheetRow row, LocationLookup lookup, Map<String, String> registered, Map<String, Integer> firstRow) {
        List<ImportError> errors = new ArrayList<>();
        int n = row.number();

        String name = row.text(NAME);
        if (name == null) {
            errors.add(new ImportError(n, NAME, "不能为空"));
        } else if (name.length() > 100) {
            errors.add(new ImportError(n, NAME, "不能超过 100 字"));
        }

        String code = CreditCode.normalise(row.text(CREDIT_CODE));
        Optional<String> codeProblem = CreditCode.problem(code);
        if (codeProblem.isPresent()) {
            errors.add(new ImportError(n, CREDIT_CODE, codeProblem.get()));
        } else {
            Integer first = firstRow.putIfAbsent(code, n);
            if (first != null) {
                errors.add(new ImportError(n, CREDIT_CODE, "与第 " + first + " 行的统一社会信用代码重复"));
            } else if (registered.containsKey(code)) {
                errors.add(new ImportError(n, CREDIT_CODE, "已在本联盟登记（" + registered.get(code) + "），不重复导入"));
            }
        }

        String typeText = row.text(TYPE);
        EnterpriseType type = null;
        if (typeText == null) {
            errors.add(new ImportError(n, TYPE, "不能为空"));
        } else {
            type = EnterpriseType.parse(typeText).orElse(null);
            if (type == null) {
                errors.add(new ImportError(n, TYPE, "“" + typeText + "”无效，须为" + String.join("、", EnterpriseImportColumns.TYPE_LABELS) + "之一"));
            }
        }

        String industry = row.text(INDUSTRY);
        if (industry == null) {
            errors.add(new ImportError(n, INDUSTRY, "不能为空"));
        } else if (industry.length() > 50) {
            errors.add(new ImportError(n, INDUSTRY, "不能超过 50 字"));
        }

        Integer staff = count(row, STAFF, true, errors);
        Integer partyMembers = count(row, PARTY_MEMBERS, false, errors);
        if (staff != null && partyMembers != null && partyMembers > staff) {
            errors.add(new ImportError(n, PARTY_MEMBERS, "不能超过从业人数（" + staff + "）"));
        }

        String contact = row.text(CONTACT);
        if (contact != null && contact.length() > 30) {
            errors.add(new ImportError(n, CONTACT, "不能超过 30 字"));
        }
        String phone = row.text(PHONE) == null ? null : row.text(PHONE).replaceAll("[\\s()（）]", "");
        if (phone != null && !phone.isEmpty() && !PHONE_PATTERN.matcher(phone).matches()) {
            errors.add(new ImportError(n, PHONE, "“" + row.text(PHONE) + "”不是有效的手机号或固定电话（如 13812345678、021-12345678）"));
        }

        LocationResolver.Result place = LocationResolver.resolve(new LocationResolver.Names(row.text(DISTRICT), row.text(STREET),
                row.text(COMMUNITY), row.text(PARK), row.text(BUILDING)), lookup);
        place.problems().forEach((field, message) -> errors.add(new ImportError(n, field.column(), message)));

        if (!errors.isEmpty()) {
            errors.sort(java.util.Comparator.comparingInt(e -> EnterpriseImportColumns.HEADERS.indexOf(e.field())));
            return new Verdict(n, null, List.copyOf(errors));
        }
        EnterpriseService.Profile profile = new EnterpriseService.Profile(name, code, type, industry, staff, OperatingStatus.OPERATING,
                contact, phone == null || phone.isEmpty() ? null : phone, partyMembers);
        return new Verdict(n, new Draft(n, profile, place.location()), List.of());
    }

    /** A non-negative whole number (thousands separators allowed), or null when blank and optional. */
    private static Integer count(SheetRow row, String column, boolean required, List<ImportError> errors) {
        String text = row.text(column);
        if (text == null) {
            if (required) {
                errors.add(new ImportError(row.number(), column, "不能为空"));
            }
            return null;
        }
        if (!INTEGER.matcher(text).matches()) {
            errors.add(new ImportError(row.number(), column, "“" + text + "”须为不小于 0 的整数"));
            return null;
        }
        String digits = text.replace(",", "");
        if (digits.length() > 9 || Long.parseLong(digits) > EnterpriseRequests.MAX_STAFF) {
            errors.add(new ImportError(row.number(), column, "数值过大"));
            return null;
        }
        return Integer.parseInt(digits);
    }
}
