package cn.lianmeng.org.enterprise;

import cn.lianmeng.platform.data.Scope;
import reactor.core.publisher.Mono;

/** Where the enterprise profile gets an alliance's locations from (the {@code region} package's catalogue). */
public interface LocationDirectory {

    /** A snapshot of the locations of the scope's alliance, for resolving names to ids. */
    Mono<LocationLookup> lookup(Scope scope);
}
