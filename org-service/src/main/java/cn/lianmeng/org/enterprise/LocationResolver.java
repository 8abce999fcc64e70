package cn.lianmeng.org.enterprise;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the location names of a request or a spreadsheet row into a {@link Location}: district and street are
 * required, community, park and building optional; every name must exist in the alliance (the street in the
 * district, the community in the street). A building inside a park sets the park; naming another park is an error.
 */
public final class LocationResolver {

    /** The location fields, with their API name and their spreadsheet column. */
    public enum Field {
        DISTRICT("district", "区"),
        STREET("street", "街道"),
        COMMUNITY("community", "社区"),
        PARK("park", "园区"),
        BUILDING("building", "楼宇"),
        /** A park given by id (API only). */
        PARK_ID("parkId", "园区"),
        /** A building given by id (API only). */
        BUILDING_ID("buildingId", "楼宇");

        private final String api;
        private final String column;

        Field(String api, String column) {
            this.api = api;
            this.column = column;
        }

        public String api() {
            return api;
        }

        public String column() {
            return column;
        }
    }

    /**
     * The names as given (null or blank = not given); a park or building may instead (or also, consistently) be given
     * by id, as API clients that picked it from a list do.
     */
    public record Names(String district, String street, String community, String park, String building, String parkId,
                        String buildingId) {

        public Names(String district, String street, String community, String park, String building) {
            this(district, street, community, park, building, null, null);
        }
    }

    /** The location when every name resolved, else the problems by field (Chinese messages). */
    public record Result(Location location, Map<Field, String> problems) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    private LocationResolver() {
    }

    private static String clean(String s) {
        if (s == null) {
            return null;
        }
        String t = s.replace('\u3000', ' ').strip();
        return t.isEmpty() ? null : t;
    }

    public static Result resolve(Names names, LocationLookup lookup) {
        Map<Field, String> problems = new EnumMap<>(Field.class);
        String districtName = clean(names.district());
        String streetName = clean(names.street());
        String communityName = clean(names.community());
        String parkName = clean(names.park());
        String buildingName = clean(names.building());

        Optional<LocationLookup.Place> district = Optional.empty();
        if (districtName == null) {
            problems.put(Field.DISTRICT, "不能为空");
        } else {
            district = lookup.district(districtName);
            if (district.isEmpty()) {
                problems.put(Field.DISTRICT, "本联盟没有名为“" + districtName + "”的区");
            }
        }
        Optional<LocationLookup.Place> street = Optional.empty();
        if (streetName == null) {
            problems.put(Field.STREET, "不能为空");
        } else if (district.isPresent()) {
            street = lookup.street(district.get().id(), streetName);
            if (street.isEmpty()) {
                problems.put(Field.STREET, "“" + district.get().name() + "”下没有名为“" + streetName + "”的街道");
            }
        }
        Optional<LocationLookup.Place> community = Optional.empty();
        if (communityName != null && street.isPresent()) {
            community = lookup.community(street.get().id(), communityName);
            if (community.isEmpty()) {
                problems.put(Field.COMMUNITY, "“" + street.get().name() + "”下没有名为“" + communityName + "”的社区");
            }
        }
        Optional<LocationLookup.Place> park = Optional.empty();
        if (parkName != null) {
            park = lookup.park(parkName);
            if (park.isEmpty()) {
                problems.put(Field.PARK, "本联盟没有名为“" + parkName + "”的园区");
            }
        }
        String parkId = clean(names.parkId());
        if (parkId != null) {
            Optional<LocationLookup.Place> byId = lookup.parkById(parkId);
            if (byId.isEmpty()) {
                problems.put(Field.PARK_ID, "本联盟没有该园区");
            } else if (park.isPresent() && !park.get().id().equals(parkId)) {
                problems.put(Field.PARK_ID, "与所填园区“" + parkName + "”不一致");
            } else {
                park = byId;
                parkName = byId.get().name();
            }
        }
        Optional<LocationLookup.Place> building = Optional.empty();
        if (buildingName != null) {
            building = lookup.building(buildingName);
            if (building.isEmpty()) {
                problems.put(Field.BUILDING, "本联盟没有名为“" + buildingName + "”的楼宇");
            }
        }
        String buildingId = clean(names.buildingId());
        if (buildingId != null) {
            Optional<LocationLookup.Place> byId = lookup.buildingById(buildingId);
            if (byId.isEmpty()) {
                problems.put(Field.BUILDING_ID, "本联盟没有该楼宇");
            } else if (building.isPresent() && !building.get().id().equals(buildingId)) {
                problems.put(Field.BUILDING_ID, "与所填楼宇“" + buildingName + "”不一致");
            } else {
                building = byId;
                buildingName = byId.get().name();
            }
        }
        if (building.isPresent() && building.get().parkId() != null) {
            String buildingPark = building.get().parkId();
            if (park.isPresent() && !park.get().id().equals(buildingPark)) {
                String actual = lookup.parkById(buildingPark).map(LocationLookup.Place::name).orElse("其他园区");
                problems.put(clean(names.building()) == null ? Field.BUILDING_ID : Field.BUILDING, "楼宇“" + building.get().name()
                        + "”位于园区“" + actual + "”，与所填园区“" + park.get().name() + "”不符");
            } else if (park.isEmpty() && parkName == null) {
                park = Optional.of(lookup.parkById(buildingPark).orElse(new LocationLookup.Place(buildingPark, null, null)));
            }
        }
        if (!problems.isEmpty()) {
            return new Result(null, problems);
        }
        return new Result(new Location(
                district.map(LocationLookup.Place::id).orElse(null), district.map(LocationLookup.Place::name).orElse(null),
                street.map(LocationLookup.Place::id).orElse(null), street.map(LocationLookup.Place::name).orElse(null),
                community.map(LocationLookup.Place::id).orElse(null), community.map(LocationLookup.Place::name).orElse(null),
                park.map(LocationLookup.Place::id).orElse(null), park.map(LocationLookup.Place::name).orElse(null),
                building.map(LocationLookup.Place::id).orElse(null), building.map(LocationLookup.Place::name).orElse(null)), Map.of());
    }
}
