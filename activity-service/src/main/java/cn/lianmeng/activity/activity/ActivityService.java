package cn.lianmeng.activity.activity;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import cn.lianmeng.activity.directory.MemberRecord;
import cn.lianmeng.activity.directory.OrgDirectory;
import cn.lianmeng.activity.directory.OrgRecord;
import cn.lianmeng.activity.settings.SettingsService;
import cn.lianmeng.platform.audit.AuditLog;
import cn.lianmeng.platform.audit.AuditLog.Result;
import cn.lianmeng.platform.data.MongoAccess;
import cn.lianmeng.platform.data.Scope;
import cn.lianmeng.platform.data.ScopedCollection;
import cn.lianmeng.platform.events.Outbox;
import cn.lianmeng.platform.events.OutboxMessage;
import cn.lianmeng.platform.events.OutboxRelay;
import cn.lianmeng.platform.security.Caller;
import cn.lianmeng.platform.security.Role;
import cn.lianmeng.platform.tenancy.TenantDirectory;
import cn.lianmeng.platform.web.ApiException;
import cn.lianmeng.platform.web.FieldProblem;
import cn.lianmeng.platform.web.PageQuery;
import cn.lianmeng.platform.web.PageResult;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Activities: creation (optionally joint, with invitations to other tenants' organisations), editing, the lifecycle
 * DRAFT → SCHEDULED → (IN_PROGRESS) → HELD or CANCELLED, minutes, and who sees what. Every change is one
 * version-guarded single-document write that carries its event in the outbox ({@code activity.activity.v1}).
 */
@Service
public class ActivityService {

    public static final String COLLECTION = "activities";
    public static final Set<String> SORTABLE = Set.of("startAt", "createdAt", "title");
    static final Set<Role> MANAGER_ROLES = EnumSet.of(Role.ALLIANCE_ADMIN, Role.ENTERPRISE_ADMIN, Role.ORG_ADMIN);
    static final Set<Role> READER_ROLES = EnumSet.of(Role.ALLIANCE_ADMIN, Role.ENTERPRISE_ADMIN, Role.ORG_ADMIN,
            Role.DISTRICT_STAFF, Role.MEMBER);
    static final String NO_ORG = "党组织不存在、已撤销或不在您的管理范围内";

    private final ScopedCollection activities;
    private final OrgDirectory directory;
    private final TenantDirectory tenants;
    private final SettingsService settings;
    private final VenueBookings venues;
    private final AttendanceSummaries summaries;
    private final Outbox outbox;
    private final OutboxRelay relay;
    private final AuditLog audit;
    private final Clock clock;

    public ActivityService(MongoAccess mongo, OrgDirectory directory, TenantDirectory tenants, SettingsService settings,
                           VenueBookings venues, AttendanceSummaries summaries, Outbox outbox, OutboxRelay relay,
                           AuditLog audit, Clock clock) {
        this.activities = mongo.collection(COLLECTION, new ActivityScopeRule());
        this.directory = directory;
        this.tenants = tenants;
        this.settings = settings;
        this.venues = venues;
        this.summaries = summaries;
        this.outbox = outbox;
        this.relay = relay;
        this.audit = audit;
        this.clock = clock;
        relay.register(activities);
        activities.ensureIndexInBackground(Indexes.ascending("allianceId", "visibleTenantIds", "startAt"), new IndexOptions().name("alliance_tenants_start"));
        activities.ensureIndexInBackground(Indexes.ascending("allianceId", "audienceOrgIds", "startAt"), new IndexOptions().name("alliance_audience_start"));
        activities.ensureIndexInBackground(Indexes.ascending("allianceId", "visibleOrgPaths", "startAt"), new IndexOptions().name("alliance_orgs_start"));
        activities.ensureIndexInBackground(Indexes.ascending("status", "startAt"), new IndexOptions().name("status_start"));
        activities.ensureIndexInBackground(Indexes.ascending("allianceId", "seriesId", "startAt"), new IndexOptions().name("alliance_series_start"));
        activities.ensureIdInAllianceIndex();
    }

    public ScopedCollection collection() {
        return activities;
    }

    /** Options for internal callers (recurring series, demo history): fixed id and extra fields. */
    public record CreateOptions(String id, Document extra) {
        public static final CreateOptions NONE = new CreateOptions(null, null);
    }

    // ---- create --------------------------------------------------------------------------------------------------

    public Mono<ActivityView> create(Caller caller, ActivityRequests.Create req) {
        return create(caller, req, clock.instant(), CreateOptions.NONE).map(d -> view(caller, d, true));
    }

    /** Creates an activity as of {@code now}; answers the stored document. */
    public Mono<Document> create(Caller caller, ActivityRequests.Create req, Instant now, CreateOptions options) {
        if (!caller.hasAny(MANAGER_ROLES)) {
            return Mono.error(ApiException.forbidden("仅联盟、企业或支部管理员可创建活动"));
        }
        List<FieldProblem> errors = new ArrayList<>();
        boolean hasRoom = req.roomId() != null && !req.roomId().isBlank();
        ActivityRules.Basics basics = ActivityRules.check(req.type(), req.mode(), req.startAt(), req.endAt(), req.address(),
                hasRoom, req.meetingUrl(), req.geofence(), req.capacity(), req.signUpRequired(), now, true, errors);
        if (hasRoom && basics.mode() == ActivityMode.ONLINE) {
            errors.add(new FieldProblem("roomId", "线上活动无须预订会议室"));
        }
        AudienceScope audienceScope = audienceScope(req.audience(), errors);
        List<String> invited = distinct(req.invitedOrgIds());
        if (!invited.isEmpty() && audienceScope != null && audienceScope != AudienceScope.ORGANISATIONS) {
            errors.add(new FieldProblem("invitedOrgIds", "联建活动的受众是主办组织与接受邀请的组织，audience.scope 须为 ORGANISATIONS"));
        }
        if (basics.type() == ActivityType.JOINT && invited.isEmpty()) {
            errors.add(new FieldProblem("invitedOrgIds", "联建活动须至少邀请一个其他单位的党组织"));
        }
        if (audienceScope == AudienceScope.ALLIANCE && !caller.has(Role.ALLIANCE_ADMIN)) {
            return Mono.error(ApiException.forbidden("仅联盟管理员可发起面向联盟全体党员的活动"));
        }
        String allianceId = caller.allianceId();
        return directory.organisation(allianceId, req.hostOrgId())
                .filter(o -> o.active() && ActivityAccess.managesOrg(caller, o))
                .map(Optional::of).defaultIfEmpty(Optional.empty())
                .flatMap(host -> {
                    if (host.isEmpty()) {
                        errors.add(new FieldProblem("hostOrgId", NO_ORG));
                        return Mono.error(ApiException.invalid(errors));
                    }
                    OrgRecord h = host.get();
                    List<String> audienceIds = req.audience() == null || req.audience().orgIds() == null || req.audience().orgIds().isEmpty()
                            ? List.of(h.id()) : distinct(req.audience().orgIds());
                    return resolveAudience(caller, audienceScope, audienceIds, errors)
                            .zipWith(resolveInvited(allianceId, h, audienceIds, invited, "invitedOrgIds", errors))
                            .flatMap(t -> {
                                if (!errors.isEmpty()) {
                                    return Mono.error(ApiException.invalid(errors));
                                }
                                return location(h).flatMap(loc -> insertNew(caller, req, basics, audienceScope, h, t.getT1(), t.getT2(),
                                        loc, now, options));
                            });
                });
    }

    private Mono<Document> insertNew(Caller caller, ActivityRequests.Create req, ActivityRules.Basics basics,
                                     AudienceScope audienceScope, OrgRecord host, List<OrgRecord> audienceOrgs,
                                     List<OrgRecord> invitedOrgs, Document location, Instant now, CreateOptions options) {
        String id = options.id() != null ? options.id() : new ObjectId().toHexString();
        boolean publish = Boolean.TRUE.equals(req.publish());
        List<Document> participants = new ArrayList<>();
        participants.add(participant(host, "HOST", "ACCEPTED", null));
        invitedOrgs.forEach(o -> participants.add(participant(o, "INVITED", "INVITED", null)));
        boolean signUp = req.capacity() != null || Boolean.TRUE.equals(req.signUpRequired());
        Document doc = new Document("_id", id).append("allianceId", host.allianceId()).append("tenantId", host.tenantId())
                .append("parkId", location.getString("parkId")).append("buildingId", location.getString("buildingId"))
                .append("hostOrgId", host.id()).append("hostOrgName", host.name()).append("hostOrgPath", host.path())
                .append("type", basics.type().name()).append("title", req.title().strip())
                .append("description", req.description()).append("mode", basics.mode().name())
                .append("address", blankToNull(req.address()))
                .append("meetingUrl", basics.mode().online() ? req.meetingUrl().strip() : null)
                .append("geofence", geofence(req.geofence()))
                .append("startAt", Date.from(basics.start())).append("endAt", Date.from(basics.end()))
                .append("signUp", new Document("enabled", signUp).append("capacity", req.capacity()))
                .append("seatsTaken", 0).append("waitSeq", 0)
                .append("audience", audience(audienceScope, audienceOrgs))
                .append("participants", participants)
                .append("joint", !invitedOrgs.isEmpty())
                .append("status", (publish ? ActivityStatus.SCHEDULED : ActivityStatus.DRAFT).name())
                .append("version", 1L).append("createdAt", Date.from(now)).append("updatedAt", Date.from(now))
                .append("createdBy", caller.accountId()).append("createdByName", caller.actorName());
        if (options.extra() != null) {
            doc.putAll(options.extra());
        }
        derive(doc);
        Mono<Document> booking = req.roomId() == null || req.roomId().isBlank() ? Mono.just(new Document())
                : expectedAttendees(doc).flatMap(n -> venues.claim(caller, doc, req.roomId().strip(), basics.start(), basics.end(), n));
        return booking.flatMap(b -> {
            if (!b.isEmpty()) {
                doc.append("booking", b);
            }
            Document toInsert = publish
                    ? Outbox.withOutbox(doc, outbox.message(ActivityEvents.TOPIC, ActivityEvents.SCHEDULED, id, doc.getString("allianceId"),
                    doc.getString("tenantId"), ActivityEvents.snapshot(doc, null, now.toString())))
                    : doc;
            return activities.insert(Scope.of(caller), toInsert)
                    .onErrorResume(e -> (b.isEmpty() ? Mono.<Void>empty() : venues.release(doc.getString("allianceId"), b))
                            .then(Mono.error(ScopedCollection.isDuplicateKey(e)
                                    ? ApiException.conflict("该活动已存在") : e)))
                    .doOnSuccess(d -> relay.relaySoon(activities, id))
                    .flatMap(d -> audit.record(caller, publish ? "ACTIVITY_SCHEDULED" : "ACTIVITY_CREATED", "activity", id,
                            doc.getString("tenantId"), Result.SUCCESS, Map.of("title", doc.getString("title"),
                                    "type", doc.getString("type"), "joint", doc.getBoolean("joint"))).thenReturn(d));
        });
    }

    // ---- read ----------------------------------------------------------------------------------------------------

    public Mono<ActivityView> get(Caller caller, String id) {
        return visible(caller, id).map(d -> view(caller, d, ActivityAccess.manages(caller, d)));
    }

    /** The activity if the caller may see it; 404 otherwise (also for other tenants' and non-participants' activities). */
    public Mono<Document> visible(Caller caller, String id) {
        return visibility(caller)
                .flatMap(v -> activities.findOne(v.scope(), Filters.and(Filters.eq("_id", id), v.filter())))
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("活动")));
    }

    /** The activity if the member is in its audience (check-in, joining, leave): one read, the member already known. */
    public Mono<Document> inAudienceOf(MemberRecord member, String id) {
        // by id within the alliance (indexed everywhere), then the same audience rule as memberFilter, in code
        return activities.findByIdInAlliance(Scope.system(member.allianceId(), null), id)
                .filter(d -> !ActivityStatus.DRAFT.name().equals(d.getString("status")) && ActivityAccess.inAudience(member, d));
    }

    /** The activity if the caller manages it: 404 when not visible, 403 when visible but not theirs to manage. */
    public Mono<Document> managed(Caller caller, String id) {
        return visible(caller, id).flatMap(d -> ActivityAccess.manages(caller, d) ? Mono.just(d)
                : Mono.error(ApiException.forbidden("仅主办组织的管理员可执行此操作")));
    }

    /** Scope plus filter describing what the caller may see; an auditor sees only the audit log. */
    public record Visibility(Scope scope, Bson filter) {
    }

    public Mono<Visibility> visibility(Caller caller) {
        if (caller.hasAny(Role.ALLIANCE_ADMIN, Role.PLATFORM_ADMIN) && caller.allianceId() != null) {
            return Mono.just(new Visibility(Scope.of(caller), new Document()));
        }
        if (caller.has(Role.ENTERPRISE_ADMIN)) {
            return Mono.just(new Visibility(Scope.of(caller), notDraftUnless(Filters.eq("tenantId", caller.tenantId()))));
        }
        if (caller.has(Role.ORG_ADMIN)) {
            return directory.organisations(caller.allianceId(), caller.orgIds()).collectList().map(roots -> {
                Set<String> rootPaths = new LinkedHashSet<>(caller.orgIds());
                roots.forEach(r -> rootPaths.addAll(r.ancestors()));
                List<String> orgIds = List.copyOf(caller.orgIds());
                Bson mine = Filters.or(Filters.in("visibleOrgPaths", orgIds), Filters.in("audienceOrgIds", List.copyOf(rootPaths)),
                        Filters.in("audience.scope", List.of(AudienceScope.TENANT.name(), AudienceScope.ALLIANCE.name())));
                return new Visibility(Scope.of(caller), Filters.and(mine, notDraftUnless(Filters.in("hostOrgPath", orgIds))));
            });
        }
        if (caller.has(Role.DISTRICT_STAFF)) {
            return Mono.just(new Visibility(Scope.of(caller), Filters.ne("status", ActivityStatus.DRAFT.name())));
        }
        if (caller.has(Role.MEMBER)) {
            return directory.member(caller.allianceId(), caller.memberId())
                    .map(m -> new Visibility(memberScope(caller), memberFilter(m)))
                    .defaultIfEmpty(new Visibility(memberScope(caller), Filters.eq("_id", "\u0000none")));
        }
        return Mono.error(ApiException.forbidden());
    }

    /**
     * A member's activities are those whose audience includes them, which crosses tenants for joint activities and is
     * narrower than their tenant otherwise; the member record comes from the token's {@code mid}, so the alliance
     * scope plus the audience filter bound what they see.
     */
    private static Scope memberScope(Caller caller) {
        return Scope.system(caller.allianceId(), null);
    }

    /** Non-draft activities whose audience includes the member. */
    public static Bson memberFilter(MemberRecord m) {
        if (!m.active()) {
            return Filters.eq("_id", "\u0000none");
        }
        List<Bson> any = new ArrayList<>();
        any.add(Filters.eq("audience.scope", AudienceScope.ALLIANCE.name()));
        if (m.tenantId() != null) {
            any.add(Filters.and(Filters.eq("audience.scope", AudienceScope.TENANT.name()), Filters.eq("tenantId", m.tenantId())));
        }
        if (!m.orgPath().isEmpty()) {
            any.add(Filters.in("audienceOrgIds", m.orgPath()));
        }
        return Filters.and(Filters.ne("status", ActivityStatus.DRAFT.name()), Filters.or(any));
    }

    private static Bson notDraftUnless(Bson managerFilter) {
        return Filters.or(Filters.ne("status", ActivityStatus.DRAFT.name()), managerFilter);
    }

    public record ListFilter(String status, String type, OffsetDateTime from, OffsetDateTime to, String orgId, String tenantId) {
    }

    public Mono<PageResult<ActivityView>> list(Caller caller, ListFilter f, PageQuery page) {
        List<Bson> filters = new ArrayList<>();
        if (f.status() != null) {
            filters.add(Filters.eq("status", parseEnum(ActivityStatus.class, f.status(), "status")));
        }
        if (f.type() != null) {
            filters.add(Filters.eq("type", ActivityType.parse(f.type()).orElseThrow(() -> ApiException.badRequest("type", "未知的活动类型")).name()));
        }
        if (f.from() != null && f.to() != null && !f.to().isAfter(f.from())) {
            throw ApiException.badRequest("to", "须晚于 from");
        }
        if (f.from() != null) {
            filters.add(ActivityRules.endingAfter(f.from().toInstant()));
        }
        if (f.to() != null) {
            filters.add(Filters.lt("startAt", Date.from(f.to().toInstant())));
        }
        if (f.orgId() != null) {
            filters.add(Filters.or(Filters.eq("hostOrgId", f.orgId()), Filters.eq("audienceOrgIds", f.orgId()),
                    Filters.eq("participants.orgId", f.orgId())));
        }
        if (f.tenantId() != null) {
            filters.add(Filters.eq("visibleTenantIds", f.tenantId()));
        }
        return visibility(caller).flatMap(v -> {
            filters.add(v.filter());
            return activities.page(v.scope(), Filters.and(filters), page, d -> view(caller, d, ActivityAccess.manages(caller, d)));
        });
    }

    /** The view of an activity for a caller: the host side sees every organisation's attendance, others their own. */
    public ActivityView view(Caller caller, Document d, boolean canManage) {
        Predicate<Document> orgVisible;
        if (canManage) {
            orgVisible = o -> true;
        } else if (caller.has(Role.ENTERPRISE_ADMIN) || caller.has(Role.DISTRICT_STAFF)) {
            orgVisible = o -> caller.tenantId() != null && caller.tenantId().equals(o.getString("tenantId"));
        } else if (caller.has(Role.ORG_ADMIN)) {
            orgVisible = o -> o.getList("orgPath", String.class, List.of()).stream().anyMatch(caller.orgIds()::contains);
        } else {
            orgVisible = o -> false;
        }
        return ActivityView.of(d, canManage, orgVisible);
    }

    // ---- edit ----------------------------------------------------------------------------------------------------

    public Mono<ActivityView> update(Caller caller, String id, ActivityRequests.Update req) {
        return update(caller, id, req, true);
    }

    /**
     * @param detach whether an occurrence of a recurring series leaves the series (an edit of this one occurrence);
     *               false when the series itself changes all following occurrences
     */
    public Mono<ActivityView> update(Caller caller, String id, ActivityRequests.Update req, boolean detach) {
        Instant now = clock.instant();
        return managed(caller, id).flatMap(current -> {
            ActivityStatus status = ActivityStatus.valueOf(current.getString("status"));
            if (status != ActivityStatus.DRAFT && status != ActivityStatus.SCHEDULED) {
                return Mono.error(ApiException.conflict("status", "活动" + status.label() + "，不能再修改"));
            }
            long version = version(current);
            if (req.version() != version) {
                return Mono.error(staleVersion(version));
            }
            Document booking = current.get("booking", Document.class);
            List<FieldProblem> errors = new ArrayList<>();
            Instant oldStart = current.getDate("startAt").toInstant();
            Instant oldEnd = current.getDate("endAt").toInstant();
            boolean timesChanged = !req.startAt().toInstant().equals(oldStart) || !req.endAt().toInstant().equals(oldEnd);
            ActivityRules.Basics basics = ActivityRules.check(req.type(), req.mode(), req.startAt(), req.endAt(), req.address(),
                    booking != null, req.meetingUrl(), req.geofence(), req.capacity(), req.signUpRequired(), now, timesChanged, errors);
            int seatsTaken = current.getInteger("seatsTaken", 0);
            if (req.capacity() != null && req.capacity() < seatsTaken) {
                errors.add(new FieldProblem("capacity", "不能小于已确认报名人数（" + seatsTaken + "）"));
            }
            if (basics.type() == ActivityType.JOINT && !current.getBoolean("joint", false)) {
                errors.add(new FieldProblem("type", "联建活动须通过邀请其他单位的党组织发起"));
            }
            AudienceScope audienceScope = audienceScope(req.audience(), errors);
            if (audienceScope == AudienceScope.ALLIANCE && !caller.has(Role.ALLIANCE_ADMIN)) {
                return Mono.error(ApiException.forbidden("仅联盟管理员可发起面向联盟全体党员的活动"));
            }
            if (current.getBoolean("joint", false) && audienceScope != null && audienceScope != AudienceScope.ORGANISATIONS) {
                errors.add(new FieldProblem("audience.scope", "联建活动的受众须为 ORGANISATIONS"));
            }
            List<String> audienceIds = req.audience() == null || req.audience().orgIds() == null || req.audience().orgIds().isEmpty()
                    ? List.of(current.getString("hostOrgId")) : distinct(req.audience().orgIds());
            return resolveAudience(caller, audienceScope, audienceIds, errors).flatMap(audienceOrgs -> {
                if (!errors.isEmpty()) {
                    return Mono.error(ApiException.invalid(errors));
                }
                Document after = new Document(current);
                boolean signUp = req.capacity() != null || Boolean.TRUE.equals(req.signUpRequired());
                after.append("type", basics.type().name()).append("title", req.title().strip()).append("description", req.description())
                        .append("mode", basics.mode().name()).append("address", blankToNull(req.address()))
                        .append("meetingUrl", basics.mode().online() ? req.meetingUrl().strip() : null)
                        .append("geofence", geofence(req.geofence()))
                        .append("startAt", Date.from(basics.start())).append("endAt", Date.from(basics.end()))
                        .append("signUp", new Document("enabled", signUp).append("capacity", req.capacity()))
                        .append("audience", audience(audienceScope, audienceOrgs));
                derive(after);
                List<String> changed = changedFields(current, after);
                if (changed.isEmpty()) {
                    return Mono.just(view(caller, current, true));
                }
                // a room follows the activity: rebook at the new time (409 if taken), free it when going online
                boolean dropRoom = booking != null && basics.mode() == ActivityMode.ONLINE;
                Mono<Document> newBooking = booking == null || dropRoom || !timesChanged ? Mono.just(new Document())
                        : expectedAttendees(after).flatMap(n -> venues.claim(caller, after, booking.getString("roomId"),
                        basics.start(), basics.end(), n));
                return newBooking.flatMap(nb -> {
                    if (!nb.isEmpty()) {
                        after.append("booking", nb);
                    } else if (dropRoom) {
                        after.remove("booking");
                    }
                    Document sets = new Document();
                    for (String f : List.of("type", "title", "description", "mode", "address", "meetingUrl", "geofence", "startAt", "endAt",
                            "signUp", "audience", "audienceOrgIds", "visibleTenantIds", "visibleOrgPaths")) {
                        sets.append(f, after.get(f));
                    }
                    sets.append("booking", after.get("booking"));
                    if (timesChanged) {
                        sets.append("reminders", new Document());
                    }
                    if (detach && current.getString("seriesId") != null) {
                        sets.append("seriesDetached", true);
                    }
                    String event = status == ActivityStatus.SCHEDULED ? ActivityEvents.CHANGED : null;
                    return write(caller, current, sets, event, changed, now)
                            .onErrorResume(e -> (nb.isEmpty() ? Mono.<Void>empty() : venues.release(current.getString("allianceId"), nb))
                                    .then(Mono.error(e)))
                            .flatMap(d -> (booking != null && (!nb.isEmpty() || dropRoom)
                                    ? venues.release(current.getString("allianceId"), booking) : Mono.<Void>empty()).thenReturn(d))
                            .flatMap(d -> audit.record(caller, "ACTIVITY_UPDATED", "activity", id, d.getString("tenantId"), Result.SUCCESS,
                                    Map.of("changedFields", changed)).thenReturn(view(caller, d, true)));
                });
            });
        });
    }

    private static List<String> changedFields(Document before, Document after) {
        List<String> changed = new ArrayList<>();
        for (String f : List.of("type", "title", "description", "mode", "address", "meetingUrl", "geofence", "startAt", "endAt",
                "signUp", "audience")) {
            if (!Objects.equals(before.get(f), after.get(f))) {
                changed.add(f);
            }
        }
        return changed;
    }

    // ---- lifecycle -----------------------------------------------------------------------------------------------

    public Mono<ActivityView> publish(Caller caller, String id) {
        Instant now = clock.instant();
        return managed(caller, id).flatMap(current -> {
            requireStatus(current, "发布", ActivityStatus.DRAFT);
            if (current.getDate("startAt").toInstant().isBefore(now)) {
                return Mono.error(ApiException.badRequest("startAt", "开始时间已过，请先修改时间再发布"));
            }
            return write(caller, current, new Document("status", ActivityStatus.SCHEDULED.name()), ActivityEvents.SCHEDULED, null, now)
                    .flatMap(d -> audit(caller, "ACTIVITY_SCHEDULED", d, Map.of()));
        });
    }

    public Mono<ActivityView> cancel(Caller caller, String id, String reason) {
        return cancel(caller, id, reason, clock.instant()).map(d -> view(caller, d, true));
    }

    public Mono<Document> cancel(Caller caller, String id, String reason, Instant now) {
        return managed(caller, id).flatMap(current -> {
            ActivityStatus status = requireStatus(current, "取消", ActivityStatus.DRAFT, ActivityStatus.SCHEDULED, ActivityStatus.IN_PROGRESS);
            Document sets = new Document("status", ActivityStatus.CANCELLED.name()).append("cancelReason", reason.strip())
                    .append("cancelledAt", Date.from(now)).append("cancelledBy", caller.actorName());
            // a draft was never announced: nothing to tell the other services
            String event = status == ActivityStatus.DRAFT ? null : ActivityEvents.CANCELLED;
            return write(caller, current, sets, event, null, now)
                    .flatMap(d -> releaseBooking(d).thenReturn(d))
                    .flatMap(d -> audit.record(caller, "ACTIVITY_CANCELLED", "activity", id, d.getString("tenantId"), Result.SUCCESS,
                            Map.of("reason", reason)).thenReturn(d));
        });
    }

    /** Frees the room of a cancelled activity (also called again by the ActivityCancelled consumer; idempotent). */
    public Mono<Void> releaseBooking(Document activity) {
        Document booking = activity.get("booking", Document.class);
        return booking == null ? Mono.empty() : venues.release(activity.getString("allianceId"), booking);
    }

    public Mono<ActivityView> start(Caller caller, String id) {
        Instant now = clock.instant();
        return managed(caller, id).flatMap(current -> settings.get(current.getString("allianceId")).flatMap(s -> {
            requireStatus(current, "开始", ActivityStatus.SCHEDULED);
            if (now.isBefore(current.getDate("startAt").toInstant().minus(s.opensBefore()))) {
                return Mono.error(ApiException.conflict("startAt", "活动尚未到开始时间"));
            }
            return write(caller, current, new Document("status", ActivityStatus.IN_PROGRESS.name()).append("startedAt", Date.from(now)),
                    null, null, now).flatMap(d -> audit(caller, "ACTIVITY_STARTED", d, Map.of()));
        }));
    }

    /** Marks a scheduled activity in progress when its first participant arrives (no version conflict for editors). */
    public Mono<Void> markInProgress(Document activity, Instant now) {
        if (!ActivityStatus.SCHEDULED.name().equals(activity.getString("status"))
                || now.isBefore(activity.getDate("startAt").toInstant())) {
            return Mono.empty();
        }
        return activities.updateOne(Scope.system(activity.getString("allianceId"), null),
                Filters.and(Filters.eq("_id", activity.getString("_id")), Filters.eq("status", ActivityStatus.SCHEDULED.name())),
                Updates.combine(Updates.set("status", ActivityStatus.IN_PROGRESS.name()), Updates.set("startedAt", Date.from(now)),
                        Updates.inc("version", 1L))).then();
    }

    public Mono<ActivityView> hold(Caller caller, String id) {
        return hold(caller, id, clock.instant()).map(d -> view(caller, d, true));
    }

    /** Marks the activity held: attendance per participating organisation is computed now and published. */
    public Mono<Document> hold(Caller caller, String id, Instant now) {
        return managed(caller, id).flatMap(current -> {
            requireStatus(current, "标记为已举行", ActivityStatus.SCHEDULED, ActivityStatus.IN_PROGRESS);
            if (now.isBefore(current.getDate("startAt").toInstant())) {
                return Mono.error(ApiException.conflict("startAt", "活动尚未开始，不能标记为已举行"));
            }
            return summaries.summarise(current, now).flatMap(summary -> {
                Document sets = new Document("status", ActivityStatus.HELD.name()).append("heldAt", Date.from(now))
                        .append("attendance", summary);
                return write(caller, current, sets, ActivityEvents.HELD, null, now)
                        .flatMap(d -> audit.record(caller, "ACTIVITY_HELD", "activity", id, d.getString("tenantId"), Result.SUCCESS,
                                Map.of("organisations", summary.getList("organisations", Document.class).size())).thenReturn(d));
            });
        });
    }

    public Mono<ActivityView> recordMinutes(Caller caller, String id, ActivityRequests.Minutes req) {
        Instant now = clock.instant();
        return managed(caller, id).flatMap(current -> {
            requireStatus(current, "记录会议记录", ActivityStatus.HELD);
            if (req.version() != version(current)) {
                return Mono.error(staleVersion(version(current)));
            }
            Document minutes = new Document("topic", req.topic().strip()).append("content", req.content())
                    .append("decisions", req.decisions() == null ? List.of() : req.decisions())
                    .append("attachments", req.attachments() == null ? List.of() : req.attachments().stream()
                            .map(a -> new Document("name", a.name()).append("ref", a.ref())).toList())
                    .append("recordedBy", caller.actorName()).append("recordedAt", Date.from(now));
            return write(caller, current, new Document("minutes", minutes), null, null, now)
                    .flatMap(d -> audit(caller, "ACTIVITY_MINUTES_RECORDED", d, Map.of("topic", req.topic())));
        });
    }

    // ---- joint activities: invitations ---------------------------------------------------------------------------

    public Mono<ActivityView> invite(Caller caller, String id, List<String> orgIds) {
        Instant now = clock.instant();
        return managed(caller, id).flatMap(current -> {
            requireStatus(current, "邀请", ActivityStatus.DRAFT, ActivityStatus.SCHEDULED);
            if (!AudienceScope.ORGANISATIONS.name().equals(current.get("audience", Document.class).getString("scope"))) {
                return Mono.error(ApiException.badRequest("orgIds", "面向本单位或联盟全体的活动无须邀请"));
            }
            List<FieldProblem> errors = new ArrayList<>();
            List<String> already = current.getList("participants", Document.class).stream()
                    .filter(p -> !"DECLINED".equals(p.getString("status"))).map(p -> p.getString("orgId")).toList();
            List<String> fresh = distinct(orgIds);
            for (int i = 0; i < fresh.size(); i++) {
                if (already.contains(fresh.get(i))) {
                    errors.add(new FieldProblem("orgIds[" + i + "]", "该组织已在活动中"));
                }
            }
            return directory.organisation(current.getString("allianceId"), current.getString("hostOrgId"))
                    .switchIfEmpty(Mono.error(() -> ApiException.conflict("主办组织已不存在")))
                    .flatMap(host -> resolveInvited(current.getString("allianceId"), host,
                            current.get("audience", Document.class).getList("orgIds", String.class), fresh, "orgIds", errors))
                    .flatMap(invited -> {
                        if (!errors.isEmpty()) {
                            return Mono.error(ApiException.invalid(errors));
                        }
                        List<Document> participants = new ArrayList<>(current.getList("participants", Document.class).stream()
                                .filter(p -> !fresh.contains(p.getString("orgId"))).toList());
                        invited.forEach(o -> participants.add(participant(o, "INVITED", "INVITED", null)));
                        Document after = new Document(current).append("participants", participants).append("joint", true);
                        derive(after);
                        Document sets = derivedSets(after).append("participants", participants).append("joint", true);
                        String event = ActivityStatus.SCHEDULED.name().equals(current.getString("status")) ? ActivityEvents.CHANGED : null;
                        return write(caller, current, sets, event, List.of("participants"), now)
                                .flatMap(d -> audit(caller, "ACTIVITY_INVITED", d, Map.of("orgIds", fresh)));
                    });
        });
    }

    /** An invited organisation's administrator accepts or declines (and may decline after accepting, before it is held). */
    public Mono<ActivityView> respond(Caller caller, String id, String orgId, boolean accept, String reason) {
        Instant now = clock.instant();
        if (!caller.hasAny(MANAGER_ROLES)) {
            return Mono.error(ApiException.forbidden("仅受邀组织的管理员可答复邀请"));
        }
        return visible(caller, id).flatMap(current -> {
            Document invitation = current.getList("participants", Document.class).stream()
                    .filter(p -> "INVITED".equals(p.getString("role")) && orgId.equals(p.getString("orgId"))).findFirst().orElse(null);
            if (invitation == null) {
                return Mono.error(ApiException.notFound("邀请"));
            }
            if (!ActivityAccess.managesOrg(caller, current.getString("allianceId"), invitation.getString("tenantId"),
                    invitation.getList("orgPath", String.class, List.of()))) {
                return Mono.error(ApiException.forbidden("仅受邀组织的管理员可答复邀请"));
            }
            requireStatus(current, "答复邀请", ActivityStatus.DRAFT, ActivityStatus.SCHEDULED);
            String target = accept ? "ACCEPTED" : "DECLINED";
            if (target.equals(invitation.getString("status"))) {
                return Mono.just(view(caller, current, ActivityAccess.manages(caller, current)));
            }
            if ("DECLINED".equals(invitation.getString("status"))) {
                return Mono.error(ApiException.conflict("status", "已谢绝的邀请不能再接受，请联系主办方重新邀请"));
            }
            List<Document> participants = current.getList("participants", Document.class).stream().map(p -> {
                if (!orgId.equals(p.getString("orgId")) || !"INVITED".equals(p.getString("role"))) {
                    return p;
                }
                return new Document(p).append("status", target).append("respondedAt", Date.from(now))
                        .append("respondedBy", caller.actorName()).append("reason", accept ? null : blankToNull(reason));
            }).toList();
            Document after = new Document(current).append("participants", participants);
            derive(after);
            Document sets = derivedSets(after).append("participants", participants);
            String event = ActivityStatus.SCHEDULED.name().equals(current.getString("status")) ? ActivityEvents.CHANGED : null;
            // the invited side writes within the alliance: their tenant is listed on the activity, the host's is not theirs
            return write(caller, Scope.system(current.getString("allianceId"), null), current, sets, event, List.of("participants"), now)
                    .flatMap(d -> audit.record(caller, accept ? "JOINT_INVITATION_ACCEPTED" : "JOINT_INVITATION_DECLINED", "activity", id,
                            invitation.getString("tenantId"), Result.SUCCESS, Map.of("orgId", orgId))
                            .thenReturn(view(caller, d, ActivityAccess.manages(caller, d))));
        });
    }

    // ---- room booking ---------------------------------------------------------------------------------------------

    public Mono<ActivityView> book(Caller caller, String id, String roomId) {
        Instant now = clock.instant();
        return managed(caller, id).flatMap(current -> {
            requireStatus(current, "预订会议室", ActivityStatus.DRAFT, ActivityStatus.SCHEDULED);
            if (ActivityMode.ONLINE.name().equals(current.getString("mode"))) {
                return Mono.error(ApiException.badRequest("roomId", "线上活动无须预订会议室"));
            }
            Document old = current.get("booking", Document.class);
            if (old != null && roomId.equals(old.getString("roomId"))) {
                return Mono.just(view(caller, current, true));
            }
            return expectedAttendees(current)
                    .flatMap(n -> venues.claim(caller, current, roomId, current.getDate("startAt").toInstant(),
                            current.getDate("endAt").toInstant(), n))
                    .flatMap(b -> {
                        String event = ActivityStatus.SCHEDULED.name().equals(current.getString("status")) ? ActivityEvents.CHANGED : null;
                        return write(caller, current, new Document("booking", b), event, List.of("room"), now)
                                .onErrorResume(e -> venues.release(current.getString("allianceId"), b).then(Mono.error(e)))
                                .flatMap(d -> (old == null ? Mono.<Void>empty() : venues.release(current.getString("allianceId"), old)).thenReturn(d))
                                .flatMap(d -> audit(caller, "ROOM_BOOKED", d, Map.of("roomId", roomId, "bookingId", b.getString("bookingId"))));
                    });
        });
    }

    public Mono<ActivityView> unbook(Caller caller, String id) {
        Instant now = clock.instant();
        return managed(caller, id).flatMap(current -> {
            requireStatus(current, "取消预订", ActivityStatus.DRAFT, ActivityStatus.SCHEDULED);
            Document old = current.get("booking", Document.class);
            if (old == null) {
                return Mono.error(ApiException.notFound("会议室预订"));
            }
            if (current.getString("address") == null && ActivityMode.valueOf(current.getString("mode")).offline()) {
                return Mono.error(ApiException.badRequest("address", "线下活动须有地点：请先填写地点，或改订其他会议室"));
            }
            String event = ActivityStatus.SCHEDULED.name().equals(current.getString("status")) ? ActivityEvents.CHANGED : null;
            return write(caller, current, new Document("booking", null), event, List.of("room"), now)
                    .flatMap(d -> venues.release(current.getString("allianceId"), old).thenReturn(d))
                    .flatMap(d -> audit(caller, "ROOM_BOOKING_CANCELLED", d, Map.of("bookingId", old.getString("bookingId"))));
        });
    }

    // ---- sign-up seats (used by the sign-up package) --------------------------------------------------------------

    /** Takes one seat if any is left: one conditional single-document update, safe under concurrent sign-ups. */
    public Mono<Boolean> takeSeat(Document activity) {
        Document signUp = activity.get("signUp", Document.class);
        Integer capacity = signUp == null ? null : signUp.getInteger("capacity");
        Bson filter = Filters.and(Filters.eq("_id", activity.getString("_id")),
                Filters.in("status", List.of(ActivityStatus.SCHEDULED.name(), ActivityStatus.IN_PROGRESS.name())),
                capacity == null ? new Document() : Filters.expr(new Document("$lt", List.of("$seatsTaken", "$signUp.capacity"))));
        return activities.updateOne(Scope.system(activity.getString("allianceId"), null), filter, Updates.inc("seatsTaken", 1))
                .map(r -> r.getModifiedCount() == 1);
    }

    public Mono<Void> releaseSeat(Document activity) {
        return activities.updateOne(Scope.system(activity.getString("allianceId"), null),
                Filters.and(Filters.eq("_id", activity.getString("_id")), Filters.gt("seatsTaken", 0)),
                Updates.inc("seatsTaken", -1)).then();
    }

    /** The next waitlist position (monotonic per activity). */
    public Mono<Long> nextWaitPosition(Document activity) {
        return activities.updateAndGet(Scope.system(activity.getString("allianceId"), null), Filters.eq("_id", activity.getString("_id")),
                Updates.inc("waitSeq", 1)).map(d -> d.get("waitSeq", Number.class).longValue());
    }

    public Mono<Document> reload(Document activity) {
        return activities.findById(Scope.system(activity.getString("allianceId"), null), activity.getString("_id"));
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    /** One version-guarded write of {@code sets} (plus version, updatedAt and the event, if any); 409 on a stale version. */
    private Mono<Document> write(Caller caller, Document current, Document sets, String eventType, List<String> changedFields, Instant now) {
        return write(caller, Scope.of(caller), current, sets, eventType, changedFields, now);
    }

    private Mono<Document> write(Caller caller, Scope scope, Document current, Document sets, String eventType,
                                 List<String> changedFields, Instant now) {
        long version = version(current);
        String id = current.getString("_id");
        Document after = new Document(current);
        after.putAll(sets);
        after.put("version", version + 1);
        after.put("updatedAt", Date.from(now));
        List<Bson> updates = new ArrayList<>();
        sets.forEach((k, v) -> updates.add(v == null ? Updates.unset(k) : Updates.set(k, v)));
        updates.add(Updates.set("version", version + 1));
        updates.add(Updates.set("updatedAt", Date.from(now)));
        updates.add(Updates.set("updatedBy", caller.accountId()));
        if (eventType != null) {
            Object body = ActivityEvents.HELD.equals(eventType) ? ActivityEvents.held(after, now.toString())
                    : ActivityEvents.snapshot(after, changedFields, now.toString());
            OutboxMessage message = outbox.message(ActivityEvents.TOPIC, eventType, id, current.getString("allianceId"),
                    current.getString("tenantId"), body);
            updates.add(Outbox.push(message));
        }
        return activities.updateAndGet(scope, Filters.and(Filters.eq("_id", id), Filters.eq("version", version)), Updates.combine(updates))
                .switchIfEmpty(Mono.error(() -> ApiException.conflict("version", "活动刚被他人修改，请刷新后重试")))
                .doOnSuccess(d -> {
                    if (eventType != null) {
                        relay.relaySoon(activities, id);
                    }
                });
    }

    private Mono<ActivityView> audit(Caller caller, String action, Document d, Map<String, ?> details) {
        return audit.record(caller, action, "activity", d.getString("_id"), d.getString("tenantId"), Result.SUCCESS, details)
                .thenReturn(view(caller, d, true));
    }

    static long version(Document d) {
        return d.get("version", Number.class).longValue();
    }

    static ApiException staleVersion(long current) {
        return ApiException.conflict("version", "活动已被他人修改（当前版本 " + current + "），请刷新后重试");
    }

    static ActivityStatus requireStatus(Document d, String action, ActivityStatus... allowed) {
        ActivityStatus status = ActivityStatus.valueOf(d.getString("status"));
        if (!EnumSet.copyOf(List.of(allowed)).contains(status)) {
            throw ApiException.conflict("status", "活动" + status.label() + "，不能" + action);
        }
        return status;
    }

    private static AudienceScope audienceScope(ActivityRequests.Audience audience, List<FieldProblem> errors) {
        if (audience == null) {
            return AudienceScope.ORGANISATIONS;
        }
        try {
            return AudienceScope.valueOf(audience.scope().strip());
        } catch (IllegalArgumentException e) {
            errors.add(new FieldProblem("audience.scope", "须为 ORGANISATIONS、TENANT 或 ALLIANCE"));
            return null;
        }
    }

    /** The audience organisations: each must exist, be active and be managed by the caller (other tenants: invite). */
    private Mono<List<OrgRecord>> resolveAudience(Caller caller, AudienceScope scope, List<String> ids, List<FieldProblem> errors) {
        if (scope != AudienceScope.ORGANISATIONS) {
            return Mono.just(List.of());
        }
        return directory.organisations(caller.allianceId(), ids).collectMap(OrgRecord::id).map(found -> {
            List<OrgRecord> out = new ArrayList<>();
            for (int i = 0; i < ids.size(); i++) {
                OrgRecord o = found.get(ids.get(i));
                if (o == null || !o.active()) {
                    errors.add(new FieldProblem("audience.orgIds[" + i + "]", "党组织不存在或已撤销"));
                } else if (!ActivityAccess.managesOrg(caller, o)) {
                    errors.add(new FieldProblem("audience.orgIds[" + i + "]", "不在您的管理范围内；其他单位的党组织请以联建方式邀请（invitedOrgIds）"));
                } else {
                    out.add(o);
                }
            }
            return out;
        });
    }

    /** Invited organisations: of the same alliance (an id of another alliance is simply unknown), active, not the host's. */
    private Mono<List<OrgRecord>> resolveInvited(String allianceId, OrgRecord host, List<String> audienceIds, List<String> ids,
                                                 String field, List<FieldProblem> errors) {
        if (ids.isEmpty()) {
            return Mono.just(List.of());
        }
        return directory.organisations(allianceId, ids).collectMap(OrgRecord::id).map(found -> {
            List<OrgRecord> out = new ArrayList<>();
            for (int i = 0; i < ids.size(); i++) {
                OrgRecord o = found.get(ids.get(i));
                if (o == null || !o.active()) {
                    errors.add(new FieldProblem(field + "[" + i + "]", "党组织不存在或已撤销（只能邀请本联盟的党组织）"));
                } else if (o.id().equals(host.id()) || audienceIds.contains(o.id())) {
                    errors.add(new FieldProblem(field + "[" + i + "]", "主办组织或受众组织无须邀请"));
                } else {
                    out.add(o);
                }
            }
            return out;
        });
    }

    /** Where the host is located (its tenant's park/building), so district staff of that patch see its activities. */
    private Mono<Document> location(OrgRecord host) {
        if ("PARK".equals(host.ownerType()) && host.ownerId() != null) {
            return Mono.just(new Document("parkId", host.ownerId()));
        }
        if (host.tenantId() == null) {
            return Mono.just(new Document());
        }
        return tenants.get(Scope.system(host.allianceId(), host.tenantId()), host.tenantId())
                .map(t -> new Document("parkId", t.parkId()).append("buildingId", t.buildingId()))
                .defaultIfEmpty(new Document());
    }

    /** How many people the room must hold: the sign-up capacity, else the size of the audience. */
    public Mono<Integer> expectedAttendees(Document activity) {
        Document signUp = activity.get("signUp", Document.class);
        if (signUp != null && signUp.getInteger("capacity") != null) {
            return Mono.just(signUp.getInteger("capacity"));
        }
        Mono<Long> count = directory.countActiveMembers(activity.getString("allianceId"), ActivityAccess.audienceMembers(activity));
        return count.map(Long::intValue);
    }

    private static Document participant(OrgRecord o, String role, String status, String reason) {
        return new Document("orgId", o.id()).append("orgName", o.name()).append("tenantId", o.tenantId())
                .append("orgPath", o.path()).append("role", role).append("status", status).append("reason", reason);
    }

    private static Document audience(AudienceScope scope, List<OrgRecord> orgs) {
        return new Document("scope", scope.name())
                .append("orgIds", orgs.stream().map(OrgRecord::id).toList())
                .append("orgs", orgs.stream().map(o -> new Document("orgId", o.id()).append("name", o.name())
                        .append("tenantId", o.tenantId()).append("path", o.path())).toList());
    }

    /** Recomputes the fields that decide who sees the activity and who is in its audience. */
    static void derive(Document d) {
        Document audience = d.get("audience", Document.class);
        AudienceScope scope = AudienceScope.valueOf(audience.getString("scope"));
        List<Document> participants = d.getList("participants", Document.class, List.of());
        List<Document> accepted = participants.stream().filter(p -> "INVITED".equals(p.getString("role"))
                && "ACCEPTED".equals(p.getString("status"))).toList();
        List<Document> involved = participants.stream().filter(p -> !"DECLINED".equals(p.getString("status"))).toList();
        List<Document> audienceOrgs = audience.getList("orgs", Document.class, List.of());

        Set<String> audienceOrgIds = new LinkedHashSet<>();
        if (scope == AudienceScope.ORGANISATIONS) {
            audienceOrgIds.addAll(audience.getList("orgIds", String.class, List.of()));
            accepted.forEach(p -> audienceOrgIds.add(p.getString("orgId")));
        }
        Set<String> tenants = new LinkedHashSet<>();
        if (d.getString("tenantId") != null) {
            tenants.add(d.getString("tenantId"));
        }
        audienceOrgs.forEach(o -> {
            if (o.getString("tenantId") != null) {
                tenants.add(o.getString("tenantId"));
            }
        });
        involved.forEach(p -> {
            if (p.getString("tenantId") != null) {
                tenants.add(p.getString("tenantId"));
            }
        });
        if (scope == AudienceScope.ALLIANCE) {
            tenants.add(ActivityScopeRule.ALL_TENANTS);
        }
        Set<String> orgPaths = new LinkedHashSet<>(d.getList("hostOrgPath", String.class, List.of()));
        audienceOrgs.forEach(o -> orgPaths.addAll(o.getList("path", String.class, List.of())));
        involved.forEach(p -> orgPaths.addAll(p.getList("orgPath", String.class, List.of())));
        d.append("audienceOrgIds", List.copyOf(audienceOrgIds)).append("visibleTenantIds", List.copyOf(tenants))
                .append("visibleOrgPaths", List.copyOf(orgPaths));
    }

    private static Document derivedSets(Document after) {
        return new Document("audienceOrgIds", after.get("audienceOrgIds")).append("visibleTenantIds", after.get("visibleTenantIds"))
                .append("visibleOrgPaths", after.get("visibleOrgPaths"));
    }

    private static Document geofence(ActivityRequests.Geofence g) {
        return g == null ? null : new Document("latitude", g.latitude()).append("longitude", g.longitude()).append("radiusMeters", g.radiusMeters());
    }

    static List<String> distinct(List<String> values) {
        return values == null ? List.of() : values.stream().filter(Objects::nonNull).map(String::strip).distinct().toList();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    static <E extends Enum<E>> String parseEnum(Class<E> type, String value, String field) {
        try {
            return Enum.valueOf(type, value.strip()).name();
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(field, "取值无效");
        }
    }

    /** Activities matching a filter within the caller's visibility, for the calendar. */
    public Flux<Document> findVisible(Visibility v, Bson filter, Bson sort, long skip, int limit) {
        return activities.find(v.scope(), Filters.and(filter, v.filter()), sort, skip, limit);
    }

    public Mono<Long> countVisible(Visibility v, Bson filter) {
        return activities.count(v.scope(), Filters.and(filter, v.filter()));
    }

    static Map<String, Object> orderedMap(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    static <T> Map<String, T> byId(List<T> list, Function<T, String> id) {
        return list.stream().collect(Collectors.toMap(id, t -> t, (a, b) -> a, LinkedHashMap::new));
    }
}
