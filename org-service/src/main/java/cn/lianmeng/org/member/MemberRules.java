package cn.lianmeng.org.member;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import cn.lianmeng.platform.web.FieldProblem;

/**
 * Validation of a member's data, shared by the API and the spreadsheet import; field names are those of the API.
 * Rules: ID number by {@link IdNumber}; a given birth date must equal the one in the ID number; a member joins the
 * Party at 18 or older and not in the future; a probationary member has a probation end date after the join date;
 * a mobile member has the date they left (not in the future); a phone is a mainland mobile number.
 */
public final class MemberRules {

    public static final Pattern PHONE = Pattern.compile("1\\d{10}");

    private MemberRules() {
    }

    /** Raw personal and Party data of a member, as typed in a form or a spreadsheet row. */
    public record Input(String name, String gender, LocalDate birthDate, String idNumber, String phone, LocalDate joinDate,
                        String status, LocalDate probationEndDate, List<String> flags, LocalDate mobileSince) {
    }

    /** The data after validation: parsed and normalised. */
    public record Valid(String name, Gender gender, LocalDate birthDate, String idNumber, String phone, LocalDate joinDate,
                        MemberStatus status, LocalDate probationEndDate, Set<MemberFlag> flags, LocalDate mobileSince) {
    }

    /**
     * Validates; answers the parsed data, or null after adding the problems to {@code errors}.
     *
     * @param idNumberRequired false for updates that keep the stored ID number (then {@code storedBirthDate} is used)
     */
    public static Valid validate(Input in, LocalDate today, boolean idNumberRequired, LocalDate storedBirthDate, List<FieldProblem> errors) {
        int before = errors.size();
        String name = in.name() == null ? "" : in.name().strip();
        if (name.isEmpty()) {
            errors.add(new FieldProblem("name", "不能为空"));
        } else if (name.length() > 50) {
            errors.add(new FieldProblem("name", "不能超过 50 字"));
        }
        String id = null;
        LocalDate birth = storedBirthDate;
        if (in.idNumber() != null || idNumberRequired) {
            var problem = IdNumber.problem(in.idNumber(), today);
            if (problem.isPresent()) {
                errors.add(new FieldProblem("idNumber", problem.get()));
                birth = null;
            } else {
                id = IdNumber.normalise(in.idNumber());
                birth = IdNumber.birthDate(id);
            }
        }
        if (in.birthDate() != null && birth != null && !in.birthDate().equals(birth)) {
            errors.add(new FieldProblem("birthDate", "与身份证号中的出生日期（" + birth + "）不一致"));
        }
        Gender gender = null;
        if (in.gender() != null && !in.gender().isBlank()) {
            gender = Gender.parse(in.gender()).orElse(null);
            if (gender == null) {
                errors.add(new FieldProblem("gender", "须为 MALE、FEMALE 或 男、女"));
            }
        } else if (id != null) {
            gender = IdNumber.gender(id);
        }
        String phone = in.phone() == null || in.phone().isBlank() ? null : in.phone().strip();
        if (phone != null && !PHONE.matcher(phone).matches()) {
            errors.add(new FieldProblem("phone", "须为 11 位手机号"));
        }
        LocalDate join = in.joinDate();
        if (join == null) {
            errors.add(new FieldProblem("joinDate", "不能为空"));
        } else if (join.isAfter(today)) {
            errors.add(new FieldProblem("joinDate", "不能晚于今天"));
        } else if (birth != null && join.isBefore(birth.plusYears(18))) {
            errors.add(new FieldProblem("joinDate", "入党时须年满 18 周岁"));
        }
        MemberStatus status = MemberStatus.parse(in.status()).orElse(null);
        if (status == null) {
            errors.add(new FieldProblem("status", "须为 FULL（正式）或 PROBATIONARY（预备）"));
        }
        LocalDate probationEnd = null;
        if (status == MemberStatus.PROBATIONARY) {
            probationEnd = in.probationEndDate();
            if (probationEnd == null) {
                errors.add(new FieldProblem("probationEndDate", "预备党员须填写预备期满日期"));
            } else if (join != null && !probationEnd.isAfter(join)) {
                errors.add(new FieldProblem("probationEndDate", "须晚于入党日期"));
            }
        }
        Set<MemberFlag> flags = EnumSet.noneOf(MemberFlag.class);
        for (String f : in.flags() == null ? List.<String>of() : in.flags()) {
            MemberFlag.parse(f).ifPresentOrElse(flags::add,
                    () -> errors.add(new FieldProblem("flags", "“" + f + "”不是有效标记，可选 MOBILE（流动党员）、LOST_CONTACT（失联党员）")));
        }
        LocalDate mobileSince = null;
        if (flags.contains(MemberFlag.MOBILE)) {
            mobileSince = in.mobileSince();
            if (mobileSince == null) {
                errors.add(new FieldProblem("mobileSince", "流动党员须填写外出日期"));
            } else if (mobileSince.isAfter(today)) {
                errors.add(new FieldProblem("mobileSince", "不能晚于今天"));
            }
        }
        if (errors.size() > before) {
            return null;
        }
        return new Valid(name, gender, birth, id, phone, join, status, probationEnd, flags, mobileSince);
    }
}
