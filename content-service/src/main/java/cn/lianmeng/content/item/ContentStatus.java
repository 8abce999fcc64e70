package cn.lianmeng.content.item;

/** States of the review workflow: DRAFT → IN_REVIEW → (SCHEDULED →) PUBLISHED → ARCHIVED; rejected items go back to DRAFT. */
public enum ContentStatus {
    DRAFT("草稿"),
    IN_REVIEW("待审核"),
    SCHEDULED("已审核，定时发布"),
    PUBLISHED("已发布"),
    WITHDRAWN("已撤回"),
    ARCHIVED("已归档");

    private final String label;

    ContentStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
