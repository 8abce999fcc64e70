package cn.lianmeng.org.region;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import org.bson.Document;

/** Optional coordinates of a region, park or building (WGS 84 degrees), stored as {@code {lat, lng}}. */
public record GeoPoint(
        @NotNull(message = "不能为空")
        @DecimalMin(value = "-90", message = "纬度须在 -90 到 90 之间")
        @DecimalMax(value = "90", message = "纬度须在 -90 到 90 之间") Double lat,
        @NotNull(message = "不能为空")
        @DecimalMin(value = "-180", message = "经度须在 -180 到 180 之间")
        @DecimalMax(value = "180", message = "经度须在 -180 到 180 之间") Double lng) {

    Document toDocument() {
        return new Document("lat", lat).append("lng", lng);
    }

    static Document toDocument(GeoPoint p) {
        return p == null ? null : p.toDocument();
    }

    static GeoPoint of(Document d) {
        if (d == null) {
            return null;
        }
        Number lat = d.get("lat", Number.class);
        Number lng = d.get("lng", Number.class);
        return lat == null || lng == null ? null : new GeoPoint(lat.doubleValue(), lng.doubleValue());
    }
}
