package cn.lianmeng.activity.activity;

import java.time.Instant;

import cn.lianmeng.platform.security.Caller;
import org.bson.Document;
import reactor.core.publisher.Mono;

/** Room bookings as the activity lifecycle needs them; implemented by the venue package. */
public interface VenueBookings {

    /**
     * Claims the room for {@code [start, end)} for the activity (its own earlier booking does not count as a
     * conflict). Answers the booking sub-document {@code {bookingId, roomId, roomName, centreId, centreName, date}}.
     * Fails with 404 (room unknown or of another alliance), 400 (outside opening hours, over capacity) or 409 (taken).
     */
    Mono<Document> claim(Caller caller, Document activity, String roomId, Instant start, Instant end, int expectedAttendees);

    /** Frees a booking (idempotent). */
    Mono<Void> release(String allianceId, Document booking);
}
