package cn.lianmeng.org.organisation;

import java.util.Arrays;
import java.util.Optional;

/** Officer roles (书记 / 副书记 / 委员); secretaries and deputies are members of the committee too. */
public enum OfficerRole {
    SECRETARY("书记"),
    DEPUTY_SECRETARY("副书记"),
    COMMITTEE_MEMBER("委员");

    private final String label;

    OfficerRole(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static Optional<OfficerRole> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String v = value.strip();
        return Arrays.stream(values()).filter(r -> r.name().equalsIgnoreCase(v) || r.label.equals(v)).findFirst();
    }
}
