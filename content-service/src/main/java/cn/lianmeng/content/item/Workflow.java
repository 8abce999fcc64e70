package cn.lianmeng.content.item;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The review workflow as a table: which action is allowed from which state and where it leads. Pure, unit-tested.
 *
 * <pre>
 * edit      DRAFT, WITHDRAWN            → DRAFT
 * submit    DRAFT, WITHDRAWN            → IN_REVIEW
 * approve   IN_REVIEW                   → PUBLISHED (or SCHEDULED when its publishing time lies ahead)
 * reject    IN_REVIEW                   → DRAFT (with the reviewer's reason)
 * publish   SCHEDULED                   → PUBLISHED (the scheduler, when the time has come)
 * withdraw  PUBLISHED, SCHEDULED        → WITHDRAWN
 * archive   PUBLISHED, WITHDRAWN        → ARCHIVED
 * </pre>
 */
public final class Workflow {

    public enum Action { EDIT, SUBMIT, APPROVE, REJECT, PUBLISH, WITHDRAW, ARCHIVE }

    private static final Map<Action, Set<ContentStatus>> FROM = Map.of(
            Action.EDIT, Set.of(ContentStatus.DRAFT, ContentStatus.WITHDRAWN),
            Action.SUBMIT, Set.of(ContentStatus.DRAFT, ContentStatus.WITHDRAWN),
            Action.APPROVE, Set.of(ContentStatus.IN_REVIEW),
            Action.REJECT, Set.of(ContentStatus.IN_REVIEW),
            Action.PUBLISH, Set.of(ContentStatus.SCHEDULED),
            Action.WITHDRAW, Set.of(ContentStatus.PUBLISHED, ContentStatus.SCHEDULED),
            Action.ARCHIVE, Set.of(ContentStatus.PUBLISHED, ContentStatus.WITHDRAWN));

    private Workflow() {
    }

    /** The state after the action, or empty when the action is not allowed in the current state. */
    public static Optional<ContentStatus> next(Action action, ContentStatus current, boolean publishLater) {
        if (!FROM.get(action).contains(current)) {
            return Optional.empty();
        }
        return Optional.of(switch (action) {
            case EDIT, REJECT -> ContentStatus.DRAFT;
            case SUBMIT -> ContentStatus.IN_REVIEW;
            case APPROVE -> publishLater ? ContentStatus.SCHEDULED : ContentStatus.PUBLISHED;
            case PUBLISH -> ContentStatus.PUBLISHED;
            case WITHDRAW -> ContentStatus.WITHDRAWN;
            case ARCHIVE -> ContentStatus.ARCHIVED;
        });
    }

    /** Statuses whose items their audience may read. */
    public static boolean readable(ContentStatus status) {
        return status == ContentStatus.PUBLISHED || status == ContentStatus.ARCHIVED;
    }
}
