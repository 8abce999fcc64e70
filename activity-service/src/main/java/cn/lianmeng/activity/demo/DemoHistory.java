package cn.lianmeng.activity.demo;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import cn.lianmeng.activity.activity.ActivityRequests;
import cn.lianmeng.activity.activity.ActivityService;
import cn.lianmeng.activity.activity.Times;
import cn.lianmeng.activity.checkin.AttendanceLedger;
import cn.lianmeng.activity.directory.MemberRecord;
import cn.lianmeng.activity.directory.OrgDirectory;
import cn.lianmeng.activity.directory.OrgRecord;
import cn.lianmeng.activity.settings.AllianceSettings;
import cn.lianmeng.activity.settings.SettingsService;
import cn.lianmeng.activity.venue.VenueService;
import cn.lianmeng.platform.data.Scope;
import cn.lianmeng.platform.security.Caller;
import cn.lianmeng.platform.security.Role;
import cn.lianmeng.platform.web.ApiException;
import cn.lianmeng.platform.web.PageQuery;
import com.mongodb.client.model.Filters;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A quarter of demo history for an alliance, built from the organisations and members the read models hold (so the
 * ids are org-service's own demo ids) and through the same services the API uses, so every held meeting leaves as
 * {@code ActivityHeld} and reaches org-service's coverage and warnings. Mixed on purpose: monthly theme days held by
 * most branches and missed or cancelled by some, branch assemblies with and without a quorum or not held at all,
 * party lessons in booked rooms, a joint activity across three enterprises, minutes, and a few upcoming activities
 * with bookings and sign-ups. Activity ids are derived from the alliance and a key, so seeding twice changes nothing.
 */
@Component
public class DemoHistory {

    private static final Logger log = LoggerFactory.getLogger(DemoHistory.class);
    static final int MAX_BRANCHES = 8;

    private final ActivityService activities;
    private final AttendanceLedger ledger;
    private final OrgDirectory directory;
    private final VenueService venues;
    private final SettingsService settings;

    public DemoHistory(ActivityService activities, AttendanceLedger ledger, OrgDirectory directory, VenueService venues,
                       SettingsService settings) {
        this.activities = activities;
        this.ledger = ledger;
        this.directory = directory;
        this.venues = venues;
        this.settings = settings;
    }

    public record Summary(int branches, int held, int cancelled, int upcoming, String jointActivityId, List<String> jointEnterprises) {
    }

    static Caller seeder(String allianceId) {
        return new Caller("demo-seeder", "demo-seeder", "演示数据", allianceId, null, Set.of(Role.ALLIANCE_ADMIN),
                Set.of(), Set.of(), Set.of(), null, false);
    }

    /** Branches (and joint branches) with members, by name, one per enterprise first so the joint activity spans three. */
    Mono<List<OrgRecord>> branches(String allianceId) {
        return directory.organisations(Scope.system(allianceId, null), Filters.and(Filters.eq("status", "ACTIVE"),
                        Filters.in("kind", List.of("BRANCH", "JOINT_BRANCH"))), 0, 0)
                .concatMap(o -> directory.countActiveMembers(allianceId, OrgDirectory.inSubtrees(List.of(o.id())))
                        .filter(n -> n >= 3).map(n -> o))
                .collectList()
                .map(all -> {
                    Map<String, OrgRecord> perTenant = new LinkedHashMap<>();
                    all.forEach(o -> perTenant.putIfAbsent(String.valueOf(o.tenantId()), o));
                    List<OrgRecord> out = new ArrayList<>(perTenant.values());
                    all.stream().filter(o -> !out.contains(o)).forEach(out::add);
                    return out.subList(0, Math.min(MAX_BRANCHES, out.size()));
                });
    }

    public Mono<Summary> seed(String allianceId, Instant now) {
        Caller admin = seeder(allianceId);
        return branches(allianceId).flatMap(branches -> {
            if (branches.size() < 3) {
                return Mono.error(new IllegalStateException("demo seeding needs at least three branches with members, found " + branches.size()));
            }
            return Mono.zip(rooms(admin, allianceId), settings.get(allianceId)).flatMap(t -> {
                Map<String, String> rooms = t.getT1();
                AllianceSettings s = t.getT2();
                YearMonth current = YearMonth.from(now.atZone(Times.ZONE));
                List<Mono<String>> steps = new ArrayList<>();
                for (int i = 0; i < branches.size(); i++) {
                    OrgRecord b = branches.get(i);
                    for (int back = 3; back >= 1; back--) {
                        YearMonth month = current.minusMonths(back);
                        if (i % 4 == 3 && back == 2) {
                            continue; // missed: this branch held no theme day that month
                        }
                        boolean cancel = i % 5 == 4 && back == 1;
                        steps.add(meeting(admin, s, allianceId, b, "THEME_DAY", "主题党日：" + month.getMonthValue() + "月 " + b.name(),
                                month.atDay(15), LocalTime.of(14, 0), 120, null, 2 + (i + back) % 4, cancel, i == 0 && back == 1));
                    }
                    YearMonth quarterStart = YearMonth.from(current.atDay(1).withMonth(((current.getMonthValue() - 1) / 3) * 3 + 1)).minusMonths(3);
                    if (i % 3 != 2) {
                        // i % 3 == 1: only one member came — held, but without a quorum
                        steps.add(meeting(admin, s, allianceId, b, "BRANCH_ASSEMBLY", "支部党员大会：" + b.name(), quarterStart.plusMonths(1).atDay(20),
                                LocalTime.of(18, 30), 90, null, i % 3 == 1 ? -1 : 4, false, i == 0));
                    }
                    if (i % 2 == 0) {
                        steps.add(meeting(admin, s, allianceId, b, "PARTY_LESSON", "党课：学习贯彻党的二十届四中全会精神（" + b.name() + "）",
                                quarterStart.plusMonths(2).atDay(10 + i), LocalTime.of(9, 30), 90, rooms.get("第一会议室"), 6, false, false));
                    }
                }
                return Flux.concat(steps).collectList().flatMap(results -> joint(admin, s, allianceId, branches, current, rooms)
                        .flatMap(joint -> upcoming(admin, allianceId, branches, now, rooms).map(up -> {
                            int held = (int) results.stream().filter("HELD"::equals).count();
                            int cancelled = (int) results.stream().filter("CANCELLED"::equals).count();
                            log.info("Demo history for alliance {}: {} branches, {} meetings held, {} cancelled, joint activity {}, {} upcoming",
                                    allianceId, branches.size(), held, cancelled, joint.getString("_id"), up);
                            return new Summary(branches.size(), held + 1, cancelled, up, joint.getString("_id"),
                                    joint.get("attendance", Document.class).getList("reachedEnterpriseIds", String.class));
                        })));
            });
        });
    }

    /** The alliance's party-mass service centre and its rooms (created once). */
    private Mono<Map<String, String>> rooms(Caller admin, String allianceId) {
        String name = "浦江党群服务中心";
        return venues.centres(admin, null, PageQuery.of(0, 100, null, VenueService.CENTRE_SORTABLE, "name"))
                .flatMap(page -> page.content().stream().filter(c -> c.name().equals(name)).findFirst().map(Mono::just)
                        .orElseGet(() -> venues.createCentre(admin, new VenueService.CentreRequest(null, name, "ALLIANCE", null,
                                "上海市浦东新区世纪大道 100 号", new VenueService.Location(31.2353, 121.5055), "党群服务中心值班室", "02150001234", null))))
                .flatMap(centre -> venues.rooms(admin, centre.id(), null, PageQuery.of(0, 100, null, VenueService.ROOM_SORTABLE, "name"))
                        .flatMap(page -> {
                            Map<String, String> out = new LinkedHashMap<>();
                            page.content().forEach(r -> out.put(r.name(), r.id()));
                            List<Object[]> wanted = List.of(new Object[]{"第一会议室", 60, List.of("投影仪", "话筒", "视频会议")},
                                    new Object[]{"党员活动室", 30, List.of("党旗", "入党誓词墙", "书架")},
                                    new Object[]{"多功能厅", 200, List.of("LED 屏", "音响", "舞台")});
                            return Flux.fromIterable(wanted).filter(w -> !out.containsKey((String) w[0]))
                                    .concatMap(w -> venues.createRoom(admin, centre.id(), new VenueService.RoomRequest(null, (String) w[0], (Integer) w[1],
                                            castList(w[2]), new VenueService.HoursRequest("08:30", "21:00", List.of(1, 2, 3, 4, 5, 6, 7)), null)))
                                    .doOnNext(r -> out.put(r.name(), r.id()))
                                    .then(Mono.just(out));
                        }));
    }

    @SuppressWarnings("unchecked")
    private static List<String> castList(Object o) {
        return (List<String>) o;
    }

    /**
     * One past meeting of a branch: created a week before, attended by some members (every {@code absentEvery}-th
     * stays away, the first of them on approved leave; -1: only one member comes), then held (or cancelled). Answers
     * HELD, CANCELLED or EXISTS.
     */
    private Mono<String> meeting(Caller admin, AllianceSettings s, String allianceId, OrgRecord branch, String type, String title, LocalDate day,
                                 LocalTime time, int minutes, String roomId, int absentEvery, boolean cancel, boolean minutes_) {
        OffsetDateTime start = day.atTime(time).atZone(Times.ZONE).toOffsetDateTime();
        OffsetDateTime end = start.plusMinutes(minutes);
        String id = id(allianceId, type + "|" + branch.id() + "|" + day);
        ActivityRequests.Create req = new ActivityRequests.Create(title, "演示数据：" + branch.name() + "的" + title, type, "OFFLINE", branch.id(),
                start, end, roomId == null ? branch.name() + "党员活动室" : null, roomId, null, null, null, null, null, null, true);
        Instant created = start.toInstant().minus(Duration.ofDays(7));
        return activities.create(admin, req, created, new ActivityService.CreateOptions(id, new Document("demo", true)))
                .flatMap(doc -> cancel
                        ? activities.cancel(admin, id, "因台风预警改期", start.toInstant().minus(Duration.ofDays(1))).thenReturn("CANCELLED")
                        : attend(doc, s, absentEvery, start.toInstant())
                        .then(activities.hold(admin, id, end.toInstant()))
                        .flatMap(held -> minutes_ ? recordMinutes(admin, held, title) : Mono.just(held))
                        .thenReturn("HELD"))
                .onErrorResume(ApiException.class, e -> e.status() == HttpStatus.CONFLICT ? Mono.just("EXISTS") : Mono.error(e));
    }

    private Mono<Document> recordMinutes(Caller admin, Document held, String title) {
        return activities.recordMinutes(admin, held.getString("_id"), new ActivityRequests.Minutes(held.get("version", Number.class).longValue(),
                        title, "会议由支部书记主持，传达学习上级精神，结合本单位实际开展讨论。", List.of("按期完成本季度党费收缴", "推荐一名入党积极分子"),
                        List.of(new ActivityRequests.Attachment("签到表.pdf", "demo-file-signin"))))
                .map(v -> held);
    }

    /** Check-ins (some late), one approved leave, the rest absent. */
    private Mono<Void> attend(Document activity, AllianceSettings s, int absentEvery, Instant start) {
        return directory.activeMembers(activity.getString("allianceId"), OrgDirectory.inSubtrees(activity.getList("audienceOrgIds", String.class)))
                .collectList()
                .flatMapMany(members -> Flux.range(0, members.size()).concatMap(j -> {
                    MemberRecord m = members.get(j);
                    boolean comes = absentEvery < 0 ? j == 0 : absentEvery <= 1 || j % absentEvery != absentEvery - 1;
                    if (!comes) {
                        return j == absentEvery - 1
                                ? ledger.record(activity, m, AttendanceLedger.Status.ON_LEAVE, AttendanceLedger.Method.LEAVE, start.minus(Duration.ofDays(1)),
                                "demo-seeder", s).then()
                                : Mono.<Void>empty();
                    }
                    AttendanceLedger.Status status = j % 7 == 6 ? AttendanceLedger.Status.LATE : AttendanceLedger.Status.PRESENT;
                    Instant at = start.plus(Duration.ofMinutes(status == AttendanceLedger.Status.LATE ? 12 : -(j % 20)));
                    return ledger.record(activity, m, status, AttendanceLedger.Method.CODE, at, m.name(), s).then();
                }))
                .then();
    }

    /** Last month: the first branch hosts a joint activity with branches of two other enterprises, in the large hall. */
    private Mono<Document> joint(Caller admin, AllianceSettings s, String allianceId, List<OrgRecord> branches, YearMonth current,
                                 Map<String, String> rooms) {
        OrgRecord host = branches.get(0);
        List<OrgRecord> guests = branches.stream().filter(b -> b.tenantId() != null && !b.tenantId().equals(host.tenantId()))
                .map(b -> Map.entry(b.tenantId(), b)).collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue,
                        (a, b) -> a, LinkedHashMap::new)).values().stream().limit(2).toList();
        OffsetDateTime start = current.minusMonths(1).atDay(25).atTime(14, 0).atZone(Times.ZONE).toOffsetDateTime();
        String id = id(allianceId, "JOINT|" + host.id() + "|" + start.toLocalDate());
        ActivityRequests.Create req = new ActivityRequests.Create("三企联建：“红色引擎”助力园区发展主题党日",
                "演示数据：三家成员单位党支部联合开展主题党日，参观园区党建阵地并座谈交流。", "JOINT", "OFFLINE", host.id(), start, start.plusHours(3),
                null, rooms.get("多功能厅"), null, null, null, null, null, guests.stream().map(OrgRecord::id).toList(), true);
        return activities.create(admin, req, start.toInstant().minus(Duration.ofDays(10)), new ActivityService.CreateOptions(id, new Document("demo", true)))
                .flatMap(doc -> Flux.fromIterable(guests).concatMap(g -> activities.respond(admin, id, g.id(), true, null)).then(activities.reload(doc)))
                .flatMap(doc -> attend(doc, s, 4, start.toInstant()).then(activities.hold(admin, id, start.toInstant().plus(Duration.ofHours(3)))))
                .onErrorResume(ApiException.class, e -> e.status() == HttpStatus.CONFLICT
                        ? activities.collection().findById(Scope.system(allianceId, null), id) : Mono.error(e));
    }

    /** A few upcoming activities: a party lesson in a booked room and an alliance-wide volunteer day with sign-up. */
    private Mono<Integer> upcoming(Caller admin, String allianceId, List<OrgRecord> branches, Instant now, Map<String, String> rooms) {
        LocalDate base = now.atZone(Times.ZONE).toLocalDate();
        OffsetDateTime lesson = base.plusDays(5).atTime(19, 0).atZone(Times.ZONE).toOffsetDateTime();
        OffsetDateTime volunteer = base.plusDays(12).atTime(9, 0).atZone(Times.ZONE).toOffsetDateTime();
        OffsetDateTime theme = base.plusDays(8).atTime(14, 0).atZone(Times.ZONE).toOffsetDateTime();
        List<Mono<Document>> creations = List.of(
                activities.create(admin, new ActivityRequests.Create("党课：新时代党员先锋模范作用（" + branches.get(1).name() + "）", "演示数据：即将举行的党课。",
                                "PARTY_LESSON", "HYBRID", branches.get(1).id(), lesson, lesson.plusMinutes(90), null, rooms.get("党员活动室"),
                                "https://meeting.example.cn/j/2026001", null, null, null, null, null, true), now,
                        new ActivityService.CreateOptions(id(allianceId, "UPCOMING|LESSON|" + lesson.toLocalDate()), new Document("demo", true))),
                activities.create(admin, new ActivityRequests.Create("主题党日：走进社区志愿服务（" + branches.get(2).name() + "）", "演示数据：即将举行的主题党日。",
                                "THEME_DAY", "OFFLINE", branches.get(2).id(), theme, theme.plusHours(2), "所在街道党群服务站", null, null,
                                new ActivityRequests.Geofence(31.2304, 121.4737, 300), null, null, null, null, true), now,
                        new ActivityService.CreateOptions(id(allianceId, "UPCOMING|THEME|" + theme.toLocalDate()), new Document("demo", true))),
                activities.create(admin, new ActivityRequests.Create("联盟志愿服务日：滨江步道清洁行动", "演示数据：面向联盟全体党员，限 30 人，报名满后候补。",
                                "VOLUNTEER", "OFFLINE", branches.get(0).id(), volunteer, volunteer.plusHours(3), "滨江步道东昌路集合点", null, null, null, 30,
                                true, new ActivityRequests.Audience("ALLIANCE", null), null, true), now,
                        new ActivityService.CreateOptions(id(allianceId, "UPCOMING|VOLUNTEER|" + volunteer.toLocalDate()), new Document("demo", true))));
        return Flux.concat(creations.stream().map(m -> m.map(d -> 1).onErrorResume(ApiException.class, e -> {
            log.info("Demo upcoming activity not created: {}", e.getMessage());
            return Mono.just(0);
        })).toList()).reduce(0, Integer::sum);
    }

    /** A stable id per alliance and key, so a second seeding finds what the first created. */
    static String id(String allianceId, String key) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest((allianceId + "|" + key).getBytes(StandardCharsets.UTF_8));
            return "demo" + HexFormat.of().formatHex(h).substring(0, 20);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
