package cn.lianmeng.org.region;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import cn.lianmeng.platform.data.Scope;
import cn.lianmeng.platform.security.Caller;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Demo locations of the 浦江党建联盟 (local runs only): four Shanghai districts with the streets the demo enterprises
 * use and a few communities, four parks and nine buildings, with real-world coordinates. Loaded through the same
 * services the API uses (so every place also leaves on {@code org.region.v1}); safe to run on every start — only
 * what is missing by name is created. Call from the demo loader with the demo alliance's administrator.
 */
public final class RegionDemo {

    private RegionDemo() {
    }

    record Street(String name, List<String> communities) {
    }

    record District(String name, String code, double lat, double lng, List<Street> streets) {
    }

    record ParkSeed(String name, String district, String street, String address, double lat, double lng) {
    }

    record BuildingSeed(String name, String park, String district, String street, String address, double lat, double lng) {
    }

    /** Where a demo enterprise sits: a park and/or a building by name (either may be null). */
    public record DemoPlace(String park, String building) {

        /** The ids of this place in the catalogue; a building's park id when only the building is named. */
        public String parkId(LocationCatalogue catalogue) {
            if (park != null) {
                return catalogue.park(park).map(Place::id).orElse(null);
            }
            return building == null ? null : catalogue.building(building).map(Place::parkId).orElse(null);
        }

        public String buildingId(LocationCatalogue catalogue) {
            return building == null ? null : catalogue.building(building).map(Place::id).orElse(null);
        }
    }

    static final List<District> DISTRICTS = List.of(
            new District("浦东新区", "310115", 31.2215, 121.5447, List.of(
                    new Street("陆家嘴街道", List.of("梅园社区", "崂山社区")),
                    new Street("张江镇", List.of("高科苑社区", "孙桥社区")),
                    new Street("花木街道", List.of("联洋社区")),
                    new Street("金桥镇", List.of()))),
            new District("徐汇区", "310104", 31.1885, 121.4365, List.of(
                    new Street("漕河泾街道", List.of("华悦社区")),
                    new Street("徐家汇街道", List.of("汇站社区")),
                    new Street("田林街道", List.of()))),
            new District("闵行区", "310112", 31.1128, 121.3817, List.of(
                    new Street("莘庄镇", List.of()),
                    new Street("虹桥镇", List.of("虹仙社区")),
                    new Street("江川路街道", List.of()))),
            new District("静安区", "310106", 31.2235, 121.4480, List.of(
                    new Street("南京西路街道", List.of("静安别墅社区")),
                    new Street("静安寺街道", List.of()),
                    new Street("大宁路街道", List.of("大宁社区")))));

    static final List<ParkSeed> PARKS = List.of(
            new ParkSeed("张江科学城", "浦东新区", "张江镇", "上海市浦东新区张江路、科苑路一带", 31.2035, 121.5905),
            new ParkSeed("陆家嘴金融城", "浦东新区", "陆家嘴街道", "上海市浦东新区陆家嘴环路一带", 31.2360, 121.5050),
            new ParkSeed("漕河泾开发区", "徐汇区", "漕河泾街道", "上海市徐汇区宜山路、桂平路一带", 31.1677, 121.3977),
            new ParkSeed("虹桥商务区", "闵行区", "虹桥镇", "上海市闵行区申长路一带", 31.1940, 121.3180));

    static final List<BuildingSeed> BUILDINGS = List.of(
            new BuildingSeed("张江人工智能岛1号楼", "张江科学城", null, null, "上海市浦东新区川和路55弄1号", 31.1990, 121.6060),
            new BuildingSeed("上海中心大厦", "陆家嘴金融城", null, null, "上海市浦东新区银城中路501号", 31.2335, 121.5055),
            new BuildingSeed("上海环球金融中心", "陆家嘴金融城", null, null, "上海市浦东新区世纪大道100号", 31.2345, 121.5070),
            new BuildingSeed("漕河泾科技绿洲A座", "漕河泾开发区", null, null, "上海市徐汇区宜山路1000号", 31.1700, 121.4000),
            new BuildingSeed("漕河泾创新大厦", "漕河泾开发区", null, null, "上海市徐汇区桂平路391号", 31.1660, 121.3950),
            new BuildingSeed("虹桥天地1号楼", "虹桥商务区", null, null, "上海市闵行区申长路688号", 31.1950, 121.3170),
            new BuildingSeed("港汇恒隆广场", null, "徐汇区", "徐家汇街道", "上海市徐汇区虹桥路1号", 31.1955, 121.4375),
            new BuildingSeed("恒隆广场", null, "静安区", "南京西路街道", "上海市静安区南京西路1266号", 31.2295, 121.4520),
            new BuildingSeed("大宁中心广场", null, "静安区", "大宁路街道", "上海市静安区共和新路1898号", 31.2800, 121.4560));

    /** Per street, the places demo enterprises of that street take in turn; null entries stay outside any park or building. */
    static final Map<String, List<DemoPlace>> PLACES_BY_STREET = Map.of(
            "陆家嘴街道", List.of(new DemoPlace("陆家嘴金融城", "上海中心大厦"), new DemoPlace("陆家嘴金融城", "上海环球金融中心"),
                    new DemoPlace("陆家嘴金融城", null), new DemoPlace(null, null)),
            "张江镇", List.of(new DemoPlace("张江科学城", "张江人工智能岛1号楼"), new DemoPlace("张江科学城", null)),
            "漕河泾街道", List.of(new DemoPlace("漕河泾开发区", "漕河泾科技绿洲A座"), new DemoPlace("漕河泾开发区", "漕河泾创新大厦")),
            "徐家汇街道", List.of(new DemoPlace(null, "港汇恒隆广场"), new DemoPlace(null, null)),
            "虹桥镇", List.of(new DemoPlace("虹桥商务区", "虹桥天地1号楼"), new DemoPlace(null, null)),
            "南京西路街道", List.of(new DemoPlace(null, "恒隆广场"), new DemoPlace(null, null)),
            "大宁路街道", List.of(new DemoPlace(null, "大宁中心广场")));

    /**
     * Where the {@code n}-th demo enterprise of a street sits (by name), or empty when it is in no park or building —
     * some are, so park coverage is not the whole alliance.
     */
    public static Optional<DemoPlace> placeFor(String street, int n) {
        List<DemoPlace> options = PLACES_BY_STREET.get(street);
        if (options == null) {
            return Optional.empty();
        }
        DemoPlace p = options.get(Math.floorMod(n, options.size()));
        return p.park() == null && p.building() == null ? Optional.empty() : Optional.of(p);
    }

    /**
     * Creates whatever of the demo locations is missing in the administrator's alliance and answers the catalogue
     * afterwards (for resolving the demo enterprises' places).
     */
    public static Mono<LocationCatalogue> seed(RegionService regions, ParkService parks, BuildingService buildings, Caller admin) {
        Scope scope = Scope.of(admin);
        return regions.catalogue(scope)
                .flatMap(c -> Flux.fromIterable(DISTRICTS).filter(d -> c.district(d.name()).isEmpty())
                        .concatMap(d -> regions.create(admin, new LocationRequests.NewRegion(RegionLevel.DISTRICT, d.name(), null, d.code(),
                                new GeoPoint(d.lat(), d.lng()), null)))
                        .then(regions.catalogue(scope)))
                .flatMap(c -> Flux.fromIterable(DISTRICTS)
                        .concatMap(d -> {
                            String districtId = c.district(d.name()).orElseThrow().id();
                            return Flux.fromIterable(d.streets()).filter(s -> c.street(districtId, s.name()).isEmpty())
                                    .concatMap(s -> regions.create(admin, new LocationRequests.NewRegion(RegionLevel.STREET, s.name(),
                                            districtId, null, null, null)));
                        })
                        .then(regions.catalogue(scope)))
                .flatMap(c -> Flux.fromIterable(DISTRICTS)
                        .concatMap(d -> {
                            String districtId = c.district(d.name()).orElseThrow().id();
                            return Flux.fromIterable(d.streets()).concatMap(s -> {
                                String streetId = c.street(districtId, s.name()).orElseThrow().id();
                                return Flux.fromIterable(s.communities()).filter(name -> c.community(streetId, name).isEmpty())
                                        .concatMap(name -> regions.create(admin, new LocationRequests.NewRegion(RegionLevel.COMMUNITY, name,
                                                streetId, null, null, null)));
                            });
                        })
                        .then(regions.catalogue(scope)))
                .flatMap(c -> Flux.fromIterable(PARKS).filter(p -> c.park(p.name()).isEmpty())
                        .concatMap(p -> parks.create(admin, new LocationRequests.NewPark(p.name(), districtId(c, p.district()),
                                streetId(c, p.district(), p.street()), p.address(), new GeoPoint(p.lat(), p.lng()), null)))
                        .then(regions.catalogue(scope)))
                .flatMap(c -> Flux.fromIterable(BUILDINGS).filter(b -> c.building(b.name()).isEmpty())
                        .concatMap(b -> buildings.create(admin, new LocationRequests.NewBuilding(b.name(),
                                b.park() == null ? null : c.park(b.park()).orElseThrow().id(), districtId(c, b.district()),
                                streetId(c, b.district(), b.street()), b.address(), new GeoPoint(b.lat(), b.lng()), null)))
                        .then(regions.catalogue(scope)));
    }

    private static String districtId(LocationCatalogue c, String district) {
        return district == null ? null : c.district(district).orElseThrow().id();
    }

    private static String streetId(LocationCatalogue c, String district, String street) {
        return street == null ? null : c.street(districtId(c, district), street).orElseThrow().id();
    }
}
