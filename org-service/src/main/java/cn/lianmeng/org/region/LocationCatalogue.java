package cn.lianmeng.org.region;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One in-memory snapshot of an alliance's regions, parks and buildings, for resolving the names people type (or keep
 * in spreadsheets) to ids: in bulk for the import, and for single requests. Built by
 * {@link RegionService#catalogue(cn.lianmeng.platform.data.Scope)}; immutable and safe to share between threads.
 * Names are compared after trimming surrounding white space (including the full-width space), otherwise exactly.
 */
public final class LocationCatalogue {

    private final String allianceId;
    private final Map<String, Place> regions;
    private final Map<String, RegionLevel> levels;
    private final Map<String, Place> parks;
    private final Map<String, Place> buildings;
    private final Map<String, Place> regionByParentAndName;
    private final Map<String, Place> parkByName;
    private final Map<String, Place> buildingByName;

    private LocationCatalogue(Builder b) {
        this.allianceId = b.allianceId;
        this.regions = Map.copyOf(b.regions);
        this.levels = Map.copyOf(b.levels);
        this.parks = Map.copyOf(b.parks);
        this.buildings = Map.copyOf(b.buildings);
        Map<String, Place> byParent = new HashMap<>();
        b.regions.values().forEach(p -> byParent.putIfAbsent(key(p.parentId(), p.name()), p));
        this.regionByParentAndName = Map.copyOf(byParent);
        Map<String, Place> parkNames = new HashMap<>();
        b.parks.values().forEach(p -> parkNames.putIfAbsent(normalise(p.name()), p));
        this.parkByName = Map.copyOf(parkNames);
        Map<String, Place> buildingNames = new HashMap<>();
        b.buildings.values().forEach(p -> buildingNames.putIfAbsent(normalise(p.name()), p));
        this.buildingByName = Map.copyOf(buildingNames);
    }

    public static Builder builder(String allianceId) {
        return new Builder(allianceId);
    }

    static String normalise(String name) {
        return name == null ? "" : name.strip();
    }

    private static String key(String parentId, String name) {
        return (parentId == null ? "" : parentId) + '\u0000' + normalise(name);
    }

    public String allianceId() {
        return allianceId;
    }

    /** The district (区) of that name. */
    public Optional<Place> district(String name) {
        return region(null, name, RegionLevel.DISTRICT);
    }

    /** The street (街道/镇) of that name within the district. */
    public Optional<Place> street(String districtId, String name) {
        return districtId == null ? Optional.empty() : region(districtId, name, RegionLevel.STREET);
    }

    /** The community (社区/居委) of that name within the street. */
    public Optional<Place> community(String streetId, String name) {
        return streetId == null ? Optional.empty() : region(streetId, name, RegionLevel.COMMUNITY);
    }

    private Optional<Place> region(String parentId, String name, RegionLevel level) {
        Place p = regionByParentAndName.get(key(parentId, name));
        return p != null && levels.get(p.id()) == level ? Optional.of(p) : Optional.empty();
    }

    public Optional<Place> park(String name) {
        return Optional.ofNullable(parkByName.get(normalise(name)));
    }

    public Optional<Place> building(String name) {
        return Optional.ofNullable(buildingByName.get(normalise(name)));
    }

    /** A region, park or building by id. */
    public Optional<Place> byId(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Place p = regions.get(id);
        if (p == null) {
            p = parks.get(id);
        }
        if (p == null) {
            p = buildings.get(id);
        }
        return Optional.ofNullable(p);
    }

    public Optional<Place> regionById(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(regions.get(id));
    }

    public Optional<Place> parkById(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(parks.get(id));
    }

    public Optional<Place> buildingById(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(buildings.get(id));
    }

    /** The level of a region id, empty when the id is not a region of this alliance. */
    public Optional<RegionLevel> level(String regionId) {
        return regionId == null ? Optional.empty() : Optional.ofNullable(levels.get(regionId));
    }

    /** The district a region, park or building lies in (itself for a district), when known. */
    public Optional<Place> districtOf(String id) {
        Place p = byId(id).orElse(null);
        if (p != null && !regions.containsKey(p.id())) {
            p = p.parentId() == null ? null : regions.get(p.parentId());
        }
        while (p != null && levels.get(p.id()) != RegionLevel.DISTRICT) {
            p = p.parentId() == null ? null : regions.get(p.parentId());
        }
        return Optional.ofNullable(p);
    }

    /** The street a region below district level, a park or a building lies in (itself for a street), when known. */
    public Optional<Place> streetOf(String id) {
        Place p = byId(id).orElse(null);
        if (p != null && !regions.containsKey(p.id())) {
            p = p.parentId() == null ? null : regions.get(p.parentId());
        }
        while (p != null && levels.get(p.id()) == RegionLevel.COMMUNITY) {
            p = p.parentId() == null ? null : regions.get(p.parentId());
        }
        return p != null && levels.get(p.id()) == RegionLevel.STREET ? Optional.of(p) : Optional.empty();
    }

    public List<Place> parks() {
        return sorted(parks);
    }

    public List<Place> buildings() {
        return sorted(buildings);
    }

    /** The buildings that sit in the park. */
    public List<Place> buildingsIn(String parkId) {
        return buildings.values().stream().filter(b -> Objects.equals(b.parkId(), parkId))
                .sorted(java.util.Comparator.comparing(Place::name)).toList();
    }

    private static List<Place> sorted(Map<String, Place> places) {
        List<Place> list = new ArrayList<>(places.values());
        list.sort(java.util.Comparator.comparing(Place::name));
        return Collections.unmodifiableList(list);
    }

    public int regionCount() {
        return regions.size();
    }

    public int parkCount() {
        return parks.size();
    }

    public int buildingCount() {
        return buildings.size();
    }

    /** Collects the places of one alliance; later entries with the same id replace earlier ones. */
    public static final class Builder {
        private final String allianceId;
        private final Map<String, Place> regions = new HashMap<>();
        private final Map<String, RegionLevel> levels = new HashMap<>();
        private final Map<String, Place> parks = new HashMap<>();
        private final Map<String, Place> buildings = new HashMap<>();

        private Builder(String allianceId) {
            this.allianceId = allianceId;
        }

        public Builder region(String id, RegionLevel level, String name, String parentId) {
            regions.put(Objects.requireNonNull(id), new Place(id, normalise(name), level == RegionLevel.DISTRICT ? null : parentId, null));
            levels.put(id, Objects.requireNonNull(level));
            return this;
        }

        public Builder district(String id, String name) {
            return region(id, RegionLevel.DISTRICT, name, null);
        }

        public Builder street(String id, String districtId, String name) {
            return region(id, RegionLevel.STREET, name, districtId);
        }

        public Builder community(String id, String streetId, String name) {
            return region(id, RegionLevel.COMMUNITY, name, streetId);
        }

        /** @param regionId the street (else district) the park lies in, or null */
        public Builder park(String id, String name, String regionId) {
            parks.put(Objects.requireNonNull(id), new Place(id, normalise(name), regionId, null));
            return this;
        }

        /** @param regionId the street (else district) the building lies in, or null; @param parkId its park, or null */
        public Builder building(String id, String name, String regionId, String parkId) {
            buildings.put(Objects.requireNonNull(id), new Place(id, normalise(name), regionId, parkId));
            return this;
        }

        public LocationCatalogue build() {
            return new LocationCatalogue(this);
        }
    }
}
