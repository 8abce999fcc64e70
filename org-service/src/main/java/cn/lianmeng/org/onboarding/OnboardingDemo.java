package cn.lianmeng.org.onboarding;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import cn.lianmeng.org.enterprise.CreditCode;
import cn.lianmeng.platform.security.Caller;
import cn.lianmeng.platform.web.PageQuery;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Demo onboarding applications of the 浦江党建联盟 (local runs only): three waiting for a decision (two applied by
 * the enterprises themselves, one entered by the alliance for an invited enterprise) and one rejected with its
 * reason. Uses the demo places of {@code region.RegionDemo} (浦东新区/张江镇 …), so seed those first. Goes through
 * {@link OnboardingService} like the API (events, audit); does nothing when the alliance already has applications.
 */
public final class OnboardingDemo {

    private OnboardingDemo() {
    }

    record Seed(String name, String body16, String type, String industry, int staff, String district, String street,
                String community, String park, String building, int partyMembers, String contact, String phone, String note,
                boolean invited, String rejection) {
    }

    static final List<Seed> SEEDS = List.of(
            new Seed("上海张江量子计算科技有限公司", "91310115MA1P0Q01", "民营企业", "软件和信息技术服务业", 85, "浦东新区", "张江镇",
                    "高科苑社区", null, "张江人工智能岛1号楼", 6, "陈立新", "13917001001", "公司有 6 名正式党员，希望成立党支部并参加联建活动",
                    false, null),
            new Seed("上海漕河泾智能物流有限公司", "91310104MA1P0Q02", "民营企业", "交通运输和物流", 140, "徐汇区", "漕河泾街道",
                    null, "漕河泾开发区", null, 4, "周敏", "13917001002", "园区推荐加入", false, null),
            new Seed("上海虹桥国际商务咨询有限公司", "91310112MA1P0Q03", "合资企业", "商务服务", 60, "闵行区", "虹桥镇",
                    "虹仙社区", null, "虹桥天地1号楼", 3, "林静", "13917001003", null, true, null),
            new Seed("上海某某贸易有限公司", "91310106MA1P0Q04", "民营企业", "批发和零售", 12, "静安区", "南京西路街道",
                    null, null, null, 0, "吴强", "13917001004", null, false,
                    "经核实，该企业注册地与实际经营地均不在本联盟范围内，请向属地党建联盟申请"));

    /** A valid credit code for a 16-character body ("91" + region + "MA1P0Q" + n), check character appended. */
    static String creditCode(String body16) {
        return CreditCode.withCheck(body16 + "0");
    }

    /**
     * Seeds the applications into the administrator's alliance (named by {@code allianceCode} for the public ones).
     * Safe to run on every start.
     */
    public static Mono<Void> seed(OnboardingService onboarding, Caller allianceAdmin, String allianceCode) {
        PageQuery one = PageQuery.of(0, 1, null, Set.of("submittedAt"), "submittedAt");
        return onboarding.list(allianceAdmin, null, one).flatMap(page -> page.totalElements() > 0 ? Mono.empty()
                : Flux.fromIterable(SEEDS).concatMap(s -> submit(onboarding, allianceAdmin, allianceCode, s)).then());
    }

    private static Mono<Void> submit(OnboardingService onboarding, Caller admin, String allianceCode, Seed s) {
        OnboardingRequests.Apply apply = new OnboardingRequests.Apply(s.invited() ? null : allianceCode, s.name(), creditCode(s.body16()),
                s.type(), s.industry(), s.staff(), s.district(), s.street(), s.community(), s.park(), s.building(), s.partyMembers(),
                s.contact(), s.phone(), s.note());
        Mono<ApplicationView> submitted = onboarding.submit(s.invited() ? Optional.of(admin) : Optional.empty(), apply);
        return submitted.flatMap(view -> s.rejection() == null ? Mono.empty()
                : onboarding.reject(admin, view.id(), new OnboardingRequests.Reject(view.version(), s.rejection())).then());
    }
}
