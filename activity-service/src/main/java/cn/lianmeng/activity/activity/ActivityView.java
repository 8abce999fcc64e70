package cn.lianmeng.activity.activity;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.function.Predicate;

import org.bson.Document;

/** An activity as the API shows it. Attendance figures are limited to the organisations the caller may see. */
public record ActivityView(String id, String allianceId, String tenantId, String hostOrgId, String hostOrgName,
                           String type, String typeLabel, String title, String description, String mode, String modeLabel,
                           String address, Room room, String meetingUrl, Geofence geofence,
                           OffsetDateTime startAt, OffsetDateTime endAt, boolean signUpRequired, Integer capacity,
                           int seatsTaken, Audience audience, boolean joint, List<Participant> participants,
                           String status, String statusLabel, String cancelReason, OffsetDateTime cancelledAt,
                           OffsetDateTime heldAt, Minutes minutes, Attendance attendance, String seriesId,
                           String occurrenceDate, boolean canManage, long version, OffsetDateTime createdAt,
                           OffsetDateTime updatedAt) {

    public record Room(String roomId, String roomName, String centreId, String centreName, String bookingId) {
    }

    public record Geofence(double latitude, double longitude, int radiusMeters) {
    }

    public record Audience(String scope, String scopeLabel, List<String> orgIds) {
    }

    public record Participant(String orgId, String orgName, String tenantId, String role, String status, String reason,
                              OffsetDateTime respondedAt) {
    }

    public record Attachment(String name, String ref) {
    }

    public record Minutes(String topic, String content, List<String> decisions, List<Attachment> attachments,
                          String recordedBy, OffsetDateTime recordedAt) {
    }

    public record OrgAttendance(String orgId, String orgName, String tenantId, int present, int late, int onLeave, int absent,
                                int fullMembers, int fullPresent, boolean quorumRequired, boolean quorumMet) {
    }

    public record Attendance(List<OrgAttendance> organisations, OffsetDateTime computedAt) {
    }

    /**
     * @param orgVisible which participating organisations' attendance the caller may see (all for the host side)
     */
    public static ActivityView of(Document d, boolean canManage, Predicate<Document> orgVisible) {
        Document venue = d.get("booking", Document.class);
        Room room = venue == null ? null : new Room(venue.getString("roomId"), venue.getString("roomName"),
                venue.getString("centreId"), venue.getString("centreName"), venue.getString("bookingId"));
        Document g = d.get("geofence", Document.class);
        Geofence geofence = g == null ? null : new Geofence(g.get("latitude", Number.class).doubleValue(),
                g.get("longitude", Number.class).doubleValue(), g.get("radiusMeters", Number.class).intValue());
        Document a = d.get("audience", Document.class);
        AudienceScope scope = AudienceScope.valueOf(a.getString("scope"));
        Audience audience = new Audience(scope.name(), scope.label(), a.getList("orgIds", String.class, List.of()));
        List<Participant> participants = d.getList("participants", Document.class, List.of()).stream()
                .map(p -> new Participant(p.getString("orgId"), p.getString("orgName"), p.getString("tenantId"), p.getString("role"),
                        p.getString("status"), p.getString("reason"), Times.view(p.getDate("respondedAt"))))
                .toList();
        Document m = d.get("minutes", Document.class);
        Minutes minutes = m == null ? null : new Minutes(m.getString("topic"), m.getString("content"),
                m.getList("decisions", String.class, List.of()),
                m.getList("attachments", Document.class, List.of()).stream().map(x -> new Attachment(x.getString("name"), x.getString("ref"))).toList(),
                m.getString("recordedBy"), Times.view(m.getDate("recordedAt")));
        Document att = d.get("attendance", Document.class);
        Attendance attendance = att == null ? null : new Attendance(att.getList("organisations", Document.class, List.of()).stream()
                .filter(orgVisible)
                .map(o -> new OrgAttendance(o.getString("orgId"), o.getString("orgName"), o.getString("tenantId"),
                        o.getInteger("present", 0), o.getInteger("late", 0), o.getInteger("onLeave", 0), o.getInteger("absent", 0),
                        o.getInteger("fullMembers", 0), o.getInteger("fullPresent", 0), o.getBoolean("quorumRequired", false),
                        o.getBoolean("quorumMet", false)))
                .toList(), Times.view(att.getDate("computedAt")));
        ActivityType type = ActivityType.valueOf(d.getString("type"));
        ActivityMode mode = ActivityMode.valueOf(d.getString("mode"));
        ActivityStatus status = ActivityStatus.valueOf(d.getString("status"));
        Document signUp = d.get("signUp", Document.class);
        return new ActivityView(d.getString("_id"), d.getString("allianceId"), d.getString("tenantId"), d.getString("hostOrgId"),
                d.getString("hostOrgName"), type.name(), type.label(), d.getString("title"), d.getString("description"),
                mode.name(), mode.label(), d.getString("address"), room, d.getString("meetingUrl"), geofence,
                Times.view(d.getDate("startAt")), Times.view(d.getDate("endAt")), signUp != null && signUp.getBoolean("enabled", false),
                signUp == null ? null : signUp.getInteger("capacity"), d.getInteger("seatsTaken", 0), audience,
                d.getBoolean("joint", false), participants, status.name(), status.label(), d.getString("cancelReason"),
                Times.view(d.getDate("cancelledAt")), Times.view(d.getDate("heldAt")), minutes, attendance,
                d.getString("seriesId"), d.getString("occurrenceDate"), canManage, d.get("version", Number.class).longValue(),
                Times.view(d.getDate("createdAt")), Times.view(d.getDate("updatedAt")));
    }
}
