package cn.lianmeng.org.member;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Once the service is ready, gives {@code orgPath} to member documents written before the field existed (see
 * {@link MemberService#backfillOrgPaths()}); new and moved members get it on their own write. Runs in the
 * background and logs what it did; a failure is logged and retried on the next start.
 */
@Component
class OrgPathBackfill {

    private static final Logger log = LoggerFactory.getLogger(OrgPathBackfill.class);

    private final MemberService members;

    OrgPathBackfill(MemberService members) {
        this.members = members;
    }

    @EventListener(ApplicationReadyEvent.class)
    void backfill() {
        members.backfillOrgPaths().subscribe(
                n -> {
                    if (n > 0) {
                        log.info("gave orgPath to {} member documents written before the field existed", n);
                    }
                },
                e -> log.warn("orgPath backfill failed; members without orgPath are missing from subtree lists until the next start", e));
    }
}
