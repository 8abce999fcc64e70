package cn.lianmeng.org.ledger;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import cn.lianmeng.platform.security.Caller;
import cn.lianmeng.platform.web.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Demo ledger data for local runs, for the demo loader to call after the demo enterprises (and district staff) exist:
 * visits by district staff (or the alliance administrator where no staff member covers the enterprise) and tasks with
 * owners and deadlines — some overdue, one done with its progress notes, one alliance-wide without an enterprise.
 * Goes through {@link LedgerService} like the API (audited, scoped). Idempotent: does nothing when the alliance already
 * has tasks. Waits (up to a minute) for the enterprises' coverage facts, which arrive through Kafka after registration.
 */
public final class LedgerDemo {

    private static final Logger log = LoggerFactory.getLogger(LedgerDemo.class);
    private static final String[][] VISITS = {
            {"VISIT", "走访了解企业党员和职工队伍情况", "企业现有正式党员3名，均在本企业工作", "协助企业制定党组织组建方案"},
            {"GUIDANCE", "指导党支部落实“三会一课”", "查阅会议记录，第三季度党课尚未开展", "督促10月底前补开党课并报送记录"},
            {"VISIT", "宣讲党建政策，了解企业发展需求", "企业反映招工难，希望园区党群服务中心协助对接", "联系人社部门对接招聘会"},
            {"GUIDANCE", "指导换届选举准备工作", "支部委员会任期将于明年3月届满", "提前3个月报送换届请示"}};

    private LedgerDemo() {
    }

    /**
     * @param admin         an ALLIANCE_ADMIN caller of the alliance
     * @param staff         DISTRICT_STAFF callers (with their parks/buildings), may be empty
     * @param enterpriseIds demo enterprises, in a stable order
     */
    public static Mono<Void> seed(LedgerService ledger, Caller admin, List<Caller> staff, List<String> enterpriseIds) {
        return ledger.tasks(admin, null, null, null, null, 0, 1, null)
                .flatMap(existing -> existing.totalElements() > 0 ? Mono.<Void>empty() : load(ledger, admin, staff, enterpriseIds))
                .doOnSuccess(v -> log.info("Demo ledger data ready (visits and tasks)"));
    }

    private static Mono<Void> load(LedgerService ledger, Caller admin, List<Caller> staff, List<String> enterpriseIds) {
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        List<String> visited = enterpriseIds.subList(0, Math.min(10, enterpriseIds.size()));
        Flux<Object> visits = Flux.range(0, visited.size()).concatMap(i -> {
            String[] v = VISITS[i % VISITS.length];
            LedgerRequests.NewVisit visit = new LedgerRequests.NewVisit(today.minusDays(3L + 7L * i).toString(), v[0], v[1], v[2], v[3]);
            return visitAsStaffOrAdmin(ledger, admin, staff, visited.get(i), visit);
        });
        String staff0 = staff.isEmpty() ? null : staff.get(0).accountId();
        String staff1 = staff.size() < 2 ? staff0 : staff.get(1).accountId();
        List<Object[]> tasks = new ArrayList<>();
        // {title, enterprise index or -1, owner, deadline offset in days, progress notes..., "DONE" to complete}
        tasks.add(new Object[]{"督促企业按期组建党支部", 0, staff0, -10, "已与企业负责人沟通组建方案"});
        tasks.add(new Object[]{"补开第三季度党课并报送记录", 1, staff0, -3});
        tasks.add(new Object[]{"对接园区党群服务中心招聘资源", 2, staff1, 5, "已联系人社部门"});
        tasks.add(new Object[]{"换届选举请示材料预审", 3, staff1, 30});
        tasks.add(new Object[]{"核实企业从业人数与党员人数", 4, staff1, -1});
        tasks.add(new Object[]{"指导联合党支部完善组织生活记录", 5, staff0, 14});
        tasks.add(new Object[]{"走访新入驻企业摸排党员情况", 6, staff0, -20, "已走访2家", "剩余企业下周走访", "DONE"});
        tasks.add(new Object[]{"汇总上报本季度“两个覆盖”情况", -1, null, 7});
        Flux<Object> created = Flux.fromIterable(tasks).concatMap(t -> {
            int e = (Integer) t[1];
            String enterpriseId = e >= 0 && e < enterpriseIds.size() ? enterpriseIds.get(e) : null;
            if (e >= 0 && enterpriseId == null) {
                return Mono.empty();
            }
            LedgerRequests.NewTask req = new LedgerRequests.NewTask((String) t[0], null, (String) t[2], enterpriseId,
                    today.plusDays((Integer) t[3]).toString());
            Mono<LedgerViews.Task> task = waitForFacts(ledger.createTask(admin, req));
            for (int i = 4; i < t.length; i++) {
                Object step = t[i];
                task = task.flatMap(done -> "DONE".equals(step)
                        ? ledger.complete(admin, done.id(), new LedgerRequests.Complete("已按期完成", null))
                        : ledger.addProgress(admin, done.id(), new LedgerRequests.Progress((String) step)));
            }
            return task;
        });
        return visits.thenMany(created).then();
    }

    /** Records the visit as the first staff member whose patch holds the enterprise, else as the administrator. */
    private static Mono<Object> visitAsStaffOrAdmin(LedgerService ledger, Caller admin, List<Caller> staff, String enterpriseId,
                                                    LedgerRequests.NewVisit visit) {
        Mono<Object> asAdmin = waitForFacts(ledger.addVisit(admin, enterpriseId, visit)).cast(Object.class);
        Mono<Object> attempt = asAdmin;
        for (int i = staff.size() - 1; i >= 0; i--) {
            Caller s = staff.get(i);
            Mono<Object> next = attempt;
            attempt = ledger.addVisit(s, enterpriseId, visit).cast(Object.class)
                    .onErrorResume(ApiException.class, x -> x.status() == HttpStatus.NOT_FOUND ? next : Mono.error(x));
        }
        // the administrator's attempt first proves the facts arrived, so a staff 404 means "not in the patch"
        return waitForFacts(ledger.ledger(admin, enterpriseId)).then(attempt);
    }

    /** The enterprise's coverage facts arrive through Kafka shortly after registration: retry a 404 for up to a minute. */
    private static <T> Mono<T> waitForFacts(Mono<T> call) {
        return call.retryWhen(Retry.fixedDelay(60, Duration.ofSeconds(1))
                .filter(e -> e instanceof ApiException a && a.status() == HttpStatus.NOT_FOUND));
    }
}
