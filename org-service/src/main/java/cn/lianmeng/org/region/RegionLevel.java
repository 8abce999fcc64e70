package cn.lianmeng.org.region;

/** Levels of the region hierarchy (区 → 街道 → 社区); each level's parent is the level above. */
public enum RegionLevel {
    DISTRICT("区", null),
    STREET("街道", DISTRICT),
    COMMUNITY("社区", STREET);

    private final String label;
    private final RegionLevel parent;

    RegionLevel(String label, RegionLevel parent) {
        this.label = label;
        this.parent = parent;
    }

    public String label() {
        return label;
    }

    /** The level a region of this level must sit under, or null for a district (top level). */
    public RegionLevel parent() {
        return parent;
    }

    static RegionLevel of(String stored) {
        return stored == null ? null : valueOf(stored);
    }
}
