package cn.lianmeng.org.enterprise;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import cn.lianmeng.org.enterprise.LocationLookup.Place;
import cn.lianmeng.org.enterprise.LocationResolver.Field;
import cn.lianmeng.org.enterprise.LocationResolver.Names;
import org.junit.jupiter.api.Test;

class LocationResolverTest {

    /** 浦东新区 → 张江镇 → 张江社区; 张江园区 with 创新大厦 inside; 独立大楼 outside any park; 陆家嘴园区. */
    static final LocationLookup LOOKUP = new LocationLookup() {
        final List<String[]> regions = List.of(new String[]{"d1", "浦东新区", null}, new String[]{"s1", "张江镇", "d1"},
                new String[]{"c1", "张江社区", "s1"}, new String[]{"d2", "徐汇区", null}, new String[]{"s2", "田林街道", "d2"});
        final List<Place> parks = List.of(new Place("p1", "张江园区", null), new Place("p2", "陆家嘴园区", null));
        final List<Place> buildings = List.of(new Place("b1", "创新大厦", "p1"), new Place("b2", "独立大楼", null));

        private Optional<Place> region(String parent, String name) {
            return regions.stream().filter(r -> r[1].equals(name) && Objects.equals(r[2], parent)).findFirst()
                    .map(r -> new Place(r[0], r[1], null));
        }

        public Optional<Place> district(String name) {
            return region(null, name);
        }

        public Optional<Place> street(String districtId, String name) {
            return region(districtId, name);
        }

        public Optional<Place> community(String streetId, String name) {
            return region(streetId, name);
        }

        public Optional<Place> park(String name) {
            return parks.stream().filter(p -> p.name().equals(name)).findFirst();
        }

        public Optional<Place> parkById(String id) {
            return parks.stream().filter(p -> p.id().equals(id)).findFirst();
        }

        public Optional<Place> building(String name) {
            return buildings.stream().filter(p -> p.name().equals(name)).findFirst();
        }
    };

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
}
