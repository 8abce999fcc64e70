package cn.lianmeng.org.region;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import cn.lianmeng.org.region.LocationViews.BuildingView;
import cn.lianmeng.platform.data.Scope;
import cn.lianmeng.platform.security.Caller;
import cn.lianmeng.platform.web.ApiException;
import cn.lianmeng.platform.web.PageQuery;
import cn.lianmeng.platform.web.PageResult;
import com.mongodb.client.model.Filters;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Buildings (楼宇) of an alliance; a building may sit in a park, and then takes the park's district and street unless
 * given its own. Never deleted; changes leave on {@code org.region.v1}.
 */
@Service
public class BuildingService {

    public static final Set<String> SORTABLE = Set.of("name", "createdAt");
    static final String KIND = "BUILDING";

    private final LocationStore store;

    public BuildingService(LocationStore store) {
        this.store = store;
    }

    private static String duplicate(String name) {
        return "本联盟已有名为“" + name + "”的楼宇";
    }

    public Mono<BuildingView> create(Caller caller, LocationRequests.NewBuilding req) {
        return LocationStore.writer(caller).then(store.createScope(caller, req.allianceId())).flatMap(scope -> {
            String name = req.name().strip();
            return store.placement(scope, req.parkId(), req.districtId(), req.streetId())
                    .flatMap(at -> {
                        Document doc = new Document("_id", new ObjectId().toHexString()).append("allianceId", scope.allianceId())
                                .append("name", name).append("parkId", at.parkId()).append("districtId", at.districtId())
                                .append("streetId", at.streetId()).append("address", LocationStore.blankToNull(req.address()))
                                .append("location", GeoPoint.toDocument(req.location()));
                        return LocationStore.unique(store.buildings, scope, Filters.eq("name", name), null, duplicate(name))
                                .then(store.insert(caller, scope, store.buildings, doc, KIND, "BuildingCreated", "BUILDING_CREATED",
                                        duplicate(name)));
                    })
                    .flatMap(d -> view(scope, d));
        });
    }

    public Mono<BuildingView> get(Caller caller, String id) {
        return LocationStore.reader(caller).flatMap(c -> store.buildings.findById(Scope.of(c), id).flatMap(d -> view(Scope.of(c), d)))
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("楼宇")));
    }

    public Mono<PageResult<BuildingView>> list(Caller caller, String parkId, String districtId, String streetId, String q,
                                               String allianceId, PageQuery page) {
        return LocationStore.reader(caller).flatMap(c -> {
            Scope scope = LocationStore.readScope(c, allianceId);
            List<Bson> filters = new ArrayList<>();
            if (LocationStore.blankToNull(parkId) != null) {
                filters.add(Filters.eq("parkId", parkId.strip()));
            }
            if (LocationStore.blankToNull(districtId) != null) {
                filters.add(Filters.eq("districtId", districtId.strip()));
            }
            if (LocationStore.blankToNull(streetId) != null) {
                filters.add(Filters.eq("streetId", streetId.strip()));
            }
            if (LocationStore.blankToNull(q) != null) {
                filters.add(Filters.regex("name", "^" + Pattern.quote(q.strip())));
            }
            Bson filter = filters.isEmpty() ? new Document() : Filters.and(filters);
            return store.buildings.page(scope, filter, page, d -> d).flatMap(p -> {
                Set<String> regionIds = new HashSet<>();
                Set<String> parkIds = new HashSet<>();
                p.content().forEach(d -> {
                    regionIds.addAll(LocationStore.ids(d, "districtId", "streetId"));
                    parkIds.addAll(LocationStore.ids(d, "parkId"));
                });
                return store.names(scope, regionIds, parkIds).map(names -> new PageResult<>(
                        p.content().stream().map(d -> BuildingView.of(d, names)).toList(), p.page(), p.size(), p.totalElements(),
                        p.totalPages()));
            });
        });
    }

    public Mono<BuildingView> update(Caller caller, String id, LocationRequests.UpdateBuilding req) {
        return LocationStore.writer(caller).flatMap(c -> store.buildings.findById(Scope.of(c), id))
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("楼宇")))
                .flatMap(current -> {
                    Scope scope = LocationStore.writeScope(caller, current);
                    String name = req.name().strip();
                    return store.placement(scope, req.parkId(), req.districtId(), req.streetId())
                            .flatMap(at -> {
                                Document changes = new Document("name", name).append("parkId", at.parkId())
                                        .append("districtId", at.districtId()).append("streetId", at.streetId())
                                        .append("address", LocationStore.blankToNull(req.address()))
                                        .append("location", GeoPoint.toDocument(req.location()));
                                return LocationStore.unique(store.buildings, scope, Filters.eq("name", name), id, duplicate(name))
                                        .then(store.update(caller, scope, store.buildings, current, req.version(), changes, KIND,
                                                "BuildingUpdated", "BUILDING_UPDATED", duplicate(name)));
                            })
                            .flatMap(d -> view(scope, d));
                });
    }

    private Mono<BuildingView> view(Scope scope, Document d) {
        return store.names(scope, LocationStore.ids(d, "districtId", "streetId"), LocationStore.ids(d, "parkId"))
                .map(names -> BuildingView.of(d, names));
    }
}
