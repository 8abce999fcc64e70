package cn.lianmeng.activity.checkin;

/** Great-circle distance (haversine) for the optional check-in geofence. Plain class, unit-tested. */
public final class Geofence {

    private static final double EARTH_RADIUS_M = 6_371_008.8;

    private Geofence() {
    }

    public static double distanceMeters(double lat1, double lng1, double lat2, double lng2) {
        double dLat = Math.toRadians(lat2 - lat1);
        double dLng = Math.toRadians(lng2 - lng1);
        double a = Math.sin(dLat / 2) * Math.sin(dLat / 2)
                + Math.cos(Math.toRadians(lat1)) * Math.cos(Math.toRadians(lat2)) * Math.sin(dLng / 2) * Math.sin(dLng / 2);
        return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
    }

    public static boolean within(double centreLat, double centreLng, int radiusMeters, double lat, double lng) {
        return distanceMeters(centreLat, centreLng, lat, lng) <= radiusMeters;
    }
}
