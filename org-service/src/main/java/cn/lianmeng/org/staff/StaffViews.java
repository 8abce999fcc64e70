package cn.lianmeng.org.staff;

import java.util.Date;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/** District staff as the API shows them: phone masked, places with their names. */
public final class StaffViews {

    private StaffViews() {
    }

    public record PlaceRef(String id, String name) {
    }

    public record BuildingRef(String id, String name, String parkId) {
    }

    public record StaffView(String id, String username, String name, String phone, String status, List<PlaceRef> parks,
                            List<BuildingRef> buildings, long version, boolean passwordChangeRequired, Date createdAt,
                            Date lastLoginAt, Date assignmentsChangedAt) {
    }

    /**
     * A newly provisioned staff account (its fields at the top level, {@code passwordChangeRequired} true when the
     * password was generated) with the initial password, shown once.
     */
    public record Provisioned(@JsonUnwrapped StaffView staff, String initialPassword) {
    }

    public record HistoryEntry(String id, String accountId, List<String> parkIds, List<String> buildingIds,
                               List<String> previousParkIds, List<String> previousBuildingIds, long version,
                               String changedBy, String changedByName, Date changedAt) {
    }

    /** A park of the staff member's current scope with the number of enterprises located in it. */
    public record ParkScope(String id, String name, long enterprises) {
    }

    public record BuildingScope(String id, String name, String parkId, String park, long enterprises) {
    }

    /**
     * What a district staff member's current token lets them see. {@code assignmentChanged} is true when an
     * administrator has changed the assignment since the token was issued: it applies from the next login (at most
     * the token lifetime later).
     */
    public record Me(String accountId, String username, String name, List<ParkScope> parks, List<BuildingScope> buildings,
                     long enterprises, boolean assignmentChanged) {
    }
}
