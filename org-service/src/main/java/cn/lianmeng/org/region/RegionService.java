package cn.lianmeng.org.region;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import cn.lianmeng.org.region.LocationViews.RegionNode;
import cn.lianmeng.org.region.LocationViews.RegionView;
import cn.lianmeng.platform.data.Scope;
import cn.lianmeng.platform.security.Caller;
import cn.lianmeng.platform.web.ApiException;
import cn.lianmeng.platform.web.PageQuery;
import cn.lianmeng.platform.web.PageResult;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * The region hierarchy of an alliance (区 → 街道 → 社区) and the {@link LocationCatalogue} of its regions, parks and
 * buildings. Regions are never deleted (enterprises and history reference them); level and parent are fixed at
 * creation, name, code and coordinates may change. Every change leaves on {@code org.region.v1}.
 */
@Service
public class RegionService {

    public static final String TOPIC = LocationStore.TOPIC;
    public static final Set<String> SORTABLE = Set.of("name", "code", "createdAt");
    static final String KIND = "REGION";

    private final LocationStore store;

    public RegionService(LocationStore store) {
        this.store = store;
    }

    private static String duplicate(String name) {
        return "同一上级区域下已有名为“" + name + "”的区域";
    }

    public Mono<RegionView> create(Caller caller, LocationRequests.NewRegion req) {
        return LocationStore.writer(caller).then(store.createScope(caller, req.allianceId())).flatMap(scope -> {
            String name = req.name().strip();
            return parentOf(scope, req.level(), LocationStore.blankToNull(req.parentId())).flatMap(parent -> {
                String parentId = parent.getString("_id");
                List<String> ancestors = new ArrayList<>(parent.getList("ancestors", String.class, List.of()));
                if (parentId != null) {
                    ancestors.add(parentId);
                }
                Document doc = new Document("_id", new ObjectId().toHexString()).append("allianceId", scope.allianceId())
                        .append("level", req.level().name()).append("name", name).append("parentId", parentId)
                        .append("ancestors", ancestors).append("code", LocationStore.blankToNull(req.code()))
                        .append("location", GeoPoint.toDocument(req.location()));
                return LocationStore.unique(store.regions, scope, Filters.and(Filters.eq("parentId", parentId), Filters.eq("name", name)),
                                null, duplicate(name))
                        .then(store.insert(caller, scope, store.regions, doc, KIND, "RegionCreated", "REGION_CREATED", duplicate(name)));
            }).map(RegionView::of);
        });
    }

    /** The parent a new region of the level needs (an empty document for a district); 400 naming parentId otherwise. */
    private Mono<Document> parentOf(Scope scope, RegionLevel level, String parentId) {
        if (level.parent() == null) {
            return parentId == null ? Mono.just(new Document())
                    : Mono.error(ApiException.badRequest("parentId", "区是最高一级区域，不能指定上级"));
        }
        String needed = level.parent().label();
        if (parentId == null) {
            return Mono.error(ApiException.badRequest("parentId", "不能为空：" + level.label() + "须属于某个" + needed));
        }
        return store.regions.findById(scope, parentId)
                .switchIfEmpty(Mono.error(() -> ApiException.badRequest("parentId", "上级区域不存在")))
                .flatMap(p -> level.parent().name().equals(p.getString("level")) ? Mono.just(p)
                        : Mono.error(ApiException.badRequest("parentId", level.label() + "的上级须为" + needed)));
    }

    public Mono<RegionView> get(Caller caller, String id) {
        return LocationStore.reader(caller)
                .flatMap(c -> store.regions.findById(Scope.of(c), id))
                .map(RegionView::of)
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("区域")));
    }

    public Mono<PageResult<RegionView>> list(Caller caller, String level, String parentId, String allianceId, PageQuery page) {
        return LocationStore.reader(caller).flatMap(c -> {
            List<Bson> filters = new ArrayList<>();
            if (level != null && !level.isBlank()) {
                RegionLevel parsed = parseLevel(level);
                if (parsed == null) {
                    return Mono.error(ApiException.badRequest("level", "须为 DISTRICT、STREET 或 COMMUNITY"));
                }
                filters.add(Filters.eq("level", parsed.name()));
            }
            if (parentId != null && !parentId.isBlank()) {
                filters.add(Filters.eq("parentId", parentId.strip()));
            }
            Bson filter = filters.isEmpty() ? new Document() : Filters.and(filters);
            return store.regions.page(LocationStore.readScope(c, allianceId), filter, page, RegionView::of);
        });
    }

    private static RegionLevel parseLevel(String level) {
        for (RegionLevel l : RegionLevel.values()) {
            if (l.name().equalsIgnoreCase(level.strip()) || l.label().equals(level.strip())) {
                return l;
            }
        }
        return null;
    }

    /** The whole hierarchy of the alliance: districts with their streets with their communities, by name. */
    public Mono<List<RegionNode>> tree(Caller caller, String allianceId) {
        return LocationStore.reader(caller).flatMap(c -> LocationStore.oneAllianceScope(c, allianceId))
                .flatMap(scope -> store.regions.find(scope, new Document(),
                                Projections.include("level", "name", "parentId", "code", "location", "version"), Sorts.ascending("name", "_id"), 0, 0)
                        .collectList())
                .map(RegionService::tree);
    }

    static List<RegionNode> tree(List<Document> docs) {
        Map<String, List<Document>> byParent = new HashMap<>();
        for (Document d : docs) {
            byParent.computeIfAbsent(Objects.requireNonNullElse(d.getString("parentId"), ""), k -> new ArrayList<>()).add(d);
        }
        return nodes(byParent, "");
    }

    private static List<RegionNode> nodes(Map<String, List<Document>> byParent, String parentId) {
        List<RegionNode> nodes = new ArrayList<>();
        for (Document d : byParent.getOrDefault(parentId, List.of())) {
            nodes.add(new RegionNode(d.getString("_id"), RegionLevel.of(d.getString("level")), d.getString("name"), d.getString("code"),
                    GeoPoint.of(d.get("location", Document.class)), LocationViews.version(d), nodes(byParent, d.getString("_id"))));
        }
        nodes.sort(Comparator.comparing(RegionNode::name).thenComparing(RegionNode::id));
        return nodes;
    }

    public Mono<RegionView> update(Caller caller, String id, LocationRequests.UpdateRegion req) {
        return LocationStore.writer(caller).flatMap(c -> store.regions.findById(Scope.of(c), id))
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("区域")))
                .flatMap(current -> {
                    Scope scope = LocationStore.writeScope(caller, current);
                    String name = req.name().strip();
                    Document changes = new Document("name", name).append("code", LocationStore.blankToNull(req.code()))
                            .append("location", GeoPoint.toDocument(req.location()));
                    return LocationStore.unique(store.regions, scope,
                                    Filters.and(Filters.eq("parentId", current.getString("parentId")), Filters.eq("name", name)), id, duplicate(name))
                            .then(store.update(caller, scope, store.regions, current, req.version(), changes, KIND, "RegionUpdated",
                                    "REGION_UPDATED", duplicate(name)));
                })
                .map(RegionView::of);
    }

    /**
     * One in-memory snapshot of the scope's alliance's regions, parks and buildings, for resolving names to ids (the
     * import and enterprise registration). The scope must name an alliance; an unrestricted scope naming one is
     * narrowed to it.
     */
    public Mono<LocationCatalogue> catalogue(Scope scope) {
        if (scope.allianceId() == null) {
            return Mono.error(new IllegalArgumentException("a location catalogue needs an alliance: " + scope));
        }
        Scope s = scope.kind() == Scope.Kind.UNRESTRICTED ? Scope.system(scope.allianceId(), null) : scope;
        Document all = new Document();
        return Mono.zip(
                store.regions.find(s, all, Projections.include("level", "name", "parentId"), null, 0, 0).collectList(),
                store.parks.find(s, all, Projections.include("name", "districtId", "streetId"), null, 0, 0).collectList(),
                store.buildings.find(s, all, Projections.include("name", "parkId", "districtId", "streetId"), null, 0, 0).collectList()
        ).map(t -> {
            LocationCatalogue.Builder b = LocationCatalogue.builder(s.allianceId());
            t.getT1().forEach(d -> b.region(d.getString("_id"), RegionLevel.of(d.getString("level")), d.getString("name"), d.getString("parentId")));
            t.getT2().forEach(d -> b.park(d.getString("_id"), d.getString("name"), regionOf(d)));
            t.getT3().forEach(d -> b.building(d.getString("_id"), d.getString("name"), regionOf(d), d.getString("parkId")));
            return b.build();
        });
    }

    private static String regionOf(Document d) {
        return d.getString("streetId") != null ? d.getString("streetId") : d.getString("districtId");
    }
}
