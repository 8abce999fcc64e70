package cn.lianmeng.org.coverage;

import reactor.core.publisher.Mono;

/**
 * Told after every enterprise snapshot the coverage projector applied (or saw again), so documents elsewhere that
 * copy the enterprise's name and {@code parkId}/{@code buildingId} for district staff scope stay current when it moves.
 * Implementations must be idempotent and order-safe (guard on {@code version}).
 */
public interface CoverageLocationListener {

    Mono<Void> enterpriseLocated(String allianceId, String enterpriseId, String name, String parkId, String buildingId, long version);
}
