package cn.lianmeng.org.region;

import java.util.Date;
import java.util.List;
import java.util.Map;

import org.bson.Document;

/** Regions, parks and buildings as the API shows them (names of referenced places resolved at read time). */
public final class LocationViews {

    private LocationViews() {
    }

    public record RegionView(String id, String allianceId, RegionLevel level, String levelLabel, String name, String parentId,
                             List<String> ancestors, String code, GeoPoint location, long version, Date createdAt, Date updatedAt) {

        static RegionView of(Document d) {
            RegionLevel level = RegionLevel.of(d.getString("level"));
            return new RegionView(d.getString("_id"), d.getString("allianceId"), level, level == null ? null : level.label(),
                    d.getString("name"), d.getString("parentId"), d.getList("ancestors", String.class, List.of()), d.getString("code"),
                    GeoPoint.of(d.get("location", Document.class)), LocationViews.version(d), d.getDate("createdAt"), d.getDate("updatedAt"));
        }
    }

    /** One node of the region tree: a district with its streets, a street with its communities. */
    public record RegionNode(String id, RegionLevel level, String name, String code, GeoPoint location, long version,
                             List<RegionNode> children) {
    }

    public record ParkView(String id, String allianceId, String name, String districtId, String district, String streetId,
                           String street, String address, GeoPoint location, long version, Date createdAt, Date updatedAt) {

        static ParkView of(Document d, Map<String, String> names) {
            return new ParkView(d.getString("_id"), d.getString("allianceId"), d.getString("name"),
                    d.getString("districtId"), names.get(d.getString("districtId")), d.getString("streetId"),
                    names.get(d.getString("streetId")), d.getString("address"), GeoPoint.of(d.get("location", Document.class)),
                    LocationViews.version(d), d.getDate("createdAt"), d.getDate("updatedAt"));
        }
    }

    public record BuildingView(String id, String allianceId, String name, String parkId, String park, String districtId,
                               String district, String streetId, String street, String address, GeoPoint location, long version,
                               Date createdAt, Date updatedAt) {

        static BuildingView of(Document d, Map<String, String> names) {
            return new BuildingView(d.getString("_id"), d.getString("allianceId"), d.getString("name"),
                    d.getString("parkId"), names.get(d.getString("parkId")),
                    d.getString("districtId"), names.get(d.getString("districtId")), d.getString("streetId"),
                    names.get(d.getString("streetId")), d.getString("address"), GeoPoint.of(d.get("location", Document.class)),
                    LocationViews.version(d), d.getDate("createdAt"), d.getDate("updatedAt"));
        }
    }

    static long version(Document d) {
        return d.get("version", Number.class).longValue();
    }
}
