package cn.lianmeng.org.coverage;

import java.util.Arrays;
import java.util.Optional;

/** The scopes coverage is reported for (DESIGN §3), with the facts fields that place an enterprise in one. */
public enum ScopeType {
    ALLIANCE("联盟", "allianceId", null),
    DISTRICT("区", "districtId", "district"),
    STREET("街道", "streetId", "street"),
    PARK("园区", "parkId", "park"),
    BUILDING("楼宇", "buildingId", "building");

    private final String label;
    private final String idField;
    private final String nameField;

    ScopeType(String label, String idField, String nameField) {
        this.label = label;
        this.idField = idField;
        this.nameField = nameField;
    }

    public String label() {
        return label;
    }

    /** The facts field holding the id of this kind of place. */
    public String idField() {
        return idField;
    }

    /** The facts field holding the name of this kind of place (null for the alliance). */
    public String nameField() {
        return nameField;
    }

    /** The key of one scope of this type, e.g. {@code PARK:p1}. */
    public String key(String id) {
        return name() + ":" + id;
    }

    public static Optional<ScopeType> parse(String value) {
        return Arrays.stream(values()).filter(t -> t.name().equals(value)).findFirst();
    }
}
