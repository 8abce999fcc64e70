package cn.lianmeng.org.member;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import cn.lianmeng.org.importer.ImportError;
import cn.lianmeng.org.spreadsheet.SheetRow;
import org.junit.jupiter.api.Test;

class MemberRowsTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 21);
    private static final Organisation BRANCH = new Organisation("b1", "a1", "t1", "ENTERPRISE", "第一党支部", "BRANCH", "SINGLE", null,
            List.of(), List.of("t1"), "ACTIVE");
    private static final Organisation JOINT = new Organisation("j1", "a1", "t1", "ENTERPRISE", "联合党支部", "JOINT_BRANCH", "JOINT", null,
            List.of(), List.of("t2", "t3"), "ACTIVE");
    private static final Map<String, List<Organisation>> ORGS = Map.of("第一党支部", List.of(BRANCH), "联合党支部", List.of(JOINT),
            "同名党支部", List.of(BRANCH, JOINT));
    private static final String T2_CODE = cn.lianmeng.org.enterprise.CreditCode.withCheck("91310115MA1K3X2Y7");

    private static SheetRow row(int n, Object... kv) {
        Map<String, String> cells = new HashMap<>();
        cells.put(MemberImportColumns.NAME, "张三");
        cells.put(MemberImportColumns.ID_NUMBER, IdNumber.withCheck("31011519900307" + String.format("%03d", n)));
        cells.put(MemberImportColumns.JOIN_DATE, "2016-07-01");
        cells.put(MemberImportColumns.STATUS, "正式");
        cells.put(MemberImportColumns.ORGANISATION, "第一党支部");
        for (int i = 0; i + 1 < kv.length; i += 2) {
            if (kv[i + 1] == null) {
                cells.remove((String) kv[i]);
            } else {
                cells.put((String) kv[i], kv[i + 1].toString());
            }
        }
        return new SheetRow(n, cells);
    }

    private static List<MemberRows.Verdict> validate(SheetRow... rows) {
        return MemberRows.validate(List.of(rows), "t1", ORGS, Map.of(T2_CODE, "t2"), TODAY);
    }

    private static List<ImportError> errors(SheetRow row) {
        return validate(row).get(0).errors();
    }

    @Test
    void aCompleteRowIsValidAndDefaultsFromTheIdNumber() {
        MemberRows.Verdict v = validate(row(2, MemberImportColumns.GENDER, null)).get(0);
        assertThat(v.valid()).isTrue();
        assertThat(v.org()).isEqualTo(BRANCH);
        assertThat(v.employer()).isEqualTo("t1");
        assertThat(v.member().gender()).isEqualTo(Gender.FEMALE);
        assertThat(v.member().birthDate()).isEqualTo(LocalDate.of(1990, 3, 7));
        assertThat(v.member().status()).isEqualTo(MemberStatus.FULL);
        MemberRows.Verdict mobile = validate(row(3, MemberImportColumns.MOBILE, "是", MemberImportColumns.MOBILE_SINCE, "2026年3月1日",
                MemberImportColumns.LOST_CONTACT, "否", MemberImportColumns.STATUS, "预备", MemberImportColumns.PROBATION_END, "2017/7/1")).get(0);
        assertThat(mobile.valid()).isTrue();
        assertThat(mobile.member().flags()).containsExactly(MemberFlag.MOBILE);
        assertThat(mobile.member().mobileSince()).isEqualTo(LocalDate.of(2026, 3, 1));
        assertThat(mobile.member().probationEndDate()).isEqualTo(LocalDate.of(2017, 7, 1));
    }

    @Test
    void namesTheColumnOfEachProblem() {
        String valid = IdNumber.withCheck("31011519900307123");
        String badCheck = valid.substring(0, 17) + (valid.charAt(17) == '0' ? '1' : '0');
        assertThat(errors(row(2, MemberImportColumns.ID_NUMBER, badCheck)))
                .containsExactly(new ImportError(2, "身份证号", "校验位不正确"));
        assertThat(errors(row(3, MemberImportColumns.JOIN_DATE, "去年"))).extracting(ImportError::field).containsExactly("入党日期");
        assertThat(errors(row(4, MemberImportColumns.JOIN_DATE, "2016-02-30"))).extracting(ImportError::message)
                .containsExactly("日期“2016-02-30”无法识别，请填写如 2016-07-01");
        assertThat(errors(row(5, MemberImportColumns.STATUS, "预备"))).extracting(ImportError::field).containsExactly("预备期满日期");
        assertThat(errors(row(6, MemberImportColumns.STATUS, null))).containsExactly(new ImportError(6, "党员状态", "不能为空"));
        assertThat(errors(row(7, MemberImportColumns.STATUS, "候补"))).containsExactly(new ImportError(7, "党员状态", "须为 正式 或 预备"));
        assertThat(errors(row(8, MemberImportColumns.MOBILE, "是"))).extracting(ImportError::field).containsExactly("外出日期");
        assertThat(errors(row(9, MemberImportColumns.LOST_CONTACT, "也许"))).containsExactly(new ImportError(9, "失联", "须为 是 或 否"));
        assertThat(errors(row(10, MemberImportColumns.ORGANISATION, "不存在的支部"))).extracting(ImportError::field).containsExactly("所在党组织");
        assertThat(errors(row(11, MemberImportColumns.ORGANISATION, "同名党支部"))).extracting(ImportError::message)
                .allMatch(m -> m.contains("改名区分"));
        assertThat(errors(row(12, MemberImportColumns.ORGANISATION, null, MemberImportColumns.NAME, null)))
                .extracting(ImportError::field).containsExactly("姓名", "所在党组织");
        assertThat(errors(row(13, MemberImportColumns.BIRTH_DATE, "1991-01-01"))).extracting(ImportError::field).containsExactly("出生日期");
        assertThat(errors(row(14, MemberImportColumns.PHONE, "021-1234567"))).extracting(ImportError::field).containsExactly("手机号");
    }

    @Test
    void theEmployerOfAJointBranchIsOneItCovers() {
        assertThat(errors(row(2, MemberImportColumns.ORGANISATION, "联合党支部"))).extracting(ImportError::field).containsExactly("工作单位统一社会信用代码");
        MemberRows.Verdict ok = validate(row(3, MemberImportColumns.ORGANISATION, "联合党支部", MemberImportColumns.EMPLOYER, T2_CODE.toLowerCase())).get(0);
        assertThat(ok.valid()).isTrue();
        assertThat(ok.employer()).isEqualTo("t2");
        assertThat(errors(row(4, MemberImportColumns.ORGANISATION, "联合党支部", MemberImportColumns.EMPLOYER,
                cn.lianmeng.org.enterprise.CreditCode.withCheck("91310115MA1K3X2Y8")))).extracting(ImportError::message)
                .allMatch(m -> m.contains("本联盟没有"));
        assertThat(errors(row(5, MemberImportColumns.EMPLOYER, T2_CODE))).extracting(ImportError::message).allMatch(m -> m.contains("不在"));
        assertThat(errors(row(6, MemberImportColumns.EMPLOYER, "12345"))).extracting(ImportError::field).containsExactly("工作单位统一社会信用代码");
    }

    @Test
    void anIdNumberTwiceInTheFileIsRejectedTheSecondTime() {
        String id = IdNumber.withCheck("31011519900307555");
        List<MemberRows.Verdict> v = validate(row(2, MemberImportColumns.ID_NUMBER, id), row(3), row(4, MemberImportColumns.ID_NUMBER, id.toLowerCase()));
        assertThat(v.get(0).valid()).isTrue();
        assertThat(v.get(1).valid()).isTrue();
        assertThat(v.get(2).errors()).containsExactly(new ImportError(4, "身份证号", "与第 2 行的身份证号重复"));
    }

    @Test
    void readsTheDatesPeopleType() {
        assertThat(MemberRows.parseDate("2016-07-01")).isEqualTo(LocalDate.of(2016, 7, 1));
        assertThat(MemberRows.parseDate("2016/7/1")).isEqualTo(LocalDate.of(2016, 7, 1));
        assertThat(MemberRows.parseDate("2016.07.01")).isEqualTo(LocalDate.of(2016, 7, 1));
        assertThat(MemberRows.parseDate("2016年7月1日")).isEqualTo(LocalDate.of(2016, 7, 1));
        assertThat(MemberRows.parseDate("20160701")).isEqualTo(LocalDate.of(2016, 7, 1));
        assertThat(MemberRows.parseDate("2016-07-01 00:00:00")).isEqualTo(LocalDate.of(2016, 7, 1));
        assertThat(MemberRows.parseDate("2016-13-01")).isNull();
        assertThat(MemberRows.parseDate("七月一日")).isNull();
    }
}
