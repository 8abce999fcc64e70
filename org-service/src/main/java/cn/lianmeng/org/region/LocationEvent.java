package cn.lianmeng.org.region;

import java.time.Instant;

import org.bson.Document;

/**
 * Body of every {@code org.region.v1} event (RegionCreated, RegionUpdated, ParkCreated, ParkUpdated, BuildingCreated,
 * BuildingUpdated): the location's snapshot after the change with its version. Contract v1, owned by org-service.
 *
 * @param kind REGION, PARK or BUILDING
 */
public record LocationEvent(String id, String kind, String allianceId, String name, String level, String parentId,
                            String parkId, String districtId, String streetId, long version, String occurredAt) {

    static LocationEvent of(String kind, Document d, Instant at) {
        return new LocationEvent(d.getString("_id"), kind, d.getString("allianceId"), d.getString("name"), d.getString("level"),
                d.getString("parentId"), d.getString("parkId"), d.getString("districtId"), d.getString("streetId"),
                d.get("version", Number.class).longValue(), at.toString());
    }
}
