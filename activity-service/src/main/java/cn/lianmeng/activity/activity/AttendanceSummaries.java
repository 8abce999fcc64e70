package cn.lianmeng.activity.activity;

import java.time.Instant;

import org.bson.Document;
import reactor.core.publisher.Mono;

/** Attendance figures of an activity, computed when it is held; implemented by the check-in package. */
public interface AttendanceSummaries {

    /**
     * {@code {organisations: [{orgId, orgName, tenantId, orgPath, present, late, onLeave, absent, fullMembers,
     * fullPresent, quorumRequired, quorumMet}], reachedEnterpriseIds: [...], computedAt}}.
     */
    Mono<Document> summarise(Document activity, Instant now);
}
