package cn.lianmeng.org.region;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LocationCatalogueTest {

    private final LocationCatalogue catalogue = LocationCatalogue.builder("a1")
            .district("d-pd", "浦东新区")
            .district("d-xh", "徐汇区")
            .street("s-zj", "d-pd", "张江镇")
            .street("s-chj", "d-xh", "漕河泾街道")
            .street("s-xh-zj", "d-xh", "张江镇") // the same street name in another district is another street
            .community("c-gk", "s-zj", "高科苑社区")
            .park("p-zj", "张江科学城", "s-zj")
            .park("p-chj", "漕河泾开发区", "s-chj")
            .building("b-1", "张江人工智能岛1号楼", "s-zj", "p-zj")
            .building("b-2", "徐家汇中心", "d-xh", null)
            .build();

    @Test
    void resolvesNamesLevelByLevelWithinTheirParent() {
        assertThat(catalogue.district("浦东新区")).get().extracting(Place::id).isEqualTo("d-pd");
        assertThat(catalogue.district(" 浦东新区\u3000")).get().extracting(Place::id).isEqualTo("d-pd");
        assertThat(catalogue.street("d-pd", "张江镇")).get().extracting(Place::id).isEqualTo("s-zj");
        assertThat(catalogue.street("d-xh", "张江镇")).get().extracting(Place::id).isEqualTo("s-xh-zj");
        assertThat(catalogue.street("d-xh", "张江镇").get().parentId()).isEqualTo("d-xh");
        assertThat(catalogue.community("s-zj", "高科苑社区")).get().extracting(Place::id).isEqualTo("c-gk");
    }

    @Test
    void aNameAtTheWrongLevelOrUnderAnotherParentIsNotFound() {
        assertThat(catalogue.district("张江镇")).isEmpty();
        assertThat(catalogue.street("d-xh", "高科苑社区")).isEmpty();
        assertThat(catalogue.community("s-chj", "高科苑社区")).isEmpty();
        assertThat(catalogue.street("d-pd", "漕河泾街道")).isEmpty();
        assertThat(catalogue.street(null, "张江镇")).isEmpty();
        assertThat(catalogue.community("d-pd", "张江镇")).isEmpty(); // a street is not a community
        assertThat(catalogue.district("浦东")).isEmpty(); // no fuzzy matching
        assertThat(catalogue.district(null)).isEmpty();
    }

    @Test
    void parksAndBuildingsByNameAndById() {
        assertThat(catalogue.park("漕河泾开发区")).get().extracting(Place::id).isEqualTo("p-chj");
        Place building = catalogue.building("张江人工智能岛1号楼").orElseThrow();
        assertThat(building.parkId()).isEqualTo("p-zj");
        assertThat(building.parentId()).isEqualTo("s-zj");
        assertThat(catalogue.building("徐家汇中心").orElseThrow().parkId()).isNull();
        assertThat(catalogue.park("张江人工智能岛1号楼")).isEmpty();
        assertThat(catalogue.byId("p-zj")).get().extracting(Place::name).isEqualTo("张江科学城");
        assertThat(catalogue.byId("b-2")).get().extracting(Place::name).isEqualTo("徐家汇中心");
        assertThat(catalogue.byId("c-gk")).get().extracting(Place::name).isEqualTo("高科苑社区");
        assertThat(catalogue.parkById("b-1")).isEmpty();
        assertThat(catalogue.buildingById("b-1")).isPresent();
        assertThat(catalogue.regionById("p-zj")).isEmpty();
        assertThat(catalogue.level("s-zj")).contains(RegionLevel.STREET);
        assertThat(catalogue.byId("nope")).isEmpty();
        assertThat(catalogue.buildingsIn("p-zj")).extracting(Place::id).containsExactly("b-1");
    }

    @Test
    void findsTheDistrictAndStreetOfAnyPlace() {
        assertThat(catalogue.districtOf("c-gk")).get().extracting(Place::id).isEqualTo("d-pd");
        assertThat(catalogue.streetOf("c-gk")).get().extracting(Place::id).isEqualTo("s-zj");
        assertThat(catalogue.districtOf("b-1")).get().extracting(Place::id).isEqualTo("d-pd");
        assertThat(catalogue.streetOf("b-1")).get().extracting(Place::id).isEqualTo("s-zj");
        assertThat(catalogue.districtOf("b-2")).get().extracting(Place::id).isEqualTo("d-xh");
        assertThat(catalogue.streetOf("b-2")).isEmpty();
        assertThat(catalogue.districtOf("d-xh")).get().extracting(Place::id).isEqualTo("d-xh");
        assertThat(catalogue.streetOf("d-xh")).isEmpty();
        assertThat(catalogue.districtOf("nope")).isEmpty();
    }

    @Test
    void anEmptyCatalogueFindsNothing() {
        LocationCatalogue empty = LocationCatalogue.builder("a2").build();
        assertThat(empty.district("浦东新区")).isEmpty();
        assertThat(empty.park("张江科学城")).isEmpty();
        assertThat(empty.parks()).isEmpty();
        assertThat(empty.allianceId()).isEqualTo("a2");
    }
}
