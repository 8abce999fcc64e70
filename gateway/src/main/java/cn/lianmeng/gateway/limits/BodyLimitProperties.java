package cn.lianmeng.gateway.limits;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Request body caps.
 *
 * <pre>
 * lianmeng.gateway.body-limits.default-size: 1MB        # 1 MiB (Spring's DataSize units are binary)
 * lianmeng.gateway.body-limits.paths:                    # path pattern → size, for upload routes
 *   "[/api/content/files/**]": 50MB                      # brackets keep '/' and '*' in a map key
 * </pre>
 */
@ConfigurationProperties("lianmeng.gateway.body-limits")
public class BodyLimitProperties {

    private DataSize defaultSize = DataSize.ofMegabytes(1);
    private Map<String, DataSize> paths = new LinkedHashMap<>();

    public DataSize getDefaultSize() {
        return defaultSize;
    }

    public void setDefaultSize(DataSize defaultSize) {
        this.defaultSize = defaultSize;
    }

    public Map<String, DataSize> getPaths() {
        return paths;
    }

    public void setPaths(Map<String, DataSize> paths) {
        this.paths = paths;
    }
}
