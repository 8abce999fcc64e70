package cn.lianmeng.org.region;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import cn.lianmeng.org.region.LocationViews.ParkView;
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

/** Parks (园区) of an alliance, optionally placed in a district and street. Never deleted; changes leave on {@code org.region.v1}. */
@Service
public class ParkService {

    public static final Set<String> SORTABLE = Set.of("name", "createdAt");
    static final String KIND = "PARK";

    private final LocationStore store;

    public ParkService(LocationStore store) {
        this.store = store;
    }

    private static String duplicate(String name) {
        return "本联盟已有名为“" + name + "”的园区";
    }

    public Mono<ParkView> create(Caller caller, LocationRequests.NewPark req) {
        return LocationStore.writer(caller).then(store.createScope(caller, req.allianceId())).flatMap(scope -> {
            String name = req.name().strip();
            return store.placement(scope, null, req.districtId(), req.streetId())
                    .flatMap(at -> {
                        Document doc = new Document("_id", new ObjectId().toHexString()).append("allianceId", scope.allianceId())
                                .append("name", name).append("districtId", at.districtId()).append("streetId", at.streetId())
                                .append("address", LocationStore.blankToNull(req.address()))
                                .append("location", GeoPoint.toDocument(req.location()));
                        return LocationStore.unique(store.parks, scope, Filters.eq("name", name), null, duplicate(name))
                                .then(store.insert(caller, scope, store.parks, doc, KIND, "ParkCreated", "PARK_CREATED", duplicate(name)));
                    })
                    .flatMap(d -> view(scope, d));
        });
    }

    public Mono<ParkView> get(Caller caller, String id) {
        return LocationStore.reader(caller).flatMap(c -> store.parks.findById(Scope.of(c), id).flatMap(d -> view(Scope.of(c), d)))
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("园区")));
    }

    public Mono<PageResult<ParkView>> list(Caller caller, String districtId, String streetId, String q, String allianceId, PageQuery page) {
        return LocationStore.reader(caller).flatMap(c -> {
            Scope scope = LocationStore.readScope(c, allianceId);
            List<Bson> filters = new ArrayList<>();
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
            return store.parks.page(scope, filter, page, d -> d).flatMap(p -> {
                Set<String> regionIds = new HashSet<>();
                p.content().forEach(d -> regionIds.addAll(LocationStore.ids(d, "districtId", "streetId")));
                return store.names(scope, regionIds, List.of()).map(names -> new PageResult<>(
                        p.content().stream().map(d -> ParkView.of(d, names)).toList(), p.page(), p.size(), p.totalElements(), p.totalPages()));
            });
        });
    }

    public Mono<ParkView> update(Caller caller, String id, LocationRequests.UpdatePark req) {
        return LocationStore.writer(caller).flatMap(c -> store.parks.findById(Scope.of(c), id))
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("园区")))
                .flatMap(current -> {
                    Scope scope = LocationStore.writeScope(caller, current);
                    String name = req.name().strip();
                    return store.placement(scope, null, req.districtId(), req.streetId())
                            .flatMap(at -> {
                                Document changes = new Document("name", name).append("districtId", at.districtId())
                                        .append("streetId", at.streetId()).append("address", LocationStore.blankToNull(req.address()))
                                        .append("location", GeoPoint.toDocument(req.location()));
                                return LocationStore.unique(store.parks, scope, Filters.eq("name", name), id, duplicate(name))
                                        .then(store.update(caller, scope, store.parks, current, req.version(), changes, KIND,
                                                "ParkUpdated", "PARK_UPDATED", duplicate(name)));
                            })
                            .flatMap(d -> view(scope, d));
                });
    }

    private Mono<ParkView> view(Scope scope, Document d) {
        return store.names(scope, LocationStore.ids(d, "districtId", "streetId"), List.of()).map(names -> ParkView.of(d, names));
    }
}
