package io.jobdeck.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.yaml.snakeyaml.Yaml;

/**
 * {@code compose.yaml} cannot run here (no container engine), so what can go wrong in it without running is checked:
 * every node's environment, bound the way Spring Boot binds environment variables, makes it a cluster node with its
 * own name on the same database, and the proxy sends sticky sessions to every node and only to them.
 */
class ComposeFileTest {

    @Test
    @SuppressWarnings("unchecked")
    void every_node_is_a_cluster_node_with_its_own_name_on_one_database_behind_a_sticky_proxy() throws IOException {
        Map<String, Object> compose;
        try (Reader reader = Files.newBufferedReader(Path.of("compose.yaml"))) {
            compose = new Yaml().load(reader);
        }
        Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose.get("services");
        Map<String, Map<String, String>> nodes = new HashMap<>();
        services.forEach((name, service) -> {
            Object environment = service.get("environment");
            if (environment instanceof Map<?, ?> map && map.containsKey("JOBDECK_CLUSTER_ENABLED")) {
                nodes.put(name, (Map<String, String>) map);
            }
        });
        assertThat(nodes).hasSizeGreaterThanOrEqualTo(2);

        String haproxy = (String)
                ((Map<String, Object>) ((Map<String, Object>) compose.get("configs")).get("haproxy")).get("content");
        assertThat(haproxy).contains("cookie JOBDECK_NODE insert").contains("timeout tunnel");
        assertThat(haproxy.lines().filter(line -> line.strip().startsWith("server ")))
                .hasSize(nodes.size());

        nodes.forEach((service, environment) -> {
            ClusterProperties cluster = bind(environment, "jobdeck.cluster", ClusterProperties.class);
            assertThat(cluster.enabled()).as(service).isTrue();
            assertThat(cluster.nodeName()).as(service + "'s node name").isEqualTo(service);
            assertThat(bind(environment, "spring.datasource.url", String.class))
                    .startsWith("jdbc:postgresql://postgres:5432/");
            assertThat(haproxy).contains("server " + service + " " + service + ":8080 check cookie " + service);
            Map<String, String> shared = new HashMap<>(environment);
            shared.remove("JOBDECK_CLUSTER_NODE_NAME");
            Map<String, String> first = new HashMap<>(nodes.values().iterator().next());
            first.remove("JOBDECK_CLUSTER_NODE_NAME");
            assertThat(shared).as(service + ": the same settings as every node").isEqualTo(first);
            assertThat(services.get(service).get("depends_on").toString()).contains("postgres");
        });
        assertThat((List<String>) services.get("proxy").get("depends_on")).containsAll(nodes.keySet());
    }

    private static <T> T bind(Map<String, String> environment, String name, Class<T> type) {
        StandardEnvironment spring = new StandardEnvironment();
        spring.getPropertySources()
                .addFirst(new SystemEnvironmentPropertySource("compose", new HashMap<>(environment)));
        return new Binder(ConfigurationPropertySources.get(spring)).bindOrCreate(name, type);
    }
}
