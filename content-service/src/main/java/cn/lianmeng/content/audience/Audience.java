package cn.lianmeng.content.audience;

import java.util.ArrayList;
import java.util.List;

import cn.lianmeng.platform.web.FieldProblem;
import io.swagger.v3.oas.annotations.media.Schema;
import org.bson.Document;

/**
 * Who an item is for. Parts add up (alliance-wide, or any of the given enterprises, organisation subtrees, parks,
 * buildings); {@code roles} narrows all of them to officers holding one of the roles (e.g. secretaries only);
 * {@code publicInAlliance} (disclosures only) makes the item readable by every role of the alliance, read-only.
 */
@Schema(description = "受众：全联盟、指定成员单位、组织（含下级）、园区/楼宇内企业，可限定为书记等职务；党务公开可对全联盟公开")
public record Audience(
        @Schema(description = "全联盟") Boolean allianceWide,
        @Schema(description = "指定成员单位（租户）") List<String> tenantIds,
        @Schema(description = "指定党组织及其下级组织") List<String> orgIds,
        @Schema(description = "位于这些园区的企业") List<String> parkIds,
        @Schema(description = "位于这些楼宇的企业") List<String> buildingIds,
        @Schema(description = "仅限这些职务：SECRETARY、DEPUTY_SECRETARY、COMMITTEE_MEMBER") List<String> roles,
        @Schema(description = "党务公开：对全联盟所有角色公开（只读）") Boolean publicInAlliance) {

    public static final int MAX_IDS = 200;

    public Audience {
        tenantIds = clean(tenantIds);
        orgIds = clean(orgIds);
        parkIds = clean(parkIds);
        buildingIds = clean(buildingIds);
        roles = clean(roles);
        allianceWide = Boolean.TRUE.equals(allianceWide);
        publicInAlliance = Boolean.TRUE.equals(publicInAlliance);
    }

    private static List<String> clean(List<String> ids) {
        if (ids == null) {
            return List.of();
        }
        return ids.stream().filter(s -> s != null && !s.isBlank()).map(String::strip).distinct().toList();
    }

    /** Whether anyone at all is addressed (apart from public disclosure). */
    public boolean hasTarget() {
        return allianceWide || !tenantIds.isEmpty() || !orgIds.isEmpty() || !parkIds.isEmpty() || !buildingIds.isEmpty();
    }

    /** Shape problems independent of the author (sizes, role names). */
    public List<FieldProblem> shapeProblems(String field) {
        List<FieldProblem> errors = new ArrayList<>();
        if (!hasTarget() && !publicInAlliance) {
            errors.add(new FieldProblem(field, "须至少指定一种受众范围"));
        }
        for (var list : List.of(tenantIds, orgIds, parkIds, buildingIds)) {
            if (list.size() > MAX_IDS) {
                errors.add(new FieldProblem(field, "每类受众最多 " + MAX_IDS + " 个"));
                break;
            }
            if (list.stream().anyMatch(s -> s.length() > 64)) {
                errors.add(new FieldProblem(field, "编号过长"));
                break;
            }
        }
        for (String r : roles) {
            if (!AudienceKeys.OFFICER_ROLES.contains(r)) {
                errors.add(new FieldProblem(field + ".roles", "职务须为 SECRETARY、DEPUTY_SECRETARY 或 COMMITTEE_MEMBER"));
                break;
            }
        }
        return errors;
    }

    public Document toDocument() {
        return new Document("allianceWide", allianceWide).append("tenantIds", tenantIds).append("orgIds", orgIds)
                .append("parkIds", parkIds).append("buildingIds", buildingIds).append("roles", roles)
                .append("publicInAlliance", publicInAlliance);
    }

    public static Audience of(Document d) {
        if (d == null) {
            return new Audience(false, null, null, null, null, null, false);
        }
        return new Audience(d.getBoolean("allianceWide"), d.getList("tenantIds", String.class), d.getList("orgIds", String.class),
                d.getList("parkIds", String.class), d.getList("buildingIds", String.class), d.getList("roles", String.class),
                d.getBoolean("publicInAlliance"));
    }
}
