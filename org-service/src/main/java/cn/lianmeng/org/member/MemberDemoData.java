package cn.lianmeng.org.member;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import cn.lianmeng.org.identity.IdentityService;
import cn.lianmeng.platform.security.Caller;
import cn.lianmeng.platform.security.Role;
import cn.lianmeng.platform.web.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Demo members for local runs, for the lead's {@code DemoData} to call after the demo organisations exist:
 * {@code MemberDemoData.seed(members, organisations, identity, allianceId, clock)}.
 * <p>
 * Every ACTIVE branch (BRANCH or JOINT_BRANCH) of the alliance gets 3–8 members with deterministic names, valid ID
 * numbers and phones: about one in nine probationary (some with the probation period already over), mobile members
 * away eight months (transfer due) and two months, and lost-contact members. Members are created through the same
 * service path as the import (no login; logins are issued on demand), except three with logins
 * {@code demo-member01…03} / {@value #PASSWORD} (password already changed, so they can use the app at once).
 * Idempotent: an ID number already in the alliance is skipped. Answers the ids of the members created now.
 */
public final class MemberDemoData {

    public static final String PASSWORD = "Demo@2026";
    private static final Logger log = LoggerFactory.getLogger(MemberDemoData.class);
    private static final String SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗";
    private static final List<String> GIVEN = List.of("伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛",
            "明", "超", "秀英", "霞", "平", "刚", "桂英", "建华", "海燕", "志强", "晓东", "雪梅", "文博", "思远", "嘉怡");
    private static final List<String> REGIONS = List.of("310115", "310104", "310112", "310106", "320102", "330106", "110105", "420106");

    private MemberDemoData() {
    }

    public static Mono<List<String>> seed(MemberService members, OrganisationDirectory organisations, IdentityService identity,
                                          String allianceId, Clock clock) {
        LocalDate today = LocalDate.now(clock.withZone(MemberService.ZONE));
        Caller alliance = new Caller("demo-loader", "demo-loader", "演示数据", allianceId, null, Set.of(Role.ALLIANCE_ADMIN),
                Set.of(), Set.of(), Set.of(), null, false);
        return organisations.active(allianceId)
                .filter(o -> "BRANCH".equals(o.kind()) || "JOINT_BRANCH".equals(o.kind()))
                .collectList()
                .flatMapMany(branches -> {
                    List<Object[]> plan = new ArrayList<>();
                    int k = 0;
                    for (int b = 0; b < branches.size(); b++) {
                        int count = 3 + b % 6;
                        for (int i = 0; i < count; i++) {
                            plan.add(new Object[]{branches.get(b), k++});
                        }
                    }
                    return Flux.fromIterable(plan);
                })
                .concatMap(p -> one(members, identity, alliance, (Organisation) p[0], (Integer) p[1], today))
                .collectList()
                .doOnSuccess(ids -> log.info("Demo members ready: {} created in alliance {}", ids.size(), allianceId));
    }

    private static Mono<String> one(MemberService members, IdentityService identity, Caller allianceCaller, Organisation org, int k,
                                    LocalDate today) {
        Caller caller = org.tenantId() == null ? allianceCaller
                : new Caller("demo-loader", "demo-loader", "演示数据", org.allianceId(), org.tenantId(), Set.of(Role.ENTERPRISE_ADMIN),
                Set.of(), Set.of(), Set.of(), null, false);
        MemberRules.Valid v = valid(k, today);
        String employer = org.employer(null) != null ? org.employer(null)
                : org.coveredEnterpriseIds().isEmpty() ? null : org.coveredEnterpriseIds().get(k % org.coveredEnterpriseIds().size());
        if (employer == null) {
            return Mono.empty();
        }
        Mono<String> created;
        if (k < 3) {
            String username = String.format("demo-member%02d", k + 1);
            MemberRequests.Create req = new MemberRequests.Create(v.name(), v.gender().name(), null, v.idNumber(), v.phone(), v.joinDate(),
                    v.status().name(), v.probationEndDate(), v.flags().stream().map(Enum::name).toList(), v.mobileSince(), org.id(),
                    employer, username);
            created = members.create(caller, req).flatMap(c -> identity.changePassword(
                            new Caller(c.account().accountId(), username, v.name(), org.allianceId(), org.tenantId(), Set.of(Role.MEMBER),
                                    Set.of(), Set.of(), Set.of(), c.member().id(), true),
                            c.account().initialPassword(), PASSWORD)
                    .thenReturn(c.member().id()));
        } else {
            created = members.createWithoutAccount(caller, org, employer, v, "demo").map(d -> d.getString("_id"));
        }
        return created.onErrorResume(ApiException.class, e -> Mono.empty()); // already there (409) on a repeated run
    }

    /** The k-th demo member's data: deterministic, valid, unique for k below 12,600. */
    static MemberRules.Valid valid(int k, LocalDate today) {
        String name = SURNAMES.charAt(k % SURNAMES.length()) + GIVEN.get(k / SURNAMES.length() % GIVEN.size());
        LocalDate birth = LocalDate.of(1960 + k % 40, 1 + k % 12, 1 + k % 28);
        String idNumber = IdNumber.withCheck(REGIONS.get(k % REGIONS.size()) + String.format("%04d%02d%02d%03d",
                birth.getYear(), birth.getMonthValue(), birth.getDayOfMonth(), 100 + k % 900));
        String phone = String.format("137%08d", 10_000_000 + k);
        LocalDate join = birth.plusYears(23 + k % 15);
        if (join.isAfter(today.minusYears(2))) {
            join = today.minusYears(2).minusDays(k % 300);
        }
        MemberStatus status = MemberStatus.FULL;
        LocalDate probationEnd = null;
        if (k % 9 == 4) {
            status = MemberStatus.PROBATIONARY;
            join = today.minusMonths(k % 27 == 4 ? 14 : 8);
            probationEnd = join.plusYears(1);
        }
        Set<MemberFlag> flags = java.util.EnumSet.noneOf(MemberFlag.class);
        LocalDate mobileSince = null;
        if (k % 11 == 5) {
            flags.add(MemberFlag.MOBILE);
            mobileSince = today.minusMonths(8);
        } else if (k % 13 == 6) {
            flags.add(MemberFlag.MOBILE);
            mobileSince = today.minusMonths(2);
        }
        if (k % 17 == 7) {
            flags.add(MemberFlag.LOST_CONTACT);
        }
        return new MemberRules.Valid(name, IdNumber.gender(idNumber), birth, idNumber, phone, join, status, probationEnd, flags,
                mobileSince);
    }
}
