package cn.lianmeng.org.organisation;

/** How urgent a rule warning is; warnings never block a change, they say what the rules expect and why. */
public enum Severity {
    INFO("提示"),
    WARNING("预警"),
    CRITICAL("严重");

    private final String label;

    Severity(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
