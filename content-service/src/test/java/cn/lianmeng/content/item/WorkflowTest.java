package cn.lianmeng.content.item;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WorkflowTest {

    @Test
    void theHappyPath() {
        assertThat(Workflow.next(Workflow.Action.SUBMIT, ContentStatus.DRAFT, false)).contains(ContentStatus.IN_REVIEW);
        assertThat(Workflow.next(Workflow.Action.APPROVE, ContentStatus.IN_REVIEW, false)).contains(ContentStatus.PUBLISHED);
        assertThat(Workflow.next(Workflow.Action.APPROVE, ContentStatus.IN_REVIEW, true)).contains(ContentStatus.SCHEDULED);
        assertThat(Workflow.next(Workflow.Action.PUBLISH, ContentStatus.SCHEDULED, false)).contains(ContentStatus.PUBLISHED);
        assertThat(Workflow.next(Workflow.Action.ARCHIVE, ContentStatus.PUBLISHED, false)).contains(ContentStatus.ARCHIVED);
    }

    @Test
    void rejectionGoesBackToDraftAndWithdrawnItemsCanBeEditedAgain() {
        assertThat(Workflow.next(Workflow.Action.REJECT, ContentStatus.IN_REVIEW, false)).contains(ContentStatus.DRAFT);
        assertThat(Workflow.next(Workflow.Action.WITHDRAW, ContentStatus.PUBLISHED, false)).contains(ContentStatus.WITHDRAWN);
        assertThat(Workflow.next(Workflow.Action.WITHDRAW, ContentStatus.SCHEDULED, false)).contains(ContentStatus.WITHDRAWN);
        assertThat(Workflow.next(Workflow.Action.EDIT, ContentStatus.WITHDRAWN, false)).contains(ContentStatus.DRAFT);
    }

    @Test
    void forbiddenMoves() {
        assertThat(Workflow.next(Workflow.Action.APPROVE, ContentStatus.DRAFT, false)).isEmpty();
        assertThat(Workflow.next(Workflow.Action.EDIT, ContentStatus.PUBLISHED, false)).isEmpty();
        assertThat(Workflow.next(Workflow.Action.EDIT, ContentStatus.IN_REVIEW, false)).isEmpty();
        assertThat(Workflow.next(Workflow.Action.PUBLISH, ContentStatus.PUBLISHED, false)).isEmpty();
        assertThat(Workflow.next(Workflow.Action.WITHDRAW, ContentStatus.ARCHIVED, false)).isEmpty();
        assertThat(Workflow.next(Workflow.Action.SUBMIT, ContentStatus.ARCHIVED, false)).isEmpty();
        assertThat(Workflow.readable(ContentStatus.WITHDRAWN)).isFalse();
        assertThat(Workflow.readable(ContentStatus.ARCHIVED)).isTrue();
    }
}
