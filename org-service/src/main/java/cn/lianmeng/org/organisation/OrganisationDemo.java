package cn.lianmeng.org.organisation;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import cn.lianmeng.platform.data.Scope;
import cn.lianmeng.platform.security.Caller;
import cn.lianmeng.platform.security.Role;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import org.bson.Document;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Demo organisations for a local alliance, created through {@link OrganisationService} like any API call (so they
 * are validated, audited and published). For the lead's demo loader:
 * <ol>
 *   <li>{@link #seed} after the enterprises (and the park, if any) exist: a committee with general branches,
 *   branches and groups for the largest state-owned enterprise, a smaller committee for the next one, single branches
 *   for most mid-sized enterprises (one with an overdue term, one due within six months; every fourth left without an
 *   organisation, so coverage is not 100% and should-establish shows up), one joint branch led by a small enterprise
 *   covering four small enterprises, and one park-owned (or, without a park, alliance-owned) committee with an
 *   affiliated branch for two more small enterprises;</li>
 *   <li>{@link #appointOfficers} after the members exist (members of the member package, {@code members}
 *   collection): secretaries, deputies and committees following the committee rule — except one branch left with a
 *   secretary only, so the committee warning has an example.</li>
 * </ol>
 * Both are safe to run on every start: an owner that already has organisations is skipped, officers are only set
 * where none are.
 */
public final class OrganisationDemo {

    /** A demo enterprise as the demo loader registered it. */
    public record DemoEnterprise(String id, String name, int staffCount, String type) {
    }

    /** An organisation the seed created (or found), for distributing demo members over them. */
    public record SeededOrganisation(String id, String tenantId, String name, String kind) {
    }

    private OrganisationDemo() {
    }

    private static Caller enterpriseAdmin(String allianceId, String tenantId) {
        return new Caller("demo-loader", "demo-loader", "演示数据", allianceId, tenantId, Set.of(Role.ENTERPRISE_ADMIN), Set.of(), Set.of(),
                Set.of(), null, false);
    }

    private static Caller allianceAdmin(String allianceId) {
        return new Caller("demo-loader", "demo-loader", "演示数据", allianceId, null, Set.of(Role.ALLIANCE_ADMIN), Set.of(), Set.of(),
                Set.of(), null, false);
    }

    /** A short form of an enterprise name for its organisations: "上海江川电力设备有限公司" → "江川电力设备". */
    static String shortName(String name) {
        String s = name.startsWith("上海") ? name.substring(2) : name;
        for (String suffix : List.of("有限公司", "股份公司", "集团", "事务所", "中心", "协会")) {
            if (s.endsWith(suffix) && s.length() > suffix.length() + 1) {
                return s.substring(0, s.length() - suffix.length());
            }
        }
        return s;
    }

    private record Spec(String key, String name, OrganisationKind kind, String parentKey, LocalDate termStart) {
    }

    /**
     * Creates the demo organisations; {@code parkId} may be null (then the affiliated organisation is alliance-owned).
     */
    public static Mono<List<SeededOrganisation>> seed(OrganisationService service, OrganisationStore store, String allianceId,
                                                      List<DemoEnterprise> enterprises, String parkId, LocalDate today) {
        List<DemoEnterprise> bySize = enterprises.stream().sorted(Comparator.comparingInt(DemoEnterprise::staffCount).reversed()).toList();
        List<DemoEnterprise> stateOwned = bySize.stream().filter(e -> "STATE_OWNED".equals(e.type())).limit(2).toList();
        List<DemoEnterprise> midSized = bySize.stream().filter(e -> !stateOwned.contains(e) && e.staffCount() >= 60).toList();
        List<DemoEnterprise> small = bySize.stream().filter(e -> e.staffCount() < 60).sorted(Comparator.comparingInt(DemoEnterprise::staffCount))
                .toList();
        List<Mono<List<SeededOrganisation>>> work = new ArrayList<>();
        if (!stateOwned.isEmpty()) {
            work.add(tree(service, store, allianceId, stateOwned.get(0), largeCommittee(stateOwned.get(0), today)));
        }
        if (stateOwned.size() > 1) {
            DemoEnterprise e = stateOwned.get(1);
            String s = shortName(e.name());
            work.add(tree(service, store, allianceId, e, List.of(
                    new Spec("c", s + "党委", OrganisationKind.COMMITTEE, null, today.minusYears(2).minusMonths(3)),
                    new Spec("b1", "业务一党支部", OrganisationKind.BRANCH, "c", today.minusYears(1).minusMonths(3)),
                    new Spec("b2", "业务二党支部", OrganisationKind.BRANCH, "c", today.minusYears(1).minusMonths(3)),
                    new Spec("b3", "机关党支部", OrganisationKind.BRANCH, "c", today.minusYears(2)))));
        }
        for (int i = 0; i < midSized.size(); i++) {
            if (i % 4 == 3) {
                continue; // left without an organisation of its own
            }
            DemoEnterprise e = midSized.get(i);
            LocalDate start = i == 0 ? today.minusYears(3).minusMonths(2)      // overdue
                    : i == 1 ? today.minusYears(3).plusMonths(4)              // due within six months
                    : today.minusYears(1).minusMonths(i % 12);
            work.add(tree(service, store, allianceId, e, List.of(new Spec("b", shortName(e.name()) + "党支部", OrganisationKind.BRANCH, null, start))));
        }
        if (small.size() >= 4) {
            DemoEnterprise lead = small.get(3);
            List<String> covered = small.subList(0, 4).stream().map(DemoEnterprise::id).toList();
            work.add(joint(service, store, allianceId, lead, covered, today));
        }
        if (small.size() >= 6) {
            work.add(affiliated(service, store, allianceId, parkId, small.subList(4, 6).stream().map(DemoEnterprise::id).toList(), today));
        }
        return Flux.concat(work).flatMapIterable(l -> l).collectList();
    }

    private static List<Spec> largeCommittee(DemoEnterprise e, LocalDate today) {
        String s = shortName(e.name());
        LocalDate committee = today.minusYears(3).minusMonths(8);
        LocalDate branches = today.minusYears(1).minusMonths(6);
        return List.of(
                new Spec("c", s + "党委", OrganisationKind.COMMITTEE, null, committee),
                new Spec("gb1", "生产运营党总支", OrganisationKind.GENERAL_BRANCH, "c", today.minusYears(2).minusMonths(8)),
                new Spec("gb2", "营销服务党总支", OrganisationKind.GENERAL_BRANCH, "c", today.minusYears(1)),
                new Spec("b11", "运维一党支部", OrganisationKind.BRANCH, "gb1", branches),
                new Spec("b12", "运维二党支部", OrganisationKind.BRANCH, "gb1", branches),
                new Spec("b13", "检修党支部", OrganisationKind.BRANCH, "gb1", branches),
                new Spec("b21", "客户服务党支部", OrganisationKind.BRANCH, "gb2", branches),
                new Spec("b22", "市场营销党支部", OrganisationKind.BRANCH, "gb2", branches),
                new Spec("b0", "机关党支部", OrganisationKind.BRANCH, "c", branches),
                new Spec("b9", "离退休党支部", OrganisationKind.BRANCH, "c", today.minusYears(2).minusMonths(1)),
                new Spec("g111", "第一党小组", OrganisationKind.GROUP, "b11", null),
                new Spec("g112", "第二党小组", OrganisationKind.GROUP, "b11", null),
                new Spec("g131", "班组党小组", OrganisationKind.GROUP, "b13", null));
    }

    /** Creates one enterprise's organisations in order, parents first, unless the enterprise already has some. */
    private static Mono<List<SeededOrganisation>> tree(OrganisationService service, OrganisationStore store, String allianceId,
                                                       DemoEnterprise e, List<Spec> specs) {
        Caller caller = enterpriseAdmin(allianceId, e.id());
        return existing(store, allianceId, Filters.eq("tenantId", e.id())).flatMap(found -> {
            if (!found.isEmpty()) {
                return Mono.just(found);
            }
            java.util.Map<String, String> ids = new java.util.HashMap<>();
            return Flux.fromIterable(specs)
                    .concatMap(spec -> service.create(caller, new OrganisationRequests.Create(spec.name(), spec.kind().name(),
                                    spec.parentKey() == null ? null : ids.get(spec.parentKey()), null, null, null, null, spec.termStart(), null))
                            .doOnNext(v -> ids.put(spec.key(), v.id()))
                            .map(v -> new SeededOrganisation(v.id(), v.tenantId(), v.name(), v.kind())))
                    .collectList();
        });
    }

    private static Mono<List<SeededOrganisation>> joint(OrganisationService service, OrganisationStore store, String allianceId,
                                                        DemoEnterprise lead, List<String> covered, LocalDate today) {
        return existing(store, allianceId, Filters.and(Filters.eq("tenantId", lead.id()), Filters.eq("kind", OrganisationKind.JOINT_BRANCH.name())))
                .flatMap(found -> !found.isEmpty() ? Mono.just(found)
                        : service.create(enterpriseAdmin(allianceId, lead.id()), new OrganisationRequests.Create(
                                        shortName(lead.name()) + "等小微企业联合党支部", OrganisationKind.JOINT_BRANCH.name(), null, null, null, null,
                                        covered, today.minusMonths(10), null))
                                .map(v -> List.of(new SeededOrganisation(v.id(), v.tenantId(), v.name(), v.kind()))));
    }

    private static Mono<List<SeededOrganisation>> affiliated(OrganisationService service, OrganisationStore store, String allianceId,
                                                             String parkId, List<String> covered, LocalDate today) {
        OwnerType ownerType = parkId == null ? OwnerType.ALLIANCE : OwnerType.PARK;
        String ownerId = parkId == null ? allianceId : parkId;
        Caller caller = allianceAdmin(allianceId);
        return existing(store, allianceId, Filters.and(Filters.eq("ownerType", ownerType.name()), Filters.eq("ownerId", ownerId)))
                .flatMap(found -> !found.isEmpty() ? Mono.just(found)
                        : service.create(caller, new OrganisationRequests.Create(parkId == null ? "联盟非公企业党委" : "园区综合党委",
                                        OrganisationKind.COMMITTEE.name(), null, null, ownerType.name(), ownerId, null, today.minusYears(1), null))
                                .flatMap(committee -> service.create(caller, new OrganisationRequests.Create("小微企业挂靠党支部",
                                                OrganisationKind.BRANCH.name(), committee.id(), null, null, null, covered, today.minusMonths(7), null))
                                        .map(branch -> List.of(new SeededOrganisation(committee.id(), null, committee.name(), committee.kind()),
                                                new SeededOrganisation(branch.id(), null, branch.name(), branch.kind())))));
    }

    private static Mono<List<SeededOrganisation>> existing(OrganisationStore store, String allianceId, org.bson.conversions.Bson filter) {
        return store.organisations().find(Scope.system(allianceId, null), Filters.and(filter, Filters.eq("status", OrganisationService.ACTIVE)),
                        Projections.include("tenantId", "name", "kind"), Sorts.ascending("depth", "name"), 0, 0)
                .map(d -> new SeededOrganisation(d.getString("_id"), d.getString("tenantId"), d.getString("name"), d.getString("kind")))
                .collectList();
    }

    /**
     * Appoints officers from the organisations' own active members, following the committee rule (a secretary, a
     * deputy from 2 members, a committee of 3–5 from 7 full members) — except the first branch with 7 or more full
     * members, which keeps only a secretary so the committee warning has an example. Organisations that already
     * have officers, or no members, are left alone.
     */
    public static Mono<Void> appointOfficers(OrganisationService service, OrganisationStore store, String allianceId,
                                             List<SeededOrganisation> organisations, LocalDate today) {
        Scope scope = Scope.system(allianceId, null);
        boolean[] exampleLeft = {false};
        return Flux.fromIterable(organisations)
                .filter(o -> !OrganisationKind.GROUP.name().equals(o.kind()))
                .concatMap(o -> store.organisations().findById(scope, o.id())
                        .filter(d -> d.getList("officers", Document.class, List.of()).isEmpty())
                        .flatMap(d -> Mono.zip(store.members().find(scope, Filters.and(Filters.eq("orgId", o.id()), Filters.eq("active", true)),
                                                Projections.include("name", "status"), Sorts.ascending("name"), 0, 7).collectList(),
                                        store.members().count(scope, Filters.and(Filters.eq("orgId", o.id()), Filters.eq("active", true),
                                                Filters.eq("status", "FULL"))))
                                .flatMap(t -> {
                                    List<Document> members = t.getT1();
                                    long full = t.getT2();
                                    if (members.isEmpty()) {
                                        return Mono.empty();
                                    }
                                    int size;
                                    if (full >= CommitteeRule.COMMITTEE_THRESHOLD && !exampleLeft[0] && o.kind().equals("BRANCH")) {
                                        exampleLeft[0] = true;
                                        size = 1;
                                    } else if (full >= CommitteeRule.COMMITTEE_THRESHOLD || !OrganisationKind.valueOf(o.kind()).isBranch()) {
                                        size = Math.min(members.size(), 5);
                                    } else {
                                        size = Math.min(members.size(), 2);
                                    }
                                    String since = d.getString("termStart") != null ? d.getString("termStart") : today.minusYears(1).toString();
                                    List<OrganisationRequests.OfficerInput> officers = new ArrayList<>();
                                    for (int i = 0; i < size; i++) {
                                        OfficerRole role = i == 0 ? OfficerRole.SECRETARY : i == 1 ? OfficerRole.DEPUTY_SECRETARY : OfficerRole.COMMITTEE_MEMBER;
                                        officers.add(new OrganisationRequests.OfficerInput(String.valueOf(members.get(i).get("_id")), role.name(),
                                                LocalDate.parse(since)));
                                    }
                                    Caller caller = d.getString("tenantId") == null ? allianceAdmin(allianceId) : enterpriseAdmin(allianceId, d.getString("tenantId"));
                                    return service.setOfficers(caller, o.id(), new OrganisationRequests.Officers(
                                            d.get("version", Number.class).longValue(), officers)).then();
                                })))
                .then();
    }
}
