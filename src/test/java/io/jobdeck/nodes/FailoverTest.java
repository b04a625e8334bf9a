package io.jobdeck.nodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jobdeck.cluster.NodeIdentity;
import io.jobdeck.testing.ApiClient;
import io.jobdeck.testing.Cluster;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Failover with real processes: two nodes on PostgreSQL run long jobs marked "run again if its node dies"; one node is
 * killed with SIGKILL while it runs some of them. Those run again on the other node within 30 s, the killed node's
 * executions show "node died" in the history, the Nodes API shows it lost, and once the re-runs end no trigger is left
 * ACQUIRED or BLOCKED and no fired trigger of the dead node remains.
 */
class FailoverTest {

    static final String GROUP = "failover";
    static final int JOBS = 4;
    static final Duration RECOVERY = Duration.ofSeconds(30);

    @Test
    void a_killed_nodes_recoverable_jobs_run_again_on_another_node_and_its_runs_show_node_died() throws Exception {
        try (Cluster cluster =
                Cluster.start(2, "--jobdeck.jobs.shell.enabled=true", "--jobdeck.history.sync-every=0s")) {
            ApiClient api = cluster.node(0).api();
            for (int i = 0; i < JOBS; i++) {
                ApiClient.Answer created = api.call("POST", "/api/v1/jobs", "admin", """
                        {"group": "%s", "name": "long-%d", "type": "SHELL", "data": {"shell.command": "sleep\\n20"},
                         "triggers": [{"kind": "CRON", "cron": "0 0 0 1 1 ? 2099"}], "rerunIfNodeDies": true}""".formatted(GROUP, i));
                assertThat(created.status()).as(created.body()).isEqualTo(201);
            }
            JsonNode definition = api.get("/api/v1/jobs/%s/long-0/definition".formatted(GROUP), "admin")
                    .json();
            assertThat(definition.path("rerunIfNodeDies").asBoolean()).isTrue();
            for (int i = 0; i < JOBS; i++) {
                ApiClient.Answer run =
                        api.call("POST", "/api/v1/jobs/%s/long-%d/run".formatted(GROUP, i), "operator", null);
                assertThat(run.status()).as(run.body()).isEqualTo(202);
            }
            List<JsonNode> running = await("every job runs")
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> executions(api, "RUNNING"), rows -> rows.size() == JOBS);

            // The node running the most of them dies.
            Map<String, List<JsonNode>> byNode = running.stream()
                    .collect(Collectors.groupingBy(r -> r.path("node").asString()));
            String victimId = byNode.entrySet().stream()
                    .max(Map.Entry.comparingByValue((a, b) -> Integer.compare(a.size(), b.size())))
                    .orElseThrow()
                    .getKey();
            String victim = NodeIdentity.nameOf(victimId);
            int victimIndex = victim.equals(cluster.name(0)) ? 0 : 1;
            String survivor = cluster.name(1 - victimIndex);
            ApiClient survivorApi = cluster.node(1 - victimIndex).api();
            Map<String, String> cutShort = new HashMap<>(); // job -> fire id
            byNode.get(victimId)
                    .forEach(r -> cutShort.put(
                            r.path("jobName").asString(), r.path("fireId").asString()));
            Instant killedAt = Instant.now();
            cluster.node(victimIndex).kill();

            await("the killed node's jobs run again on " + survivor)
                    .atMost(RECOVERY)
                    .until(() -> executions(survivorApi, null).stream()
                            .filter(r -> NodeIdentity.nameOf(r.path("node").asString())
                                    .equals(survivor))
                            .filter(r ->
                                    Instant.parse(r.path("firedAt").asString()).isAfter(killedAt))
                            .map(r -> r.path("jobName").asString())
                            .collect(Collectors.toSet())
                            .containsAll(cutShort.keySet()));

            await("the killed node's executions show node died")
                    .atMost(RECOVERY)
                    .until(() -> executions(survivorApi, "NODE_DIED").stream()
                            .map(r -> r.path("fireId").asString())
                            .collect(Collectors.toSet())
                            .containsAll(cutShort.values()));
            JsonNode nodes = survivorApi.get("/api/v1/cluster/nodes", "viewer").json();
            assertThat(nodes.path("clustered").asBoolean()).isTrue();
            List<String> lost = new ArrayList<>();
            nodes.path("nodes").forEach(n -> {
                if (n.path("presence").asString().equals("LOST")) {
                    lost.add(n.path("name").asString());
                }
            });
            assertThat(lost).containsExactly(victim);
            assertThat(nodes.path("state").asString()).isEqualTo("DEGRADED");

            await("the re-runs end")
                    .atMost(Duration.ofSeconds(40))
                    .until(() -> executions(survivorApi, "RUNNING").isEmpty());
            assertThat(executions(survivorApi, "SUCCEEDED"))
                    .extracting(r -> r.path("jobName").asString())
                    .containsAll(cutShort.keySet());
            try (Connection c = cluster.postgres().connection();
                    Statement s = c.createStatement()) {
                assertThat(count(
                                s, "SELECT COUNT(*) FROM QRTZ_TRIGGERS WHERE TRIGGER_STATE IN ('ACQUIRED', 'BLOCKED')"))
                        .isZero();
                assertThat(count(s, "SELECT COUNT(*) FROM QRTZ_FIRED_TRIGGERS")).isZero();
                assertThat(count(s, "SELECT COUNT(*) FROM JOBDECK_EXECUTION WHERE OUTCOME = 'RUNNING'"))
                        .isZero();
            }
        }
    }

    private static List<JsonNode> executions(ApiClient api, String outcome) {
        List<JsonNode> rows = new ArrayList<>();
        api.get(
                        "/api/v1/executions?group=" + GROUP + (outcome == null ? "" : "&outcome=" + outcome)
                                + "&limit=100",
                        "viewer")
                .json()
                .path("rows")
                .forEach(rows::add);
        return rows;
    }

    private static long count(Statement s, String sql) throws Exception {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
