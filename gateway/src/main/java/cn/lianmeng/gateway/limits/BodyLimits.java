package cn.lianmeng.gateway.limits;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/** Resolves the body cap of a path: the most specific matching pattern, else the default. */
public final class BodyLimits {

    private record Entry(PathPattern pattern, long maxBytes) {
    }

    private final long defaultMaxBytes;
    private final List<Entry> entries;

    public BodyLimits(long defaultMaxBytes, Map<String, Long> maxBytesByPattern) {
        this.defaultMaxBytes = defaultMaxBytes;
        List<Entry> list = new ArrayList<>();
        maxBytesByPattern.forEach((pattern, max) -> list.add(new Entry(PathPatternParser.defaultInstance.parse(pattern), max)));
        list.sort(Comparator.comparing(Entry::pattern, PathPattern.SPECIFICITY_COMPARATOR));
        this.entries = List.copyOf(list);
    }

    public static BodyLimits from(BodyLimitProperties properties) {
        Map<String, Long> paths = new java.util.LinkedHashMap<>();
        properties.getPaths().forEach((pattern, size) -> paths.put(pattern, size.toBytes()));
        return new BodyLimits(properties.getDefaultSize().toBytes(), paths);
    }

    public long maxBytes(PathContainer path) {
        for (Entry entry : entries) {
            if (entry.pattern().matches(path)) {
                return entry.maxBytes();
            }
        }
        return defaultMaxBytes;
    }

    public long maxBytes(String path) {
        return maxBytes(PathContainer.parsePath(path));
    }

    /** Human-readable size for messages: {@code 1 MiB}, {@code 512 KiB}, {@code 1000 字节}. */
    public static String describe(long bytes) {
        if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0) {
            return bytes / (1024 * 1024) + " MiB";
        }
        if (bytes >= 1024 && bytes % 1024 == 0) {
            return bytes / 1024 + " KiB";
        }
        return bytes + " 字节";
    }
}
