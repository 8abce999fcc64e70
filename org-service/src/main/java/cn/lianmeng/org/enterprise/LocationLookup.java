package cn.lianmeng.org.enterprise;

import java.util.Optional;

/**
 * Resolves location names of one alliance to ids: the view the enterprise profile needs of the alliance's regions,
 * parks and buildings (backed by {@code region.LocationCatalogue}, one in-memory snapshot, so bulk imports resolve
 * thousands of names without a query each).
 */
public interface LocationLookup {

    /** A place found by name: its id, its name as stored, and for a building the park it sits in (else null). */
    record Place(String id, String name, String parkId) {
    }

    Optional<Place> district(String name);

    Optional<Place> street(String districtId, String name);

    Optional<Place> community(String streetId, String name);

    Optional<Place> park(String name);

    Optional<Place> parkById(String id);

    Optional<Place> building(String name);

    Optional<Place> buildingById(String id);
}
