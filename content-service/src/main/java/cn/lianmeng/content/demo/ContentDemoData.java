package cn.lianmeng.content.demo;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;

import cn.lianmeng.content.audience.Audience;
import cn.lianmeng.content.audience.Members;
import cn.lianmeng.content.audience.Organisations;
import cn.lianmeng.content.files.FileStore;
import cn.lianmeng.content.item.ContentItems;
import cn.lianmeng.content.item.ItemRequests;
import cn.lianmeng.content.mailbox.Mailbox;
import cn.lianmeng.content.school.School;
import cn.lianmeng.platform.data.MongoAccess;
import cn.lianmeng.platform.data.Scope;
import cn.lianmeng.platform.data.ScopeRule;
import cn.lianmeng.platform.data.ScopedCollection;
import cn.lianmeng.platform.security.Caller;
import cn.lianmeng.platform.security.Role;
import cn.lianmeng.platform.tenancy.TenantDirectory;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Local demo content ({@code lianmeng.demo.enabled}, env {@code LIANMENG_DEMO=true}), loaded in the background through
 * the same services the API uses, so every item is sanitised, reviewed by a second admin, published through the outbox
 * and delivered to inboxes.
 *
 * <p><b>Matching org-service's demo data.</b> org-service creates the demo alliance and its enterprises with generated
 * ids; this loader never guesses them. It waits until the tenant directory (fed by {@code org.enterprise.v1}) holds
 * the demo enterprise {@value #ANCHOR_ENTERPRISE} and takes the alliance and tenant ids from there — so the ids are
 * org-service's own. Phase 1 (needs only enterprises): alliance news, enterprise notices, a secretaries-only notice, a
 * public disclosure, two courses with video, text and attachment lessons, a scheduled item. Phase 2 (needs the member
 * read model, i.e. org-service publishing {@code org.member.v1} demo members): study progress for some members and two
 * mailbox threads, one answered. Each phase runs once per alliance (a marker document) and is retried until its inputs
 * have arrived; a restart never loads anything twice.
 */
@Component
@ConditionalOnProperty(name = "lianmeng.demo.enabled", havingValue = "true")
public class ContentDemoData implements ApplicationRunner {

    static final String ANCHOR_ENTERPRISE = "上海浦江数智科技有限公司";
    private static final Logger log = LoggerFactory.getLogger(ContentDemoData.class);

    private final TenantDirectory tenants;
    private final Organisations organisations;
    private final Members members;
    private final ContentItems items;
    private final FileStore files;
    private final School school;
    private final Mailbox mailbox;
    private final ScopedCollection markers;
    private final Clock clock;
    private volatile Disposable running;

    public ContentDemoData(TenantDirectory tenants, Organisations organisations, Members members, ContentItems items, FileStore files,
                           School school, Mailbox mailbox, MongoAccess mongo, Clock clock) {
        this.tenants = tenants;
        this.organisations = organisations;
        this.members = members;
        this.items = items;
        this.files = files;
        this.school = school;
        this.mailbox = mailbox;
        this.markers = mongo.collection("demo_markers", ScopeRule.allianceOwned());
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        running = phase1()
                .then(phase2())
                .subscribe(null, e -> log.warn("Demo content not loaded: {}", e.toString()));
    }

    /** The demo alliance and its enterprises, by name, from the tenant directory; retried until org-service's data arrived. */
    Mono<DemoAlliance> alliance() {
        Scope all = Scope.unrestricted("demo content loader");
        return tenants.collection().findOne(all, Filters.eq("name", ANCHOR_ENTERPRISE))
                .switchIfEmpty(Mono.error(() -> new IllegalStateException("demo enterprises not yet in the tenant directory")))
                .flatMap(anchor -> {
                    String allianceId = anchor.getString("allianceId");
                    return tenants.collection().find(Scope.system(allianceId, null), new Document(), null, Sorts.ascending("name"), 0, 500)
                            .collectList()
                            .map(list -> new DemoAlliance(allianceId, list));
                });
    }

    record DemoAlliance(String id, List<Document> enterprises) {
        Document enterprise(String name) {
            return enterprises.stream().filter(e -> name.equals(e.getString("name"))).findFirst().orElse(enterprises.get(0));
        }
    }

    private static Retry patiently(Duration every, long times) {
        return Retry.fixedDelay(times, every).filter(e -> e instanceof IllegalStateException);
    }

    private Mono<Boolean> once(String allianceId, String phase, Mono<Void> work) {
        String id = allianceId + ":" + phase;
        Scope scope = Scope.system(allianceId, null);
        return markers.findById(scope, id).map(d -> false)
                .switchIfEmpty(Mono.defer(() -> work.then(markers.insert(scope, new Document("_id", id).append("allianceId", allianceId)
                        .append("at", Date.from(clock.instant())))).thenReturn(true)));
    }

    // ------------------------------------------------------------------ phase 1: content

    Mono<Void> phase1() {
        return alliance().retryWhen(patiently(Duration.ofSeconds(3), 400))
                .flatMap(a -> once(a.id(), "content", content(a))
                        .doOnNext(loaded -> {
                            if (loaded) {
                                log.info("Demo content loaded for alliance {}", a.id());
                            }
                        }))
                .then();
    }

    private Caller admin(String allianceId, String account, String name) {
        return new Caller(account, account, name, allianceId, null, Set.of(Role.ALLIANCE_ADMIN), Set.of(), Set.of(), Set.of(), null, false);
    }

    private Caller enterpriseAdmin(String allianceId, String tenantId, String account, String name) {
        return new Caller(account, account, name, allianceId, tenantId, Set.of(Role.ENTERPRISE_ADMIN), Set.of(), Set.of(), Set.of(), null, false);
    }

    private static Flux<DataBuffer> bytes(byte[] b) {
        return Flux.just(DefaultDataBufferFactory.sharedInstance.wrap(b));
    }

    private Mono<String> upload(Caller c, String name, byte[] b) {
        return files.upload(c, name, null, b.length, bytes(b)).map(FileStore.FileView::id);
    }

    private Mono<String> publish(Caller author, Caller reviewer, ItemRequests.Save req) {
        return items.create(author, req)
                .flatMap(v -> items.submit(author, v.id(), v.version()))
                .flatMap(v -> items.approve(reviewer, v.id(), new ItemRequests.Approve(v.version(), null)))
                .map(v -> v.id());
    }

    private static ItemRequests.Save item(String kind, String title, String summary, String body, String cover, List<String> attachments,
                                          List<String> tags, Audience audience, boolean comments, OffsetDateTime publishAt,
                                          ItemRequests.Course course) {
        return new ItemRequests.Save(null, kind, title, summary, body, cover, attachments, tags, null, audience, comments, publishAt, course);
    }

    private static Audience allianceWide() {
        return new Audience(true, null, null, null, null, null, false);
    }

    Mono<Void> content(DemoAlliance a) {
        Caller editor = admin(a.id(), "demo-content-editor", "联盟宣传委员（演示）");
        Caller reviewer = admin(a.id(), "demo-content-reviewer", "联盟组织委员（演示）");
        return Mono.zip(upload(editor, "联盟推进会.png", DemoMedia.cover(1)), upload(editor, "主题党日.png", DemoMedia.cover(2)),
                        upload(editor, "三中全会精神解读.mp4", DemoMedia.video(10, 6, 60)),
                        upload(editor, "书记履职要点.mp4", DemoMedia.video(10, 6, 45)),
                        upload(editor, "study-guide.pdf", DemoMedia.pdf("Lianmeng study guide 2026")),
                        upload(editor, "dues-2026-h1.pdf", DemoMedia.pdf("Party dues report 2026 H1")))
                .flatMap(f -> {
                    String cover1 = f.getT1();
                    String cover2 = f.getT2();
                    String video1 = f.getT3();
                    String video2 = f.getT4();
                    String guide = f.getT5();
                    String dues = f.getT6();
                    List<Mono<String>> work = new ArrayList<>();
                    work.add(publish(editor, reviewer, item("NEWS", "浦江党建联盟召开2026年度党建工作推进会",
                            "联盟36家成员单位党组织负责人参会，部署全年联建共建重点任务。",
                            "<p>近日，浦江党建联盟召开2026年度党建工作推进会，联盟36家成员单位党组织负责人参加会议。</p>"
                                    + "<p>会议通报了2025年度“两个覆盖”工作情况，部署了<strong>联建共建、党建引领基层治理、党员教育培训</strong>三项重点任务。</p>"
                                    + "<img src=\"/api/content/files/" + cover1 + "\" alt=\"会议现场\">",
                            cover1, List.of(), List.of("联盟动态", "党建工作"), allianceWide(), true, null, null)));
                    work.add(publish(editor, reviewer, item("NEWS", "联盟成员单位开展“七一”主题党日联建活动",
                            "12家成员单位党组织走进党群服务中心，重温入党誓词。",
                            "<p>为庆祝中国共产党成立105周年，联盟组织12家成员单位党组织开展主题党日联建活动。</p><ul><li>重温入党誓词</li><li>参观党建展厅</li><li>联建项目签约</li></ul>",
                            cover2, List.of(), List.of("主题党日", "联建共建"), allianceWide(), true, null, null)));
                    work.add(publish(editor, reviewer, item("NOTICE", "关于召开联盟党组织书记例会的通知",
                            "请各成员单位党组织书记按时参会。",
                            "<p>定于下周三下午2:00在党群服务中心一楼会议室召开联盟党组织书记例会，请各党组织书记准时参加。</p>",
                            null, List.of(), List.of("书记例会"), new Audience(true, null, null, null, null, List.of("SECRETARY"), false), false, null, null)));
                    work.add(publish(editor, reviewer, item("DISCLOSURE", "2026年上半年联盟党费收缴、使用和管理情况公开",
                            "按照党务公开要求，公布上半年党费收缴、使用和管理情况。",
                            "<p>2026年1月至6月，联盟直属党组织共收缴党费（详见附件），全部按规定上缴和使用。</p><table><tr><th>项目</th><th>说明</th></tr><tr><td>收缴</td><td>按月足额收缴</td></tr><tr><td>使用</td><td>用于党员教育培训和走访慰问</td></tr></table>",
                            null, List.of(dues), List.of("党务公开", "党费"), new Audience(true, null, null, null, null, null, true), false, null, null)));
                    work.add(publish(editor, reviewer, item("NOTICE", "联盟2026年度优秀党建案例征集启事",
                            "面向全体成员单位征集党建引领发展的优秀案例。", "<p>征集时间为即日起至年底，请各党组织通过党群服务中心提交。</p>",
                            null, List.of(), List.of("案例征集"), allianceWide(), false,
                            OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.ofHours(8)).plusDays(1).withHour(9).withMinute(0), null)));
                    // two courses
                    ItemRequests.Course course1 = new ItemRequests.Course(true, List.of(), List.of(
                            new ItemRequests.Lesson("v1", "全会精神专题解读（视频）", "VIDEO", null, video1, 60, List.of(), 1.5, null),
                            new ItemRequests.Lesson("t1", "全会《决定》要点导读（图文）", "TEXT",
                                    "<h3>一、总体要求</h3><p>进一步全面深化改革、推进中国式现代化……</p><h3>二、重点任务</h3><p>……</p>", null, null, List.of(), 1.0, null),
                            new ItemRequests.Lesson("a1", "学习辅导材料（附件）", "ATTACHMENT", null, null, null, List.of(guide), 0.5,
                                    new ItemRequests.Quiz(60, List.of(
                                            new ItemRequests.Question("党的二十届三中全会于哪一年召开？", "SINGLE", List.of("2023年", "2024年", "2025年"), List.of(1)),
                                            new ItemRequests.Question("全会的主题包括哪些？", "MULTIPLE",
                                                    List.of("进一步全面深化改革", "推进中国式现代化", "扩大招商引资"), List.of(0, 1)))))));
                    work.add(publish(editor, reviewer, item("COURSE", "学习贯彻党的二十届三中全会精神", "必修专题课程，共3课时、3学时。",
                            "<p>本课程系统解读全会精神，适合全体党员学习。</p>", cover1, List.of(), List.of("三中全会", "理论学习"), allianceWide(),
                            true, null, course1)));
                    ItemRequests.Course course2 = new ItemRequests.Course(true, List.of("SECRETARY", "DEPUTY_SECRETARY"), List.of(
                            new ItemRequests.Lesson("t1", "党支部书记的职责（图文）", "TEXT",
                                    "<p>党支部书记要履行好抓党建第一责任人职责……</p>", null, null, List.of(), 1.0, null),
                            new ItemRequests.Lesson("v1", "“三会一课”规范化（视频）", "VIDEO", null, video2, 45, List.of(), 1.0, null),
                            new ItemRequests.Lesson("t2", "组织生活会与民主评议党员（图文）", "TEXT",
                                    "<p>组织生活会每年至少召开一次……</p>", null, null, List.of(), 1.0, null)));
                    work.add(publish(editor, reviewer, item("COURSE", "基层党组织书记履职能力提升", "书记必修、其他党员选修，共3学时。",
                            "<p>围绕书记履职的重点环节设计。</p>", cover2, List.of(), List.of("书记培训"), allianceWide(), false, null, course2)));
                    // enterprise notices, each by the enterprise's own admin, reviewed by the alliance
                    for (String name : List.of(ANCHOR_ENTERPRISE, "上海张江芯源微电子有限公司", "上海陆家嘴金融信息服务有限公司")) {
                        Document e = a.enterprise(name);
                        String tenant = e.getString("_id");
                        Caller author = enterpriseAdmin(a.id(), tenant, "demo-content-" + tenant, e.getString("name") + "党组织（演示）");
                        work.add(publish(author, reviewer, item("NOTICE", "关于开展第二季度党课学习的通知",
                                e.getString("name") + "各党支部：请于本季度末前组织党员完成专题党课学习。",
                                "<p>学习内容：党的二十届三中全会精神。学习方式：集中学习与手机党校自学相结合。</p>", null, List.of(),
                                List.of("党课"), new Audience(false, List.of(tenant), null, null, null, null, false), true, null, null)));
                    }
                    return Flux.concat(work).then();
                });
    }

    // ------------------------------------------------------------------ phase 2: participation

    Mono<Void> phase2() {
        return alliance()
                .flatMap(a -> members.collection().find(Scope.system(a.id(), null), Filters.eq("active", true), null,
                                Sorts.ascending("_id"), 0, 6).collectList()
                        .flatMap(list -> list.isEmpty()
                                ? Mono.error(new IllegalStateException("no demo members in the member read model yet"))
                                : once(a.id(), "participation", participation(a, list)).then()))
                .retryWhen(patiently(Duration.ofSeconds(10), 360))
                .doOnSuccess(v -> log.info("Demo study progress and mailbox threads loaded"))
                .onErrorResume(e -> {
                    log.info("Demo study progress and mailbox threads not loaded: {}", e.toString());
                    return Mono.empty();
                });
    }

    private Caller memberCaller(String allianceId, Document m) {
        String account = m.getString("accountId") != null ? m.getString("accountId") : "demo-member-" + m.getString("_id");
        return new Caller(account, account, m.getString("name"), allianceId, m.getString("tenantId"), Set.of(Role.MEMBER),
                m.getString("orgId") == null ? Set.of() : Set.of(m.getString("orgId")), Set.of(), Set.of(), m.getString("_id"), false);
    }

    Mono<Void> participation(DemoAlliance a, List<Document> people) {
        Scope scope = Scope.system(a.id(), null);
        return items.collection().find(scope, Filters.and(Filters.eq("kind", "COURSE"), Filters.eq("title", "学习贯彻党的二十届三中全会精神")),
                        null, null, 0, 1).next()
                .switchIfEmpty(Mono.error(() -> new IllegalStateException("demo course not yet published")))
                .flatMap(course -> {
                    String courseId = course.getString("_id");
                    List<Mono<Void>> work = new ArrayList<>();
                    for (int i = 0; i < people.size(); i++) {
                        Caller m = memberCaller(a.id(), people.get(i));
                        work.add(school.report(m, courseId, "t1", new School.ProgressReport(null, 100.0, null)).then());
                        if (i % 2 == 0) {
                            OffsetDateTime start = OffsetDateTime.now(clock).minusMinutes(10);
                            work.add(school.report(m, courseId, "v1", new School.ProgressReport(0.0, null, start))
                                    .then(school.report(m, courseId, "v1", new School.ProgressReport(30.0, null, start.plusSeconds(30))))
                                    .then(i == 0 ? school.report(m, courseId, "v1", new School.ProgressReport(58.0, null, start.plusSeconds(58)))
                                            : Mono.empty()).then());
                        }
                    }
                    Document first = people.get(0);
                    Document second = people.get(people.size() > 1 ? 1 : 0);
                    if (first.getString("orgId") != null) {
                        work.add(mailbox.write(memberCaller(a.id(), first), new Mailbox.NewThread(first.getString("orgId"),
                                        "建议增加线上党课的视频比例", "工作日比较忙，希望多安排一些可以随时学习的视频党课。", false))
                                .flatMap(t -> organisations.find(a.id(), first.getString("orgId")).flatMap(org -> {
                                    Caller answerer = org.getString("tenantId") == null ? admin(a.id(), "demo-content-reviewer", "联盟组织委员（演示）")
                                            : enterpriseAdmin(a.id(), org.getString("tenantId"), "demo-content-" + org.getString("tenantId"), "党组织管理员（演示）");
                                    return mailbox.reply(answerer, t.id(), new Mailbox.Reply(t.version(),
                                            "感谢建议！手机党校已新增两门视频课程，欢迎学习。"));
                                })).then());
                    }
                    if (second.getString("orgId") != null) {
                        work.add(mailbox.write(memberCaller(a.id(), second), new Mailbox.NewThread(second.getString("orgId"),
                                "反映党员活动室开放时间问题", "活动室晚上七点后不开放，希望延长开放时间。", true)).then());
                    }
                    return Flux.concat(work.stream().map(w -> w.onErrorResume(e -> {
                        log.info("A demo participation step was skipped: {}", e.toString());
                        return Mono.empty();
                    })).toList()).then();
                });
    }

    /** For tests: stop the background loading. */
    void stop() {
        Disposable d = running;
        if (d != null) {
            d.dispose();
        }
    }
}
