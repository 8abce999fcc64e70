package cn.lianmeng.org.staff;

import java.util.List;

import cn.lianmeng.org.identity.AccountStore;
import cn.lianmeng.org.region.LocationCatalogue;
import cn.lianmeng.org.region.Place;
import cn.lianmeng.platform.security.Caller;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Demo district staff of the 浦江党建联盟 (local runs only), provisioned with the demo password and assigned to the
 * demo parks and buildings of {@link cn.lianmeng.org.region.RegionDemo}. Safe to run on every start: an existing
 * username is left as it is. Logins: demo-staff01 … demo-staff03.
 */
public final class StaffDemo {

    private StaffDemo() {
    }

    public record StaffSeed(String username, String name, List<String> parks, List<String> buildings) {
    }

    public static final List<StaffSeed> STAFF = List.of(
            // 挂园区包企业: a whole park
            new StaffSeed("demo-staff01", "王建国", List.of("陆家嘴金融城"), List.of()),
            // a park and a building outside it
            new StaffSeed("demo-staff02", "李秀英", List.of("漕河泾开发区"), List.of("港汇恒隆广场")),
            // 一楼一长: single buildings
            new StaffSeed("demo-staff03", "张伟", List.of(), List.of("恒隆广场", "大宁中心广场")));

    /** Provisions the missing demo staff (password {@code password}, no forced change) and assigns their places. */
    public static Mono<Void> seed(StaffService staff, AccountStore accounts, LocationCatalogue catalogue, Caller admin, String password) {
        return Flux.fromIterable(STAFF)
                .concatMap(s -> accounts.usernameTaken(s.username()).flatMap(taken -> taken ? Mono.empty()
                        : staff.provision(admin, new StaffRequests.NewStaff(s.username(), s.name(), null), password)
                        .flatMap(p -> staff.assign(admin, p.staff().id(), new StaffRequests.Assignments(p.staff().version(),
                                s.parks().stream().map(n -> catalogue.park(n).map(Place::id).orElseThrow()).toList(),
                                s.buildings().stream().map(n -> catalogue.building(n).map(Place::id).orElseThrow()).toList())))
                        .then()))
                .then();
    }
}
