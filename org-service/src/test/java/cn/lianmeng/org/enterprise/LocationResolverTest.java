package cn.lianmeng.org.enterprise;

import static org.assertj.core.api.Assertions.assertThat;

import cn.lianmeng.org.enterprise.LocationResolver.Field;
import cn.lianmeng.org.enterprise.LocationResolver.Names;
import cn.lianmeng.org.region.LocationCatalogue;
import org.junit.jupiter.api.Test;

class LocationResolverTest {

    /** 浦东新区 → 张江镇 → 张江社区, 徐汇区 → 田林街道; 张江园区 with 创新大厦 inside; 独立大楼 outside any park; 陆家嘴园区. */
    static final LocationLookup LOOKUP = RegionLocationDirectory.adapt(LocationCatalogue.builder("a1")
            .district("d1", "浦东新区").street("s1", "d1", "张江镇").community("c1", "s1", "张江社区")
            .district("d2", "徐汇区").street("s2", "d2", "田林街道")
            .park("p1", "张江园区", "s1").park("p2", "陆家嘴园区", null)
            .building("b1", "创新大厦", "s1", "p1").building("b2", "独立大楼", null, null)
            .build());

    @Test
    void resolvesEveryLevelToIdsAndNames() {
        var r = LocationResolver.resolve(new Names(" 浦东新区 ", "张江镇", "张江社区", "张江园区", "创新大厦"), LOOKUP);
        assertThat(r.ok()).isTrue();
        assertThat(r.location()).isEqualTo(new Location("d1", "浦东新区", "s1", "张江镇", "c1", "张江社区", "p1", "张江园区", "b1", "创新大厦"));
    }

    @Test
    void aBuildingInsideAParkGivesTheEnterpriseThatPark() {
        var r = LocationResolver.resolve(new Names("浦东新区", "张江镇", null, null, "创新大厦"), LOOKUP);
        assertThat(r.location().parkId()).isEqualTo("p1");
        assertThat(r.location().park()).isEqualTo("张江园区");
        assertThat(r.location().communityId()).isNull();
        var outside = LocationResolver.resolve(new Names("浦东新区", "张江镇", null, "陆家嘴园区", "独立大楼"), LOOKUP);
        assertThat(outside.location().parkId()).isEqualTo("p2");
        assertThat(outside.location().buildingId()).isEqualTo("b2");
    }

    @Test
    void aBuildingInAnotherParkThanTheOneNamedIsAnError() {
        var r = LocationResolver.resolve(new Names("浦东新区", "张江镇", null, "陆家嘴园区", "创新大厦"), LOOKUP);
        assertThat(r.problems()).containsOnlyKeys(Field.BUILDING);
        assertThat(r.problems().get(Field.BUILDING)).contains("张江园区").contains("陆家嘴园区");
    }

    @Test
    void unknownAndMissingNamesAreNamedPerField() {
        var r = LocationResolver.resolve(new Names("浦西区", "张江镇", "某社区", "无名园区", "无名大厦"), LOOKUP);
        assertThat(r.ok()).isFalse();
        // the street and community cannot be checked without a district; park and building still are
        assertThat(r.problems()).containsOnlyKeys(Field.DISTRICT, Field.PARK, Field.BUILDING);
        assertThat(r.problems().get(Field.DISTRICT)).isEqualTo("本联盟没有名为“浦西区”的区");

        var wrongStreet = LocationResolver.resolve(new Names("徐汇区", "张江镇", null, null, null), LOOKUP);
        assertThat(wrongStreet.problems()).containsOnlyKeys(Field.STREET);
        assertThat(wrongStreet.problems().get(Field.STREET)).isEqualTo("“徐汇区”下没有名为“张江镇”的街道");

        var wrongCommunity = LocationResolver.resolve(new Names("徐汇区", "田林街道", "张江社区", null, null), LOOKUP);
        assertThat(wrongCommunity.problems()).containsOnlyKeys(Field.COMMUNITY);

        var missing = LocationResolver.resolve(new Names(" ", null, null, null, null), LOOKUP);
        assertThat(missing.problems()).containsEntry(Field.DISTRICT, "不能为空").containsEntry(Field.STREET, "不能为空");
        assertThat(Field.DISTRICT.api()).isEqualTo("district");
        assertThat(Field.BUILDING.column()).isEqualTo("楼宇");
    }

    @Test
    void parksAndBuildingsMayBeGivenByIdConsistentlyWithTheirNames() {
        var byId = LocationResolver.resolve(new Names("浦东新区", "张江镇", null, null, null, null, "b1"), LOOKUP);
        assertThat(byId.location().building()).isEqualTo("创新大厦");
        assertThat(byId.location().parkId()).isEqualTo("p1");
        assertThat(byId.location().park()).isEqualTo("张江园区");
        var both = LocationResolver.resolve(new Names("浦东新区", "张江镇", null, "陆家嘴园区", "独立大楼", "p2", "b2"), LOOKUP);
        assertThat(both.ok()).isTrue();
        var unknown = LocationResolver.resolve(new Names("浦东新区", "张江镇", null, null, null, "nope", "nope"), LOOKUP);
        assertThat(unknown.problems()).containsOnlyKeys(Field.PARK_ID, Field.BUILDING_ID);
        var disagree = LocationResolver.resolve(new Names("浦东新区", "张江镇", null, "陆家嘴园区", null, "p1", null), LOOKUP);
        assertThat(disagree.problems()).containsOnlyKeys(Field.PARK_ID);
        var mismatch = LocationResolver.resolve(new Names("浦东新区", "张江镇", null, null, null, "p2", "b1"), LOOKUP);
        assertThat(mismatch.problems()).containsOnlyKeys(Field.BUILDING_ID);
        assertThat(Field.PARK_ID.api()).isEqualTo("parkId");
    }
}
