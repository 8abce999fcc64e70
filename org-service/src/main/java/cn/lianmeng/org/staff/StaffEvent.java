package cn.lianmeng.org.staff;

import java.util.List;

/**
 * Body of every {@code org.staff.v1} event (key = account id): {@code StaffAssignmentChanged} when the parks and
 * buildings change, {@code StaffDisabled} / {@code StaffEnabled} when the account is disabled or enabled again. The
 * staff member's assignment snapshot after the change with its version; no personal data beyond the name.
 *
 * @param status ACTIVE or DISABLED (an addition to the v1 contract's fields; consumers may ignore it)
 */
public record StaffEvent(String accountId, String allianceId, String name, List<String> parkIds, List<String> buildingIds,
                         String status, long version, String occurredAt) {
}
