package cn.lianmeng.activity.activity;

/** Lifecycle: DRAFT → SCHEDULED → (IN_PROGRESS) → HELD, or CANCELLED (with a reason) before it is held. */
public enum ActivityStatus {
    DRAFT("草稿"),
    SCHEDULED("已发布"),
    IN_PROGRESS("进行中"),
    HELD("已举行"),
    CANCELLED("已取消");

    private final String label;

    ActivityStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Whether the activity is still ahead or running (can be changed, signed up for, checked in to). */
    public boolean open() {
        return this == SCHEDULED || this == IN_PROGRESS;
    }
}
