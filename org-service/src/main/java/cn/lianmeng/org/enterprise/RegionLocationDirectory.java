package cn.lianmeng.org.enterprise;

import java.util.Optional;

import cn.lianmeng.org.region.LocationCatalogue;
import cn.lianmeng.org.region.RegionService;
import cn.lianmeng.platform.data.Scope;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** The enterprise profile's locations, from the {@code region} package's catalogue (one snapshot per request or import). */
@Component
public class RegionLocationDirectory implements LocationDirectory {

    private final RegionService regions;

    public RegionLocationDirectory(RegionService regions) {
        this.regions = regions;
    }

    @Override
    public Mono<LocationLookup> lookup(Scope scope) {
        return regions.catalogue(scope).map(RegionLocationDirectory::adapt);
    }

    public static LocationLookup adapt(LocationCatalogue catalogue) {
        return new LocationLookup() {
            @Override
            public Optional<LocationLookup.Place> district(String name) {
                return catalogue.district(name).map(RegionLocationDirectory::place);
            }

            @Override
            public Optional<LocationLookup.Place> street(String districtId, String name) {
                return catalogue.street(districtId, name).map(RegionLocationDirectory::place);
            }

            @Override
            public Optional<LocationLookup.Place> community(String streetId, String name) {
                return catalogue.community(streetId, name).map(RegionLocationDirectory::place);
            }

            @Override
            public Optional<LocationLookup.Place> park(String name) {
                return catalogue.park(name).map(RegionLocationDirectory::place);
            }

            @Override
            public Optional<LocationLookup.Place> parkById(String id) {
                return catalogue.parkById(id).map(RegionLocationDirectory::place);
            }

            @Override
            public Optional<LocationLookup.Place> building(String name) {
                return catalogue.building(name).map(RegionLocationDirectory::place);
            }

            @Override
            public Optional<LocationLookup.Place> buildingById(String id) {
                return catalogue.buildingById(id).map(RegionLocationDirectory::place);
            }
        };
    }

    private static LocationLookup.Place place(cn.lianmeng.org.region.Place p) {
        return new LocationLookup.Place(p.id(), p.name(), p.parkId());
    }
}
