package cn.lianmeng.activity.venue;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;

import cn.lianmeng.activity.activity.Times;
import cn.lianmeng.activity.directory.OrgDirectory;
import cn.lianmeng.platform.audit.AuditLog;
import cn.lianmeng.platform.audit.AuditLog.Result;
import cn.lianmeng.platform.data.MongoAccess;
import cn.lianmeng.platform.data.Scope;
import cn.lianmeng.platform.data.ScopeRule;
import cn.lianmeng.platform.data.ScopedCollection;
import cn.lianmeng.platform.privacy.Masking;
import cn.lianmeng.platform.security.Caller;
import cn.lianmeng.platform.security.Role;
import cn.lianmeng.platform.web.ApiException;
import cn.lianmeng.platform.web.FieldProblem;
import cn.lianmeng.platform.web.PageQuery;
import cn.lianmeng.platform.web.PageResult;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Party-mass service centres (党群服务中心) and their rooms, owned by the alliance or by one of its parks. Alliance
 * administrators manage them; everyone in the alliance may see them and book rooms for their activities.
 */
@Service
public class VenueService {

    public static final Set<String> CENTRE_SORTABLE = Set.of("name", "createdAt");
    public static final Set<String> ROOM_SORTABLE = Set.of("name", "capacity");
    static final Set<Role> READERS = Set.of(Role.ALLIANCE_ADMIN, Role.ENTERPRISE_ADMIN, Role.ORG_ADMIN, Role.DISTRICT_STAFF, Role.MEMBER);

    private final ScopedCollection centres;
    private final ScopedCollection rooms;
    private final OrgDirectory directory;
    private final AuditLog audit;
    private final Clock clock;

    public VenueService(MongoAccess mongo, OrgDirectory directory, AuditLog audit, Clock clock) {
        this.centres = mongo.collection("service_centres", ScopeRule.allianceOwned());
        this.rooms = mongo.collection("rooms", ScopeRule.allianceOwned());
        this.directory = directory;
        this.audit = audit;
        this.clock = clock;
        centres.ensureIndexInBackground(Indexes.ascending("allianceId", "name"), new IndexOptions().unique(true).name("alliance_name_unique"));
        rooms.ensureIndexInBackground(Indexes.ascending("centreId", "name"), new IndexOptions().unique(true).name("centre_name_unique"));
        rooms.ensureIndexInBackground(Indexes.ascending("allianceId", "centreId"), new IndexOptions().name("alliance_centre"));
    }

    public record Location(@NotNull(message = "不能为空") @DecimalMin(value = "-90", message = "须在 -90 到 90 之间") @DecimalMax(value = "90", message = "须在 -90 到 90 之间") Double latitude,
                           @NotNull(message = "不能为空") @DecimalMin(value = "-180", message = "须在 -180 到 180 之间") @DecimalMax(value = "180", message = "须在 -180 到 180 之间") Double longitude) {
    }

    public record CentreRequest(
            Long version,
            @NotBlank(message = "不能为空") @Size(max = 100, message = "不能超过 100 字") String name,
            @NotBlank(message = "不能为空") @Pattern(regexp = "ALLIANCE|PARK", message = "须为 ALLIANCE 或 PARK") String ownerType,
            @Size(max = 64, message = "过长") String parkId,
            @NotBlank(message = "不能为空") @Size(max = 200, message = "不能超过 200 字") String address,
            @Valid Location location,
            @Size(max = 30, message = "不能超过 30 字") String contactName,
            @Pattern(regexp = "1\\d{10}|0\\d{2,3}-?\\d{7,8}", message = "须为手机号或固定电话") String contactPhone,
            @Pattern(regexp = "ACTIVE|CLOSED", message = "须为 ACTIVE 或 CLOSED") String status) {
    }

    public record HoursRequest(@NotBlank(message = "不能为空") String opensAt, @NotBlank(message = "不能为空") String closesAt,
                               @NotNull(message = "不能为空") List<Integer> days) {
    }

    public record RoomRequest(
            Long version,
            @NotBlank(message = "不能为空") @Size(max = 50, message = "不能超过 50 字") String name,
            @NotNull(message = "不能为空") @Min(value = 1, message = "须大于 0") @Max(value = 5000, message = "不能超过 5000") Integer capacity,
            @Size(max = 20, message = "最多 20 项") List<@NotBlank(message = "不能为空") @Size(max = 30, message = "不能超过 30 字") String> facilities,
            @NotNull(message = "不能为空") @Valid HoursRequest openingHours,
            @Pattern(regexp = "ACTIVE|CLOSED", message = "须为 ACTIVE 或 CLOSED") String status) {
    }

    public record CentreView(String id, String allianceId, String name, String ownerType, String parkId, String parkName,
                             String address, Double latitude, Double longitude, String contactName, String contactPhone,
                             String status, long version, OffsetDateTime createdAt, OffsetDateTime updatedAt) {

        static CentreView of(Document d, boolean unmask) {
            Document loc = d.get("location", Document.class);
            String phone = d.getString("contactPhone");
            return new CentreView(d.getString("_id"), d.getString("allianceId"), d.getString("name"), d.getString("ownerType"),
                    d.getString("parkId"), d.getString("parkName"), d.getString("address"),
                    loc == null ? null : loc.get("latitude", Number.class).doubleValue(),
                    loc == null ? null : loc.get("longitude", Number.class).doubleValue(), d.getString("contactName"),
                    unmask ? phone : Masking.phone(phone), d.getString("status"), d.get("version", Number.class).longValue(),
                    Times.view(d.getDate("createdAt")), Times.view(d.getDate("updatedAt")));
        }
    }

    public record Hours(String opensAt, String closesAt, List<Integer> days) {
    }

    public record RoomView(String id, String allianceId, String centreId, String centreName, String name, int capacity,
                           List<String> facilities, Hours openingHours, String status, long version) {

        static RoomView of(Document d) {
            Document h = d.get("openingHours", Document.class);
            return new RoomView(d.getString("_id"), d.getString("allianceId"), d.getString("centreId"), d.getString("centreName"),
                    d.getString("name"), d.getInteger("capacity"), d.getList("facilities", String.class, List.of()),
                    new Hours(h.getString("opensAt"), h.getString("closesAt"), h.getList("days", Integer.class, List.of())),
                    d.getString("status"), d.get("version", Number.class).longValue());
        }
    }

    private static Mono<Caller> admin(Caller caller) {
        return caller.has(Role.ALLIANCE_ADMIN) ? Mono.just(caller) : Mono.error(ApiException.forbidden("仅联盟管理员可管理党群服务中心"));
    }

    private static Mono<Caller> reader(Caller caller) {
        return caller.hasAny(READERS) ? Mono.just(caller) : Mono.error(ApiException.forbidden());
    }

    // ---- centres ------------------------------------------------------------------------------------------------

    public Mono<CentreView> createCentre(Caller caller, CentreRequest req) {
        return admin(caller).flatMap(c -> centreFields(c, req).flatMap(fields -> {
            Instant now = clock.instant();
            String id = new ObjectId().toHexString();
            Document doc = new Document("_id", id).append("allianceId", c.allianceId());
            doc.putAll(fields);
            doc.append("version", 1L).append("createdAt", Date.from(now)).append("updatedAt", Date.from(now)).append("createdBy", c.accountId());
            return centres.insert(Scope.of(c), doc)
                    .onErrorMap(ScopedCollection::isDuplicateKey, e -> ApiException.conflict("name", "本联盟已有同名的党群服务中心"))
                    .flatMap(d -> audit.record(c, "SERVICE_CENTRE_CREATED", "service-centre", id, null, Result.SUCCESS,
                            Map.of("name", req.name())).thenReturn(CentreView.of(d, true)));
        }));
    }

    public Mono<CentreView> updateCentre(Caller caller, String id, CentreRequest req) {
        if (req.version() == null) {
            return Mono.error(ApiException.badRequest("version", "不能为空（用于并发控制）"));
        }
        return admin(caller).flatMap(c -> centres.findById(Scope.of(c), id)
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("党群服务中心")))
                .flatMap(current -> centreFields(c, req).flatMap(fields -> {
                    List<Bson> sets = new ArrayList<>();
                    fields.forEach((k, v) -> sets.add(Updates.set(k, v)));
                    sets.add(Updates.inc("version", 1L));
                    sets.add(Updates.set("updatedAt", Date.from(clock.instant())));
                    return centres.updateAndGet(Scope.of(c), Filters.and(Filters.eq("_id", id), Filters.eq("version", req.version())),
                                    Updates.combine(sets))
                            .onErrorMap(ScopedCollection::isDuplicateKey, e -> ApiException.conflict("name", "本联盟已有同名的党群服务中心"))
                            .switchIfEmpty(Mono.error(() -> ApiException.conflict("version", "党群服务中心已被他人修改，请刷新后重试")))
                            .flatMap(d -> (d.getString("name").equals(current.getString("name")) ? Mono.<Void>empty()
                                    : rooms.updateMany(Scope.of(c), Filters.eq("centreId", id), Updates.set("centreName", d.getString("name"))).then())
                                    .then(audit.record(c, "SERVICE_CENTRE_UPDATED", "service-centre", id, null, Result.SUCCESS, Map.of()))
                                    .thenReturn(CentreView.of(d, true)));
                })));
    }

    private Mono<Document> centreFields(Caller caller, CentreRequest req) {
        boolean park = "PARK".equals(req.ownerType());
        if (park && (req.parkId() == null || req.parkId().isBlank())) {
            return Mono.error(ApiException.badRequest("parkId", "园区所属的党群服务中心须指定园区"));
        }
        if (!park && req.parkId() != null && !req.parkId().isBlank()) {
            return Mono.error(ApiException.badRequest("parkId", "联盟所属的党群服务中心不指定园区"));
        }
        Mono<String> parkName = !park ? Mono.just("") : directory.place(caller.allianceId(), req.parkId().strip(), "PARK")
                .map(p -> p.getString("name"))
                .switchIfEmpty(Mono.error(() -> ApiException.badRequest("parkId", "园区不存在（须为本联盟的园区）")));
        return parkName.map(name -> new Document("name", req.name().strip()).append("ownerType", req.ownerType())
                .append("parkId", park ? req.parkId().strip() : null).append("parkName", park ? name : null)
                .append("address", req.address().strip())
                .append("location", req.location() == null ? null
                        : new Document("latitude", req.location().latitude()).append("longitude", req.location().longitude()))
                .append("contactName", req.contactName()).append("contactPhone", req.contactPhone())
                .append("status", req.status() == null ? "ACTIVE" : req.status()));
    }

    public Mono<CentreView> centre(Caller caller, String id) {
        return reader(caller).flatMap(c -> centres.findById(Scope.of(c), id))
                .map(d -> CentreView.of(d, caller.has(Role.ALLIANCE_ADMIN)))
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("党群服务中心")));
    }

    public Mono<PageResult<CentreView>> centres(Caller caller, String parkId, PageQuery page) {
        return reader(caller).flatMap(c -> centres.page(Scope.of(c), parkId == null ? new Document() : Filters.eq("parkId", parkId), page,
                d -> CentreView.of(d, c.has(Role.ALLIANCE_ADMIN))));
    }

    // ---- rooms ----------------------------------------------------------------------------------------------------

    public Mono<RoomView> createRoom(Caller caller, String centreId, RoomRequest req) {
        return admin(caller).flatMap(c -> centres.findById(Scope.of(c), centreId)
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("党群服务中心")))
                .flatMap(centre -> roomFields(req).flatMap(fields -> {
                    Instant now = clock.instant();
                    String id = new ObjectId().toHexString();
                    Document doc = new Document("_id", id).append("allianceId", c.allianceId()).append("centreId", centreId)
                            .append("centreName", centre.getString("name")).append("parkId", centre.getString("parkId"));
                    doc.putAll(fields);
                    doc.append("version", 1L).append("createdAt", Date.from(now)).append("updatedAt", Date.from(now));
                    return rooms.insert(Scope.of(c), doc)
                            .onErrorMap(ScopedCollection::isDuplicateKey, e -> ApiException.conflict("name", "该服务中心已有同名会议室"))
                            .flatMap(d -> audit.record(c, "ROOM_CREATED", "room", id, null, Result.SUCCESS,
                                    Map.of("centreId", centreId, "name", req.name())).thenReturn(RoomView.of(d)));
                })));
    }

    public Mono<RoomView> updateRoom(Caller caller, String id, RoomRequest req) {
        if (req.version() == null) {
            return Mono.error(ApiException.badRequest("version", "不能为空（用于并发控制）"));
        }
        return admin(caller).flatMap(c -> rooms.findById(Scope.of(c), id)
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("会议室")))
                .flatMap(current -> roomFields(req).flatMap(fields -> {
                    List<Bson> sets = new ArrayList<>();
                    fields.forEach((k, v) -> sets.add(Updates.set(k, v)));
                    sets.add(Updates.inc("version", 1L));
                    sets.add(Updates.set("updatedAt", Date.from(clock.instant())));
                    return rooms.updateAndGet(Scope.of(c), Filters.and(Filters.eq("_id", id), Filters.eq("version", req.version())),
                                    Updates.combine(sets))
                            .onErrorMap(ScopedCollection::isDuplicateKey, e -> ApiException.conflict("name", "该服务中心已有同名会议室"))
                            .switchIfEmpty(Mono.error(() -> ApiException.conflict("version", "会议室已被他人修改，请刷新后重试")))
                            .flatMap(d -> audit.record(c, "ROOM_UPDATED", "room", id, null, Result.SUCCESS, Map.of())
                                    .thenReturn(RoomView.of(d)));
                })));
    }

    private Mono<Document> roomFields(RoomRequest req) {
        List<FieldProblem> errors = new ArrayList<>();
        OpeningHours hours = OpeningHours.parse(req.openingHours().opensAt(), req.openingHours().closesAt(), req.openingHours().days(), errors);
        if (!errors.isEmpty()) {
            return Mono.error(ApiException.invalid(errors));
        }
        return Mono.just(new Document("name", req.name().strip()).append("capacity", req.capacity())
                .append("facilities", req.facilities() == null ? List.of() : req.facilities().stream().map(String::strip).distinct().toList())
                .append("openingHours", hours.toDocument()).append("status", req.status() == null ? "ACTIVE" : req.status()));
    }

    public Mono<RoomView> room(Caller caller, String id) {
        return reader(caller).flatMap(c -> rooms.findById(Scope.of(c), id)).map(RoomView::of)
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("会议室")));
    }

    public Mono<PageResult<RoomView>> rooms(Caller caller, String centreId, Integer minCapacity, PageQuery page) {
        return reader(caller).flatMap(c -> centres.findById(Scope.of(c), centreId)
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("党群服务中心")))
                .flatMap(centre -> rooms.page(Scope.of(c), Filters.and(Filters.eq("centreId", centreId),
                        minCapacity == null ? new Document() : Filters.gte("capacity", minCapacity)), page, RoomView::of)));
    }

    /** A room the caller's alliance owns (empty for another alliance's room). */
    Mono<Document> roomFor(Caller caller, String id) {
        return rooms.findById(Scope.of(caller), id);
    }
}
