package io.jobdeck.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jobdeck.testing.ApiClient;
import io.jobdeck.testing.ApiClient.Answer;
import io.jobdeck.testing.AppProcess;
import io.jobdeck.testing.Cluster;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Cluster-wide Start/Stop and per-node drain with three real node processes on one PostgreSQL (decision 0031): a
 * command given to one node is followed by every node within a second, and a drained node stands by alone.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterControlTest {

    private static final Logger log = LoggerFactory.getLogger(ClusterControlTest.class);
    /** The bound: the other nodes reach standby (or fire) within a second of the command's answer. */
    private static final Duration FOLLOW = Duration.ofSeconds(1);

    private static Cluster cluster;
    private static ApiClient a;
    private static ApiClient b;
    private static ApiClient c;

    @BeforeAll
    static void startCluster() {
        cluster = Cluster.start(3);
        a = cluster.node(0).api();
        b = cluster.node(1).api();
        c = cluster.node(2).api();
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @BeforeEach
    void everyNodeRunsUndrained() {
        assertThat(post(a, "/api/v1/cluster/nodes/node-b/undrain").status()).isEqualTo(200);
        assertThat(post(a, "/api/v1/scheduler/start").status()).isEqualTo(200);
        await("every node runs")
                .atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(states(a, b, c)).containsOnly("RUNNING"));
    }

    @Test
    @Order(1)
    void a_stop_on_one_node_stops_the_others_within_a_second_and_a_start_starts_them() {
        Answer stop = post(a, "/api/v1/scheduler/stop");
        assertThat(stop.status()).as(stop.body()).isEqualTo(200);
        assertThat(stop.json().path("status").path("state").asString()).isEqualTo("STOPPED");
        long stopped = System.nanoTime();
        awaitWithinASecond("node-b and node-c stand by", List.of(b, c), "STOPPED");
        log.info("Stop on node-a: node-b and node-c STOPPED {} ms after its answer", millisSince(stopped));

        Answer start = post(a, "/api/v1/scheduler/start");
        assertThat(start.status()).as(start.body()).isEqualTo(200);
        long started = System.nanoTime();
        awaitWithinASecond("node-b and node-c fire", List.of(b, c), "RUNNING");
        log.info("Start on node-a: node-b and node-c RUNNING {} ms after its answer", millisSince(started));

        Answer stopOnC = post(c, "/api/v1/scheduler/stop");
        assertThat(stopOnC.status()).as(stopOnC.body()).isEqualTo(200);
        awaitWithinASecond("node-a and node-b stand by after a stop on node-c", List.of(a, b), "STOPPED");
    }

    @Test
    @Order(2)
    void twenty_alternating_commands_from_two_nodes_settle_on_the_last_everywhere() {
        String last = null;
        for (int i = 0; i < 20; i++) {
            ApiClient sender = (i / 2) % 2 == 0 ? a : b; // a, a, b, b, a, a, …: each node sends both commands
            last = i % 2 == 0 ? "start" : "stop";
            Answer answer = post(sender, "/api/v1/scheduler/" + last);
            assertThat(answer.status())
                    .as("command " + i + ": " + answer.body())
                    .isEqualTo(200);
        }
        assertThat(last).isEqualTo("stop");
        long sent = System.nanoTime();
        awaitWithinASecond("every node, the senders included, follows the last command", List.of(a, b, c), "STOPPED");
        log.info("20 commands: every node STOPPED {} ms after the last answer", millisSince(sent));
        await("and stays so past a recheck")
                .during(Duration.ofSeconds(6))
                .atMost(Duration.ofSeconds(8))
                .untilAsserted(() -> assertThat(states(a, b, c)).containsOnly("STOPPED"));
    }

    @Test
    @Order(3)
    void a_drained_node_stands_by_while_the_others_run_until_it_is_undrained() {
        Answer drain = post(a, "/api/v1/cluster/nodes/node-b/drain");
        assertThat(drain.status()).as(drain.body()).isEqualTo(200);
        assertThat(drain.json().path("drained").asBoolean()).isTrue();
        awaitWithinASecond("node-b stands by", List.of(b), "STOPPED");
        JsonNode reason = status(b).path("reason");
        assertThat(reason.path("code").asString()).isEqualTo("DRAINED");
        assertThat(reason.path("args").get(0).asString()).isEqualTo("operator");
        assertThat(states(a, c)).containsOnly("RUNNING");

        // The cluster's Stop and Start still reach the others; node-b stays drained.
        assertThat(post(c, "/api/v1/scheduler/stop").status()).isEqualTo(200);
        awaitWithinASecond("node-a and node-c stand by", List.of(a, c), "STOPPED");
        assertThat(post(c, "/api/v1/scheduler/start").status()).isEqualTo(200);
        awaitWithinASecond("node-a and node-c fire", List.of(a, c), "RUNNING");
        assertThat(state(b)).isEqualTo("STOPPED");
        assertThat(status(b).path("reason").path("code").asString()).isEqualTo("DRAINED");

        Answer undrain = post(c, "/api/v1/cluster/nodes/node-b/undrain");
        assertThat(undrain.status()).as(undrain.body()).isEqualTo(200);
        awaitWithinASecond("node-b fires again", List.of(b), "RUNNING");
    }

    @Test
    @Order(4)
    void a_drain_of_a_node_that_is_not_one_is_refused_clearly() {
        Answer unknown = post(a, "/api/v1/cluster/nodes/node-z/drain");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.isProblem()).isTrue();
        assertThat(unknown.json().path("detail").asString()).contains("node-z").contains("node-a");

        Answer bad = post(a, "/api/v1/cluster/nodes/no%20such%20node!/drain");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.isProblem()).isTrue();

        Answer viewer = b.call("POST", "/api/v1/cluster/nodes/node-a/drain", "viewer", null);
        assertThat(viewer.status()).isEqualTo(403);
        assertThat(states(a, b, c)).containsOnly("RUNNING");
    }

    @Test
    @Order(5)
    void a_drain_survives_the_nodes_restart() {
        assertThat(post(a, "/api/v1/cluster/nodes/node-c/drain").status()).isEqualTo(200);
        awaitWithinASecond("node-c stands by", List.of(c), "STOPPED");

        cluster.node(2).kill();
        AppProcess again = cluster.add("node-c");
        ApiClient restarted = again.api();
        assertThat(state(restarted)).as("restored drained at startup").isEqualTo("STOPPED");
        assertThat(status(restarted).path("reason").path("code").asString()).isEqualTo("DRAINED");

        assertThat(post(a, "/api/v1/cluster/nodes/node-c/undrain").status()).isEqualTo(200);
        awaitWithinASecond("node-c fires again", List.of(restarted), "RUNNING");
        c = restarted;
    }

    private static void awaitWithinASecond(String what, List<ApiClient> nodes, String state) {
        await(what)
                .atMost(FOLLOW)
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(20))
                .untilAsserted(() ->
                        assertThat(states(nodes.toArray(ApiClient[]::new))).containsOnly(state));
    }

    private static Answer post(ApiClient node, String path) {
        return node.call("POST", path, "operator", null);
    }

    private static JsonNode status(ApiClient node) {
        Answer answer = node.get("/api/v1/scheduler", "viewer");
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    private static String state(ApiClient node) {
        return status(node).path("state").asString();
    }

    private static List<String> states(ApiClient... nodes) {
        return java.util.Arrays.stream(nodes).map(ClusterControlTest::state).toList();
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }
}
