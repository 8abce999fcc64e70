package cn.lianmeng.org;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.MutablePropertySources;

/**
 * The properties every org-service integration test shares ({@link Api#register}), contributed by one initializer
 * named in {@link OrgIntegrationTest} so that all test classes share one cached Spring context (and one embedded
 * broker). A {@code @DynamicPropertySource} per class made every class a context of its own: 18 contexts stayed alive
 * in one JVM, each sweeping outboxes and polling Kafka against the same stand-in, until a late request timed out.
 * A class that needs a different setting declares only that in its own {@code @DynamicPropertySource}, which wins.
 */
public final class OrgTestProperties implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static final String DYNAMIC = "Dynamic Test Properties";

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        Map<String, Supplier<Object>> values = new LinkedHashMap<>();
        Api.register(values::put);
        EnumerablePropertySource<Map<String, Supplier<Object>>> source = new EnumerablePropertySource<>("org-service test properties", values) {
            @Override
            public String[] getPropertyNames() {
                return values.keySet().toArray(String[]::new);
            }

            @Override
            public Object getProperty(String name) {
                Supplier<Object> value = values.get(name);
                return value == null ? null : value.get();
            }
        };
        MutablePropertySources sources = context.getEnvironment().getPropertySources();
        if (sources.contains(DYNAMIC)) {
            sources.addAfter(DYNAMIC, source);
        } else {
            sources.addFirst(source);
        }
    }
}
