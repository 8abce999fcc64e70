package cn.lianmeng.activity.venue;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Objects;

import cn.lianmeng.activity.activity.Times;
import cn.lianmeng.activity.activity.VenueBookings;
import cn.lianmeng.platform.data.MongoAccess;
import cn.lianmeng.platform.data.Scope;
import cn.lianmeng.platform.data.ScopeRule;
import cn.lianmeng.platform.data.ScopedCollection;
import cn.lianmeng.platform.security.Caller;
import cn.lianmeng.platform.security.Role;
import cn.lianmeng.platform.web.ApiException;
import cn.lianmeng.platform.web.FieldProblem;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Room bookings without transactions. Each room has one schedule document per day ({@code _id = roomId|yyyy-MM-dd})
 * whose {@code bookings} array holds that day's bookings. A booking is claimed by one conditional single-document
 * update — push the new booking only if no booking of another activity overlaps it
 * ({@code $nor: [{bookings: {$elemMatch: {start < end, end > start}}}]}) — so of any number of concurrent
 * overlapping requests exactly one matches and the rest are refused with 409, on real MongoDB and on the stand-in
 * alike. Bookings never span days (rooms open and close the same day).
 */
@Service
public class BookingService implements VenueBookings {

    private static final DateTimeFormatter HHMM = DateTimeFormatter.ofPattern("HH:mm").withZone(Times.ZONE);

    private final ScopedCollection days;
    private final VenueService venues;
    private final Clock clock;

    public BookingService(MongoAccess mongo, VenueService venues, Clock clock) {
        this.days = mongo.collection("room_schedule", allianceShared());
        this.venues = venues;
        this.clock = clock;
        days.ensureIndexInBackground(Indexes.ascending("roomId", "date"), new IndexOptions().name("room_date"));
        days.ensureIndexInBackground(Indexes.ascending("bookings.activityId"), new IndexOptions().name("booking_activity"));
    }

    /**
     * Room schedules belong to the alliance; any role of the alliance may claim a slot (after the booking rules), so
     * tenant-bound callers may write too — within their alliance only.
     */
    static ScopeRule allianceShared() {
        return new ScopeRule() {
            @Override
            public Bson filter(Scope scope) {
                return scope.kind() == Scope.Kind.UNRESTRICTED ? new Document() : Filters.eq(ALLIANCE, scope.allianceId());
            }

            @Override
            public boolean admits(Scope scope, Document doc) {
                return scope.kind() == Scope.Kind.UNRESTRICTED || Objects.equals(doc.getString(ALLIANCE), scope.allianceId());
            }
        };
    }

    static String dayId(String roomId, LocalDate date) {
        return roomId + "|" + date;
    }

    @Override
    public Mono<Document> claim(Caller caller, Document activity, String roomId, Instant start, Instant end, int expectedAttendees) {
        return venues.roomFor(caller, roomId)
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("会议室")))
                .flatMap(room -> {
                    if (!"ACTIVE".equals(room.getString("status"))) {
                        return Mono.error(ApiException.conflict("roomId", "该会议室暂停开放"));
                    }
                    List<FieldProblem> errors = new ArrayList<>();
                    String hours = OpeningHours.of(room.get("openingHours", Document.class)).problem(start, end, Times.ZONE);
                    if (hours != null) {
                        errors.add(new FieldProblem("startAt", hours));
                    }
                    int capacity = room.getInteger("capacity");
                    if (expectedAttendees > capacity) {
                        errors.add(new FieldProblem("roomId", "会议室容纳 " + capacity + " 人，本活动预计 " + expectedAttendees + " 人"));
                    }
                    if (!errors.isEmpty()) {
                        return Mono.error(ApiException.invalid(errors));
                    }
                    LocalDate date = start.atZone(Times.ZONE).toLocalDate();
                    String dayId = dayId(roomId, date);
                    String bookingId = new ObjectId().toHexString();
                    Document entry = new Document("bookingId", bookingId).append("activityId", activity.getString("_id"))
                            .append("title", activity.getString("title")).append("hostOrgId", activity.getString("hostOrgId"))
                            .append("hostOrgName", activity.getString("hostOrgName")).append("tenantId", activity.getString("tenantId"))
                            .append("start", Date.from(start)).append("end", Date.from(end))
                            .append("bookedBy", caller.actorName()).append("at", Date.from(clock.instant()));
                    Document booking = new Document("bookingId", bookingId).append("roomId", roomId).append("roomName", room.getString("name"))
                            .append("centreId", room.getString("centreId")).append("centreName", room.getString("centreName"))
                            .append("date", date.toString()).append("dayId", dayId);
                    Scope scope = Scope.system(room.getString("allianceId"), null);
                    return push(scope, dayId, entry, start, end)
                            .flatMap(ok -> ok ? Mono.just(true) : ensureDay(scope, room, date, dayId).then(push(scope, dayId, entry, start, end)))
                            .flatMap(ok -> ok ? Mono.just(booking) : conflict(scope, dayId, activity.getString("_id"), start, end));
                });
    }

    /** The atomic claim: push only if nothing of another activity overlaps {@code [start, end)}. */
    private Mono<Boolean> push(Scope scope, String dayId, Document entry, Instant start, Instant end) {
        Bson overlapping = Filters.elemMatch("bookings", Filters.and(Filters.lt("start", Date.from(end)), Filters.gt("end", Date.from(start)),
                Filters.ne("activityId", entry.getString("activityId"))));
        return days.updateOne(scope, Filters.and(Filters.eq("_id", dayId), Filters.nor(overlapping)), Updates.push("bookings", entry))
                .map(r -> r.getModifiedCount() == 1);
    }

    private Mono<Void> ensureDay(Scope scope, Document room, LocalDate date, String dayId) {
        Document day = new Document("_id", dayId).append("allianceId", room.getString("allianceId")).append("roomId", room.getString("_id"))
                .append("centreId", room.getString("centreId")).append("date", date.toString()).append("bookings", List.of());
        return days.insert(scope, day).then().onErrorResume(ScopedCollection::isDuplicateKey, e -> Mono.empty());
    }

    private Mono<Document> conflict(Scope scope, String dayId, String activityId, Instant start, Instant end) {
        return days.findById(scope, dayId).map(day -> day.getList("bookings", Document.class, List.of()).stream()
                        .filter(b -> !activityId.equals(b.getString("activityId")))
                        .filter(b -> b.getDate("start").toInstant().isBefore(end) && b.getDate("end").toInstant().isAfter(start))
                        .findFirst()
                        .map(b -> "该会议室 " + HHMM.format(b.getDate("start").toInstant()) + "–" + HHMM.format(b.getDate("end").toInstant()) + " 已被预订")
                        .orElse("该会议室在所选时间已被预订"))
                .defaultIfEmpty("该会议室在所选时间已被预订")
                .flatMap(msg -> Mono.error(ApiException.conflict("roomId", msg)));
    }

    @Override
    public Mono<Void> release(String allianceId, Document booking) {
        return days.updateOne(Scope.system(allianceId, null), Filters.eq("_id", booking.getString("dayId")),
                Updates.pull("bookings", new Document("bookingId", booking.getString("bookingId")))).then();
    }

    public record BookingView(String bookingId, String roomId, String date, OffsetDateTime start, OffsetDateTime end,
                              String activityId, String title, String hostOrgName, boolean own) {
    }

    /**
     * A room's bookings from {@code from} to {@code to} (inclusive, at most 31 days). Everyone in the alliance sees
     * when the room is taken; the title and host only when the booking is their tenant's (or they administer the
     * alliance).
     */
    public Mono<List<BookingView>> bookings(Caller caller, String roomId, LocalDate from, LocalDate to) {
        if (to.isBefore(from)) {
            return Mono.error(ApiException.badRequest("to", "不能早于 from"));
        }
        if (to.isAfter(from.plusDays(31))) {
            return Mono.error(ApiException.badRequest("to", "一次最多查询 31 天"));
        }
        if (!caller.hasAny(VenueService.READERS)) {
            return Mono.error(ApiException.forbidden());
        }
        return venues.roomFor(caller, roomId)
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("会议室")))
                .flatMap(room -> days.find(Scope.of(caller), Filters.and(Filters.eq("roomId", roomId),
                                Filters.gte("date", from.toString()), Filters.lte("date", to.toString())), Sorts.ascending("date"), 0, 40)
                        .flatMapIterable(d -> d.getList("bookings", Document.class, List.of()).stream().map(b -> {
                            boolean own = caller.has(Role.ALLIANCE_ADMIN) || Objects.equals(caller.tenantId(), b.getString("tenantId"));
                            return new BookingView(b.getString("bookingId"), roomId, d.getString("date"), Times.view(b.getDate("start")),
                                    Times.view(b.getDate("end")), own ? b.getString("activityId") : null, own ? b.getString("title") : "已预订",
                                    own ? b.getString("hostOrgName") : null, own);
                        }).toList())
                        .sort(Comparator.comparing(BookingView::start))
                        .collectList());
    }

    /** Bookings of one activity still held in room schedules (for release after a cancellation, idempotent). */
    public Mono<Void> releaseAllOf(String allianceId, String activityId) {
        return days.updateMany(Scope.system(allianceId, null), Filters.eq("bookings.activityId", activityId),
                Updates.pull("bookings", new Document("activityId", activityId))).then();
    }
}
