package cn.lianmeng.org.enterprise;

import org.bson.Document;

/**
 * Where an enterprise is: ids and names of its district → street → community, and of its park and building. A
 * building inside a park gives the enterprise that park too (district staff of the park see it).
 */
public record Location(String districtId, String district, String streetId, String street, String communityId, String community,
                       String parkId, String park, String buildingId, String building) {

    /** The fields as stored on the enterprise document (null values included, so an update clears them). */
    public Document toDocument() {
        return new Document("districtId", districtId).append("district", district)
                .append("streetId", streetId).append("street", street)
                .append("communityId", communityId).append("community", community)
                .append("parkId", parkId).append("park", park)
                .append("buildingId", buildingId).append("building", building);
    }
}
