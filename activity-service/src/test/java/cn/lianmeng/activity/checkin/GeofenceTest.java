package cn.lianmeng.activity.checkin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class GeofenceTest {

    @Test
    void distancesOnTheGround() {
        // People's Square → near the Bund, about 1.9 km
        assertThat(Geofence.distanceMeters(31.2304, 121.4737, 31.2400, 121.4900)).isCloseTo(1_890, within(60.0));
        assertThat(Geofence.distanceMeters(31.2304, 121.4737, 31.2304, 121.4737)).isZero();
        // 0.001° of latitude ≈ 111 m
        assertThat(Geofence.distanceMeters(31.0, 121.0, 31.001, 121.0)).isCloseTo(111.2, within(0.5));
        assertThat(Geofence.within(31.0, 121.0, 120, 31.001, 121.0)).isTrue();
        assertThat(Geofence.within(31.0, 121.0, 100, 31.001, 121.0)).isFalse();
    }
}
