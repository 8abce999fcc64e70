package cn.lianmeng.org.organisation;

import java.util.Arrays;
import java.util.Optional;

/**
 * Who owns an organisation tree: an enterprise (tenant-owned, {@code tenantId} = the enterprise), the alliance or a
 * park (alliance-owned, {@code tenantId} null, maintained by alliance administrators).
 */
public enum OwnerType {
    ENTERPRISE("企业"),
    ALLIANCE("联盟"),
    PARK("园区");

    private final String label;

    OwnerType(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static Optional<OwnerType> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String v = value.strip();
        return Arrays.stream(values()).filter(o -> o.name().equalsIgnoreCase(v) || o.label.equals(v)).findFirst();
    }
}
