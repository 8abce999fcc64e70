package cn.lianmeng.org.organisation;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import cn.lianmeng.platform.web.FieldProblem;

/**
 * The shape of an organisation tree (DESIGN §1, §3), as plain rules:
 * <ul>
 *   <li>which kind may sit under which (a GROUP only inside a BRANCH or JOINT_BRANCH; a BRANCH at the root or under a
 *   COMMITTEE or GENERAL_BRANCH; a COMMITTEE at the root or under a COMMITTEE; …);</li>
 *   <li>the formation that follows from kind, owner and parent;</li>
 *   <li>which enterprises an organisation covers: SINGLE its own enterprise, a JOINT_BRANCH 2–5 enterprises,
 *   an AFFILIATED organisation the enterprises attached to it.</li>
 * </ul>
 */
public final class StructureRules {

    /** The most enterprises one joint branch may cover (DESIGN §3). */
    public static final int JOINT_MAX = 5;
    public static final int JOINT_MIN = 2;

    /** Parent kinds each kind accepts; {@link #ROOT_ALLOWED} says which may also stand at the root. */
    private static final Map<OrganisationKind, Set<OrganisationKind>> PARENTS = Map.of(
            OrganisationKind.COMMITTEE, EnumSet.of(OrganisationKind.COMMITTEE),
            OrganisationKind.GENERAL_BRANCH, EnumSet.of(OrganisationKind.COMMITTEE),
            OrganisationKind.BRANCH, EnumSet.of(OrganisationKind.COMMITTEE, OrganisationKind.GENERAL_BRANCH),
            OrganisationKind.JOINT_BRANCH, EnumSet.of(OrganisationKind.COMMITTEE, OrganisationKind.GENERAL_BRANCH),
            OrganisationKind.GROUP, EnumSet.of(OrganisationKind.BRANCH, OrganisationKind.JOINT_BRANCH));
    private static final Set<OrganisationKind> ROOT_ALLOWED = EnumSet.of(OrganisationKind.COMMITTEE,
            OrganisationKind.GENERAL_BRANCH, OrganisationKind.BRANCH, OrganisationKind.JOINT_BRANCH);

    private StructureRules() {
    }

    public static Set<OrganisationKind> allowedParents(OrganisationKind kind) {
        return PARENTS.get(kind);
    }

    public static boolean allowedAtRoot(OrganisationKind kind) {
        return ROOT_ALLOWED.contains(kind);
    }

    /**
     * Why {@code kind} may not sit under {@code parentKind} (null parent = the root), or empty when it may.
     */
    public static Optional<String> placementProblem(OrganisationKind kind, OrganisationKind parentKind) {
        if (parentKind == null) {
            return allowedAtRoot(kind) ? Optional.empty()
                    : Optional.of(kind.label() + "不能作为顶级组织，须设在" + labels(PARENTS.get(kind)) + "之下");
        }
        if (PARENTS.get(kind).contains(parentKind)) {
            return Optional.empty();
        }
        return Optional.of(kind.label() + "不能设在" + parentKind.label() + "之下，只能设在" + labels(PARENTS.get(kind)) + "之下"
                + (allowedAtRoot(kind) ? "或作为顶级组织" : ""));
    }

    private static String labels(Set<OrganisationKind> kinds) {
        return String.join("、", kinds.stream().sorted().map(OrganisationKind::label).toList());
    }

    /**
     * The formation that follows from kind, owner and parent: a JOINT_BRANCH and everything inside one is JOINT; an
     * enterprise's own organisations are SINGLE; alliance- and park-owned ones are AFFILIATED.
     */
    public static Formation formation(OrganisationKind kind, OwnerType owner, Formation parentFormation) {
        if (kind == OrganisationKind.JOINT_BRANCH || parentFormation == Formation.JOINT) {
            return Formation.JOINT;
        }
        return owner == OwnerType.ENTERPRISE ? Formation.SINGLE : Formation.AFFILIATED;
    }

    /**
     * Whether the kind lists the enterprises it covers itself: a JOINT_BRANCH and AFFILIATED organisations other than
     * groups. A SINGLE organisation covers its own enterprise; a group inside a joint or affiliated organisation covers
     * nothing of its own (its branch does).
     */
    public static boolean listsCoveredEnterprises(OrganisationKind kind, Formation formation) {
        if (kind == OrganisationKind.JOINT_BRANCH) {
            return true;
        }
        return formation == Formation.AFFILIATED && kind != OrganisationKind.GROUP;
    }

    /**
     * Checks the requested covered enterprises for their count and duplicates (existence and status are checked
     * against the enterprises collection by the service). {@code ownerTenantId} is the owning enterprise of an
     * enterprise-owned joint branch, which must be one of those it covers.
     */
    public static List<FieldProblem> coverageProblems(OrganisationKind kind, Formation formation, List<String> ids, String ownerTenantId) {
        List<FieldProblem> problems = new ArrayList<>();
        String field = "coveredEnterpriseIds";
        List<String> list = ids == null ? List.of() : ids;
        if (!listsCoveredEnterprises(kind, formation)) {
            if (!list.isEmpty() && !(formation == Formation.SINGLE && list.size() == 1 && list.get(0).equals(ownerTenantId))) {
                problems.add(new FieldProblem(field, formation == Formation.SINGLE
                        ? "单独组建的党组织只覆盖本单位，不能另行指定覆盖单位"
                        : "党小组不单独指定覆盖单位，以所在党支部为准"));
            }
            return problems;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String id = list.get(i);
            if (id == null || id.isBlank()) {
                problems.add(new FieldProblem(field + "[" + i + "]", "不能为空"));
            } else if (!seen.add(id)) {
                problems.add(new FieldProblem(field + "[" + i + "]", "重复的单位"));
            }
        }
        if (kind == OrganisationKind.JOINT_BRANCH) {
            if (list.size() > JOINT_MAX) {
                problems.add(new FieldProblem(field, "联合党支部覆盖的单位最多 " + JOINT_MAX + " 家，现为 " + list.size()
                        + " 家；请另建联合党支部或由符合条件的单位单独组建"));
            } else if (list.size() < JOINT_MIN) {
                problems.add(new FieldProblem(field, "联合党支部至少覆盖 " + JOINT_MIN + " 家单位，现为 " + list.size() + " 家"));
            }
            if (ownerTenantId != null && !list.contains(ownerTenantId)) {
                problems.add(new FieldProblem(field, "由企业牵头组建的联合党支部须覆盖牵头单位本身"));
            }
        }
        return problems;
    }

    /** The stored covered enterprises: a SINGLE organisation's own enterprise, else the validated list (or none). */
    public static List<String> coveredEnterprises(OrganisationKind kind, Formation formation, List<String> requested, String tenantId) {
        if (formation == Formation.SINGLE) {
            return List.of(tenantId);
        }
        return listsCoveredEnterprises(kind, formation) && requested != null ? List.copyOf(requested) : List.of();
    }
}
