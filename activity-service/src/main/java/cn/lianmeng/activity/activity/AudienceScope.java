package cn.lianmeng.activity.activity;

/**
 * Who an activity is for: the members of given organisations (each with its sub-organisations), everyone in the host's
 * tenant, or everyone in the alliance (alliance administrators only). A joint activity's audience is always the members
 * of the host organisation and of the invited organisations that accepted.
 */
public enum AudienceScope {
    ORGANISATIONS("指定党组织"),
    TENANT("本单位全体党员"),
    ALLIANCE("联盟全体党员");

    private final String label;

    AudienceScope(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
