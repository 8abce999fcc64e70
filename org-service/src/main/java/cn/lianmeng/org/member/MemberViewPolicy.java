package cn.lianmeng.org.member;

import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

import cn.lianmeng.platform.privacy.Masking;
import cn.lianmeng.platform.security.Caller;
import cn.lianmeng.platform.security.Role;
import cn.lianmeng.platform.web.ApiException;

/**
 * The one place that decides how much of a member a caller sees (DESIGN §2, personal data):
 * <ul>
 *   <li>the member themself, the ENTERPRISE_ADMIN of the member's tenant and an ORG_ADMIN of that tenant whose
 *       subtree holds the member's organisation: masked by default, unmasked on explicit request ({@code reveal});</li>
 *   <li>ALLIANCE_ADMIN of the alliance: masked, never unmasked;</li>
 *   <li>DISTRICT_STAFF whose parks/buildings hold the member's employer: names only (no phone, no ID number even
 *       masked, no birth date, no flags);</li>
 *   <li>everyone else — other tenants, other members, an ORG_ADMIN outside the subtree, auditors: not visible (404).</li>
 * </ul>
 * Masked views show the birth <em>year</em> only: the masked ID number keeps the region prefix and the last four
 * characters, and together with the full birth date it would leave about ten candidates for the whole number.
 */
public final class MemberViewPolicy {

    /** What a caller may see of one member, from least to most. */
    public enum Visibility { HIDDEN, NAMES_ONLY, MASKED, REVEALABLE }

    /** The detail of one answer. */
    public enum Detail { NONE, MASKED, UNMASKED }

    private final PersonalDataCipher cipher;
    private final Period transferDueAfter;

    public MemberViewPolicy(PersonalDataCipher cipher, Period transferDueAfter) {
        this.cipher = cipher;
        this.transferDueAfter = transferDueAfter;
    }

    /**
     * @param employerInStaffPatch whether the member's employer lies in the parks/buildings of a DISTRICT_STAFF caller
     *                             (the service knows the patch; the policy does not read data)
     */
    public static Visibility visibility(Caller caller, Member m, boolean employerInStaffPatch) {
        if (caller.allianceId() == null || !caller.allianceId().equals(m.allianceId())) {
            return Visibility.HIDDEN;
        }
        List<Visibility> granted = new ArrayList<>();
        if (caller.memberId() != null && caller.memberId().equals(m.id())) {
            granted.add(Visibility.REVEALABLE);
        }
        boolean ownTenant = m.tenantId() != null && m.tenantId().equals(caller.tenantId());
        if (ownTenant && caller.has(Role.ENTERPRISE_ADMIN)) {
            granted.add(Visibility.REVEALABLE);
        }
        if (ownTenant && caller.has(Role.ORG_ADMIN) && OrgAdminRights.covers(caller, m.orgPath())) {
            granted.add(Visibility.REVEALABLE);
        }
        if (caller.has(Role.ALLIANCE_ADMIN)) {
            granted.add(Visibility.MASKED);
        }
        if (caller.has(Role.DISTRICT_STAFF) && employerInStaffPatch) {
            granted.add(Visibility.NAMES_ONLY);
        }
        return granted.stream().max(Comparator.naturalOrder()).orElse(Visibility.HIDDEN);
    }

    /** The detail of an answer: 404 when hidden, 403 when unmasked values are asked for without the right to them. */
    public static Detail detail(Visibility visibility, boolean reveal) {
        return switch (visibility) {
            case HIDDEN -> throw ApiException.notFound("党员");
            case NAMES_ONLY, MASKED -> {
                if (reveal) {
                    throw ApiException.forbidden("只有本人、本单位企业党组织管理员或所在党组织的管理员可以查看完整的个人信息");
                }
                yield visibility == Visibility.NAMES_ONLY ? Detail.NONE : Detail.MASKED;
            }
            case REVEALABLE -> reveal ? Detail.UNMASKED : Detail.MASKED;
        };
    }

    /** Whether a mobile member has been away long enough that their organisation relationship should move. */
    public boolean transferDue(Member m, LocalDate today) {
        return m.flags().contains(MemberFlag.MOBILE) && m.mobileSince() != null
                && !m.mobileSince().plus(transferDueAfter).isAfter(today);
    }

    public Period transferDueAfter() {
        return transferDueAfter;
    }

    /** The member at the given detail, with the warnings that concern whoever administers them. */
    public MemberView view(Member m, Detail detail, LocalDate today) {
        String statusLabel = m.status().label();
        if (detail == Detail.NONE) {
            return new MemberView(m.id(), m.name(), detail.name(), null, null, null, null, null, null, null, m.status().name(),
                    statusLabel, null, null, null, null, null, m.orgId(), m.orgName(), null, m.tenantId(), m.enterpriseId(),
                    null, null, null, null, m.active(), null, null, null, null, null);
        }
        boolean unmasked = detail == Detail.UNMASKED;
        String idNumber = m.idNumberCipher() == null ? null : cipher.decrypt(Member.idNumberContext(m.id()), m.idNumberCipher());
        boolean transferDue = transferDue(m, today);
        List<String> warnings = new ArrayList<>();
        if (m.active() && transferDue) {
            warnings.add("外出流动已满 " + describe(transferDueAfter) + "，应办理组织关系转接");
        }
        if (m.active() && m.status() == MemberStatus.PROBATIONARY && m.probationEndDate() != null && m.probationEndDate().isBefore(today)) {
            warnings.add("预备期已满，应及时讨论其能否转为正式党员");
        }
        if (m.active() && m.flags().contains(MemberFlag.LOST_CONTACT)) {
            warnings.add("失联党员，应设法取得联系");
        }
        String username = m.username();
        if (!unmasked && username != null && Objects.equals(username, m.phone())) {
            username = Masking.phone(username);
        }
        return new MemberView(m.id(), m.name(), detail.name(), m.gender() == null ? null : m.gender().name(),
                m.gender() == null ? null : m.gender().label(),
                unmasked && idNumber != null ? IdNumber.birthDate(idNumber) : null, m.birthYear(),
                unmasked ? idNumber : Masking.idNumber(idNumber), unmasked ? m.phone() : Masking.phone(m.phone()),
                m.joinDate(), m.status().name(), statusLabel, m.probationEndDate(),
                m.flags().stream().map(Enum::name).sorted().toList(), m.mobileSince(), transferDue, List.copyOf(warnings),
                m.orgId(), m.orgName(), m.orgAncestors(), m.tenantId(), m.enterpriseId(), m.officerRoles(), m.accountId(),
                username, m.accountState().name(), m.active(), m.leftOn(), m.leaveReason(), m.version(), m.createdAt(),
                m.updatedAt());
    }

    static String describe(Period p) {
        StringBuilder s = new StringBuilder();
        if (p.getYears() > 0) {
            s.append(p.getYears()).append(" 年");
        }
        if (p.getMonths() > 0) {
            s.append(s.isEmpty() ? "" : " ").append(p.getMonths()).append(" 个月");
        }
        if (p.getDays() > 0 || s.isEmpty()) {
            s.append(s.isEmpty() ? "" : " ").append(p.getDays()).append(" 天");
        }
        return s.toString();
    }
}
