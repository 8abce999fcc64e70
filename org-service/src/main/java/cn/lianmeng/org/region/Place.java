package cn.lianmeng.org.region;

/**
 * A region, park or building as the {@link LocationCatalogue} resolves it.
 *
 * @param id       the region's, park's or building's id
 * @param name     its name
 * @param parentId for a region its parent region (null for a district); for a park or building the most specific
 *                 region it lies in (street, else district), or null when none was given
 * @param parkId   for a building the park it sits in (null when none); null for regions and parks
 */
public record Place(String id, String name, String parentId, String parkId) {
}
