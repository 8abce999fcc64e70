package cn.lianmeng.org.demo;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import cn.lianmeng.org.alliance.AllianceService;
import cn.lianmeng.org.identity.IdentityService;
import cn.lianmeng.org.member.MemberDemoData;
import cn.lianmeng.org.member.MemberService;
import cn.lianmeng.org.member.OrganisationDirectory;
import cn.lianmeng.org.onboarding.OnboardingDemo;
import cn.lianmeng.org.transfer.TransferDemoData;
import cn.lianmeng.org.transfer.TransferService;
import cn.lianmeng.org.transfer.TransferStore;
import cn.lianmeng.platform.audit.AuditLog;
import cn.lianmeng.platform.events.Outbox;
import cn.lianmeng.platform.events.OutboxRelay;
import cn.lianmeng.org.onboarding.OnboardingService;
import cn.lianmeng.org.organisation.OrganisationDemo;
import cn.lianmeng.org.organisation.OrganisationService;
import cn.lianmeng.org.organisation.OrganisationStore;
import cn.lianmeng.org.region.BuildingService;
import cn.lianmeng.org.region.LocationCatalogue;
import cn.lianmeng.org.region.ParkService;
import cn.lianmeng.org.region.Place;
import cn.lianmeng.org.region.RegionDemo;
import cn.lianmeng.org.region.RegionService;
import cn.lianmeng.org.staff.StaffDemo;
import cn.lianmeng.org.staff.StaffService;
import cn.lianmeng.org.enterprise.CreditCode;
import cn.lianmeng.org.enterprise.EnterpriseRequests;
import cn.lianmeng.org.enterprise.EnterpriseService;
import cn.lianmeng.org.identity.Account;
import cn.lianmeng.org.identity.AccountStore;
import cn.lianmeng.platform.data.Scope;
import cn.lianmeng.platform.security.Caller;
import cn.lianmeng.platform.security.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Local demo data (LIANMENG_DEMO=true), loaded once through the same services the API uses, so every enterprise
 * also leaves through the outbox into the other services' read models. Safe to run on every start.
 * Demo logins (local runs only): demo-admin, demo-auditor, demo-ent01…demo-ent36, all with {@value #PASSWORD}.
 */
@Component
@Order(1)
@ConditionalOnProperty(name = "lianmeng.demo.enabled", havingValue = "true")
public class DemoData implements ApplicationRunner {

    public static final String ALLIANCE_CODE = "pujiang";
    public static final String PASSWORD = "Demo@2026";
    private static final Logger log = LoggerFactory.getLogger(DemoData.class);
    private static final Caller PLATFORM = new Caller("demo-loader", "demo-loader", "演示数据", null, null,
            Set.of(Role.PLATFORM_ADMIN), Set.of(), Set.of(), Set.of(), null, false);
    private static final Scope LOOKUP = Scope.unrestricted("demo data loader");

    private final AllianceService alliances;
    private final EnterpriseService enterprises;
    private final AccountStore accounts;
    private final RegionService regions;
    private final ParkService parks;
    private final BuildingService buildings;
    private final StaffService staff;
    private final OrganisationService organisations;
    private final OrganisationStore organisationStore;
    private final OnboardingService onboarding;
    private final Members members;

    /** What the member and transfer demo seeding needs (a holder, so the loader's constructor stays readable). */
    @Component
    record Members(MemberService members, OrganisationDirectory directory, IdentityService identity, TransferService transfers,
                   TransferStore transferStore, Outbox outbox, OutboxRelay relay, AuditLog audit, Clock clock,
                   cn.lianmeng.org.ledger.LedgerService ledger) {
    }

    public DemoData(AllianceService alliances, EnterpriseService enterprises, AccountStore accounts, RegionService regions,
                    ParkService parks, BuildingService buildings, StaffService staff, OrganisationService organisations,
                    OrganisationStore organisationStore, OnboardingService onboarding, Members members) {
        this.alliances = alliances;
        this.enterprises = enterprises;
        this.accounts = accounts;
        this.regions = regions;
        this.parks = parks;
        this.buildings = buildings;
        this.staff = staff;
        this.organisations = organisations;
        this.organisationStore = organisationStore;
        this.onboarding = onboarding;
        this.members = members;
    }

    record Region(String district, String code, List<String> streets) {
    }

    static final List<Region> REGIONS = List.of(
            new Region("浦东新区", "15", List.of("陆家嘴街道", "张江镇", "花木街道", "金桥镇")),
            new Region("徐汇区", "04", List.of("漕河泾街道", "徐家汇街道", "田林街道")),
            new Region("闵行区", "12", List.of("莘庄镇", "虹桥镇", "江川路街道")),
            new Region("静安区", "06", List.of("南京西路街道", "静安寺街道", "大宁路街道")));

    static final List<String[]> ENTERPRISES = List.of(
            new String[]{"上海浦江数智科技有限公司", "软件和信息技术服务业", "PRIVATE", "320"},
            new String[]{"上海张江芯源微电子有限公司", "集成电路", "PRIVATE", "860"},
            new String[]{"上海陆家嘴金融信息服务有限公司", "金融服务", "STATE_OWNED", "540"},
            new String[]{"上海海纳生物医药有限公司", "生物医药", "JOINT_VENTURE", "410"},
            new String[]{"上海金桥智能装备有限公司", "智能制造", "PRIVATE", "230"},
            new String[]{"上海申通物流发展有限公司", "交通运输和物流", "STATE_OWNED", "1200"},
            new String[]{"上海漕河泾云计算有限公司", "软件和信息技术服务业", "PRIVATE", "150"},
            new String[]{"上海徐汇文化创意发展有限公司", "文化创意", "PRIVATE", "45"},
            new String[]{"上海田林检测技术有限公司", "科技服务", "PRIVATE", "62"},
            new String[]{"上海徐家汇商业管理有限公司", "商务服务", "STATE_OWNED", "280"},
            new String[]{"上海虹桥国际会展服务有限公司", "商务服务", "JOINT_VENTURE", "190"},
            new String[]{"上海莘庄新材料有限公司", "新材料", "PRIVATE", "75"},
            new String[]{"上海江川电力设备有限公司", "电力装备", "STATE_OWNED", "1530"},
            new String[]{"上海闵行社区公益服务中心", "社会服务", "SOCIAL_ORG", "18"},
            new String[]{"上海南京西路律师事务所", "法律服务", "SOCIAL_ORG", "36"},
            new String[]{"上海静安寺餐饮管理有限公司", "餐饮", "PRIVATE", "9"},
            new String[]{"上海大宁数字传媒有限公司", "文化创意", "PRIVATE", "128"},
            new String[]{"上海花木健康管理有限公司", "卫生健康", "PRIVATE", "54"},
            new String[]{"上海张江人工智能研究院有限公司", "软件和信息技术服务业", "PRIVATE", "210"},
            new String[]{"上海浦东外资银行服务有限公司", "金融服务", "FOREIGN", "340"},
            new String[]{"上海德浦精密机械有限公司", "智能制造", "FOREIGN", "460"},
            new String[]{"上海日新汽车零部件有限公司", "汽车制造", "JOINT_VENTURE", "780"},
            new String[]{"上海汇智人力资源有限公司", "商务服务", "PRIVATE", "88"},
            new String[]{"上海绿城环境科技有限公司", "节能环保", "PRIVATE", "67"},
            new String[]{"上海东方建设工程有限公司", "建筑业", "STATE_OWNED", "950"},
            new String[]{"上海新航跨境电商有限公司", "批发和零售", "PRIVATE", "33"},
            new String[]{"上海启明教育科技有限公司", "教育", "PRIVATE", "140"},
            new String[]{"上海锦程旅游发展有限公司", "文化旅游", "PRIVATE", "6"},
            new String[]{"上海同心志愿者协会", "社会服务", "SOCIAL_ORG", "12"},
            new String[]{"上海恒信会计师事务所", "商务服务", "SOCIAL_ORG", "58"},
            new String[]{"上海宏图软件外包有限公司", "软件和信息技术服务业", "PRIVATE", "300"},
            new String[]{"上海华夏医疗器械有限公司", "生物医药", "PRIVATE", "175"},
            new String[]{"上海北辰物业服务有限公司", "物业管理", "PRIVATE", "420"},
            new String[]{"上海星河数据服务有限公司", "软件和信息技术服务业", "PRIVATE", "27"},
            new String[]{"上海联创孵化器管理有限公司", "科技服务", "PRIVATE", "15"},
            new String[]{"上海光明食品配送有限公司", "批发和零售", "STATE_OWNED", "640"});

    /**
     * A deterministic, valid 统一社会信用代码 for the n-th demo enterprise: "91" (enterprise), the 6-digit region code
     * (3101xx, Shanghai districts), a 9-character organisation code ("MA" + 7) and the check character.
     */
    static String creditCode(String districtCode, int n) {
        String alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        long value = 7_919L * (n + 1) * 104_729L + 887_503_681L;
        StringBuilder org = new StringBuilder();
        for (int i = 0; i < 7; i++) {
            org.append(alphabet.charAt((int) (value % 31)));
            value /= 31;
        }
        return CreditCode.withCheck("913101" + districtCode + "MA" + org);
    }

    @Override
    public void run(ApplicationArguments args) {
        load().retryWhen(Retry.backoff(10, Duration.ofSeconds(1))).block(Duration.ofMinutes(5));
    }

    Mono<Void> load() {
        return alliances.findByCode(LOOKUP, ALLIANCE_CODE)
                .switchIfEmpty(Mono.defer(() -> alliances.create(PLATFORM, "浦江党建联盟", ALLIANCE_CODE, "上海市")))
                .flatMap(alliance -> account("demo-admin", alliance.id(), "联盟管理员（演示）", Role.ALLIANCE_ADMIN)
                        .then(account("demo-auditor", alliance.id(), "审计员（演示）", Role.AUDITOR))
                        .then(accounts.findByLogin("demo-admin"))
                        .flatMap(admin -> {
                            Caller caller = allianceAdmin(admin);
                            LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
                            // places and district staff, then the enterprises at those places, then their organisations
                            return RegionDemo.seed(regions, parks, buildings, caller)
                                    .flatMap(catalogue -> StaffDemo.seed(staff, accounts, catalogue, caller, PASSWORD)
                                            .then(Flux.range(0, ENTERPRISES.size()).concatMap(i -> enterprise(caller, i)).then())
                                            .then(demoEnterprises(caller))
                                            .flatMap(list -> OrganisationDemo.seed(organisations, organisationStore, alliance.id(), list,
                                                    catalogue.park("张江科学城").map(Place::id).orElse(null), today)))
                                    // members of the organisations, officers chosen from them, transfers between tenants
                                    .flatMap(seeded -> MemberDemoData.seed(members.members(), members.directory(), members.identity(),
                                                    alliance.id(), members.clock())
                                            .flatMap(memberIds -> OrganisationDemo.appointOfficers(organisations, organisationStore,
                                                            alliance.id(), seeded, today)
                                                    .then(TransferDemoData.seed(members.transfers(), members.transferStore(),
                                                            members.members(), members.directory(), members.outbox(), members.relay(),
                                                            members.audit(), members.clock(), alliance.id(), memberIds))))
                                    .then(OnboardingDemo.seed(onboarding, caller, ALLIANCE_CODE))
                                    // the district staff's ledger: visits and tasks (some overdue, one done)
                                    .then(Mono.zip(staffCallers(), demoEnterprises(caller)))
                                    .flatMap(t -> cn.lianmeng.org.ledger.LedgerDemo.seed(members.ledger(), caller, t.getT1(),
                                            t.getT2().stream().map(OrganisationDemo.DemoEnterprise::id).toList()));
                        })
                        .doOnSuccess(v -> log.info("Demo data ready: alliance {} ({}) with {} member enterprises",
                                alliance.name(), alliance.id(), ENTERPRISES.size())));
    }

    /** The demo district staff as callers with their current parks and buildings (as their next token would carry). */
    private Mono<List<Caller>> staffCallers() {
        return Flux.fromIterable(StaffDemo.STAFF).concatMap(s -> accounts.findByLogin(s.username()))
                .map(a -> new Caller(a.id(), a.username(), a.displayName(), a.allianceId(), null, Set.of(Role.DISTRICT_STAFF),
                        Set.of(), Set.copyOf(a.parkIds()), Set.copyOf(a.buildingIds()), null, false))
                .collectList();
    }

    private static Caller allianceAdmin(Account admin) {
        return new Caller(admin.id(), admin.username(), admin.displayName(), admin.allianceId(), null,
                Set.of(Role.ALLIANCE_ADMIN), Set.of(), Set.of(), Set.of(), null, false);
    }

    /** The demo enterprises as registered (ids, names, sizes, types), in the order of {@link #ENTERPRISES}. */
    private Mono<List<OrganisationDemo.DemoEnterprise>> demoEnterprises(Caller caller) {
        return Flux.range(0, ENTERPRISES.size())
                .concatMap(i -> enterprises.list(caller, new EnterpriseService.ListFilter(null, null, null, null, ENTERPRISES.get(i)[0]),
                                cn.lianmeng.platform.web.PageQuery.of(0, 1, null, EnterpriseService.SORTABLE, "name"))
                        .flatMapMany(page -> Flux.fromIterable(page.content()))
                        .next()
                        .map(e -> new OrganisationDemo.DemoEnterprise(e.id(), e.name(), e.staffCount(), e.type())))
                .collectList()
                .map(ArrayList::new);
    }

    private Mono<Void> account(String username, String allianceId, String displayName, Role role) {
        return accounts.usernameTaken(username).flatMap(taken -> taken ? Mono.empty()
                : alliances.createAccount(PLATFORM, allianceId, username, displayName, null, role, PASSWORD).then());
    }

    private Mono<Void> enterprise(Caller caller, int i) {
        String username = String.format("demo-ent%02d", i + 1);
        String[] e = ENTERPRISES.get(i);
        Region region = REGIONS.get(i % REGIONS.size());
        int n = i / REGIONS.size();
        String street = region.streets().get(n % region.streets().size());
        RegionDemo.DemoPlace place = RegionDemo.placeFor(street, n / region.streets().size()).orElse(new RegionDemo.DemoPlace(null, null));
        EnterpriseRequests.Register req = new EnterpriseRequests.Register(e[0], creditCode(region.code(), i), region.district(),
                street, null, e[1], Integer.parseInt(e[3]), e[2], place.park(), place.building(), "联络员" + (i + 1),
                String.format("1381234%04d", i + 1), Math.max(0, Integer.parseInt(e[3]) / 40), username);
        return accounts.usernameTaken(username).flatMap(taken -> taken ? Mono.empty()
                : enterprises.register(caller, req, PASSWORD).then());
    }
}
