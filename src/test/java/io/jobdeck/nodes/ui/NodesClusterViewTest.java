package io.jobdeck.nodes.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.internal.JacksonUtils;
import io.jobdeck.cluster.NodeIdentity;
import io.jobdeck.nodes.ClusterSnapshot;
import io.jobdeck.nodes.ClusterStatus;
import io.jobdeck.nodes.NodeInfo;
import io.jobdeck.scheduler.SchedulerMonitor;
import io.jobdeck.scheduler.SchedulerState;
import io.jobdeck.scheduler.StatusReason;
import io.jobdeck.testing.ExecutionRows;
import io.jobdeck.testing.Isolated;
import io.jobdeck.testing.JobdeckApp;
import io.jobdeck.testing.Postgres;
import io.jobdeck.testing.Views;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One node of a cluster on a real PostgreSQL, in this JVM: it checks in every second on the database's clock, shows
 * itself and a node that went silent (marked lost, its running execution ended as "node died" once this node has checked
 * in for the whole window), and a later start of a node's name ends only its own earlier runs, never another node's.
 */
@SpringBootTest
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@WithMockUser(
        username = "viewer",
        roles = {"VIEWER"})
class NodesClusterViewTest extends SpringBrowserlessTest {

    static final Postgres POSTGRES = Postgres.start();
    static final String NAME = "node-p";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        Isolated.quietApp(registry, JobdeckApp.newDataDir());
        POSTGRES.datasource().forEach((key, value) -> registry.add(key, () -> value));
        registry.add("jobdeck.cluster.enabled", () -> "true");
        registry.add("jobdeck.cluster.node-name", () -> NAME);
        registry.add("jobdeck.cluster.checkin-interval", () -> "1s");
        registry.add("jobdeck.scheduler.auto-start", () -> "true");
    }

    @AfterAll
    static void stop() throws Exception {
        POSTGRES.close();
    }

    @Autowired
    ClusterStatus cluster;

    @Autowired
    NodeIdentity node;

    @Autowired
    JdbcClient jdbc;

    @Test
    void this_node_checks_in_on_the_database_clock_and_a_silent_node_is_shown_lost_and_its_runs_end_as_node_died() {
        ClusterSnapshot first = await().atMost(Duration.ofSeconds(20))
                .until(cluster::current, s -> s.clustered() && s.state() == SchedulerState.RUNNING);
        NodeInfo self =
                first.nodes().stream().filter(NodeInfo::thisNode).findFirst().orElseThrow();
        assertThat(self.name()).isEqualTo(NAME);
        assertThat(self.id()).isEqualTo(node.id());
        assertThat(self.version()).isEqualTo("dev");
        assertThat(self.live()).isTrue();
        assertThat(Math.abs(self.skewMillis())).as("same machine, same clock").isLessThan(1_000);
        Instant checkedIn = self.checkinAt();
        await().atMost(Duration.ofSeconds(5)).until(() -> own().checkinAt().isAfter(checkedIn));

        // A node that stopped checking in a while ago, with an execution the history still shows running.
        String silent = "node-q-4242-old";
        jdbc.sql(
                        "INSERT INTO JOBDECK_NODE (NODE_ID, NODE_NAME, ADDRESS, VERSION, STARTED_AT, STATE, STATE_SINCE,"
                                + " BUSY_WORKERS, POOL_SIZE, RUNNING_JOBS, FIRES_LAST_MINUTE, CHECKIN_AT, SKEW_MILLIS)"
                                + " VALUES (?, 'node-q', 'q:8080', 'dev', CURRENT_TIMESTAMP - INTERVAL '1 hour', 'RUNNING',"
                                + " CURRENT_TIMESTAMP - INTERVAL '1 hour', 1, 10, 1, 3, CURRENT_TIMESTAMP - INTERVAL '1 minute', 0)")
                .param(silent)
                .update();
        long run = ExecutionRows.insert(
                jdbc, "lost", "job", "RUNNING", Instant.now().minusSeconds(70), null, null, silent);

        ClusterSnapshot judged = await().atMost(Duration.ofSeconds(20))
                .until(
                        cluster::current,
                        s -> s.nodes().stream().anyMatch(n -> n.id().equals(silent) && n.lost() && n.lostAt() != null));
        assertThat(judged.state()).isEqualTo(SchedulerState.DEGRADED);
        assertThat(outcome(run)).isEqualTo("NODE_DIED");

        Views.awaitView(() -> {
            navigate(NodesView.class);
            assertThat(find(Paragraph.class).withId("nodes-single").exists())
                    .as("shown only without a cluster")
                    .isFalse();
            assertThat(rows()).extracting(r -> r.node().name()).contains(NAME, "node-q");
            NodesView.Row lost = rows().stream()
                    .filter(r -> r.node().id().equals(silent))
                    .findFirst()
                    .orElseThrow();
            assertThat(lost.state()).isEqualTo("Lost");
            assertThat(lost.reason()).startsWith("Stopped checking in");
            NodesView.Row own =
                    rows().stream().filter(r -> r.node().thisNode()).findFirst().orElseThrow();
            assertThat(own.state()).isEqualTo("Running");
            assertThat(own.workers()).endsWith("/ " + own.node().poolSize());
            assertThat(own.skew()).endsWith(" ms");
            assertThat(action(own)).as("a viewer gets no drain button").isEmpty();
            assertThat(find(Span.class).id("nodes-cluster-state").getText()).isEqualTo("Cluster: Degraded");
        });

        // The dashboard's cluster panel says the same.
        Views.awaitView(() -> {
            navigate("", com.vaadin.flow.component.Component.class);
            assertThat(find(Span.class).id("cluster-state").getText()).isEqualTo("Degraded");
            assertThat(find(Div.class).id("cluster-notices").getChildren().map(c -> ((Div) c).getText()))
                    .contains("Node node-q stopped checking in: lost");
        });
    }

    @Test
    void
            a_database_that_hangs_makes_the_cluster_degraded_with_its_reason_within_seconds_and_it_clears_when_it_answers() {
        await().atMost(Duration.ofSeconds(20))
                .until(cluster::current, s -> s.clustered() && s.problemIfAny().isEmpty());
        POSTGRES.freeze();
        try {
            // The heartbeat's read hangs with the database: the last nodes it read are no longer the truth.
            ClusterSnapshot frozen = await().atMost(Duration.ofSeconds(6))
                    .until(cluster::current, s -> s.state() == SchedulerState.DEGRADED);
            assertThat(frozen.problemIfAny())
                    .hasValueSatisfying(p -> assertThat(p).contains("have not been read for"));
        } finally {
            POSTGRES.thaw();
        }
        ClusterSnapshot thawed = await().atMost(Duration.ofSeconds(20))
                .until(cluster::current, s -> s.problemIfAny().isEmpty());
        assertThat(Math.abs(thawed.nodes().stream()
                        .filter(NodeInfo::thisNode)
                        .findFirst()
                        .orElseThrow()
                        .skewMillis()))
                .as("the wait for the database is not taken for a clock's skew")
                .isLessThan(1_000);
    }

    @Test
    void a_later_start_of_a_name_ends_only_the_runs_of_its_own_earlier_starts_and_a_clean_stop_leaves() {
        // Another live node's run, and one of an earlier start of the name about to start.
        String other = "node-r-1-live";
        jdbc.sql("INSERT INTO JOBDECK_NODE (NODE_ID, NODE_NAME, STARTED_AT, STATE, STATE_SINCE, BUSY_WORKERS,"
                        + " POOL_SIZE, RUNNING_JOBS, FIRES_LAST_MINUTE, CHECKIN_AT, SKEW_MILLIS)"
                        + " VALUES (?, 'node-r', CURRENT_TIMESTAMP, 'RUNNING', CURRENT_TIMESTAMP, 1, 10, 1, 0,"
                        + " CURRENT_TIMESTAMP + INTERVAL '1 hour', 0)")
                .param(other)
                .update();
        long othersRun = ExecutionRows.insert(jdbc, "sweep", "other", "RUNNING", Instant.now(), null, null, other);
        long earlierRun =
                ExecutionRows.insert(jdbc, "sweep", "mine", "RUNNING", Instant.now(), null, null, "node-s-77-crashed");

        String started;
        try (JobdeckApp s = JobdeckApp.start(
                JobdeckApp.newDataDir(),
                Map.of(
                        "spring.datasource.url", POSTGRES.datasource().get("spring.datasource.url"),
                        "spring.datasource.username", POSTGRES.datasource().get("spring.datasource.username"),
                        "spring.datasource.password", POSTGRES.datasource().get("spring.datasource.password"),
                        "jobdeck.cluster.enabled", true,
                        "jobdeck.cluster.node-name", "node-s"))) {
            started = s.bean(NodeIdentity.class).id();
            assertThat(outcome(earlierRun)).as("an earlier start of node-s").isEqualTo("NODE_DIED");
            assertThat(outcome(othersRun)).as("node-r's, which checks in").isEqualTo("RUNNING");
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> cluster.current().nodes().stream().anyMatch(n -> n.id().equals(started) && n.live()));
        }
        assertThat(jdbc.sql("SELECT STATE FROM JOBDECK_NODE WHERE NODE_ID = ?")
                        .param(started)
                        .query(String.class)
                        .single())
                .isEqualTo("LEFT");
        await().atMost(Duration.ofSeconds(5))
                .until(() -> cluster.current().nodes().stream()
                        .anyMatch(n -> n.id().equals(started) && n.presence() == NodeInfo.Presence.LEFT));
    }

    @Test
    @WithMockUser(
            username = "operator",
            roles = {"VIEWER", "OPERATOR"})
    void an_operator_drains_this_node_from_the_nodes_page_and_undrains_it(@Autowired SchedulerMonitor monitor) {
        await().atMost(Duration.ofSeconds(20)).until(() -> monitor.status().state() == SchedulerState.RUNNING);

        Views.awaitView(() -> {
            navigate(NodesView.class);
            assertThat(action(ownRow())).isEqualTo("Drain");
            click(ownRow());
        });
        await().atMost(Duration.ofSeconds(10))
                .until(() -> monitor.status().reason() != null
                        && monitor.status().reason().code() == StatusReason.Code.DRAINED);
        assertThat(monitor.status().state()).isEqualTo(SchedulerState.STOPPED);
        assertThat(monitor.status().reason().args()).containsExactly("operator");

        Views.awaitView(() -> {
            navigate(NodesView.class);
            assertThat(action(ownRow())).isEqualTo("Undrain");
            click(ownRow());
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> monitor.status().state() == SchedulerState.RUNNING);
    }

    private NodesView.Row ownRow() {
        return rows().stream().filter(r -> r.node().thisNode()).findFirst().orElseThrow();
    }

    /** The row's action button's text, empty when it has none. */
    @SuppressWarnings("unchecked")
    private String action(NodesView.Row row) {
        Grid<NodesView.Row> grid = find(Grid.class).id("nodes-grid");
        return test(grid).getLitRendererPropertyValue(rows().indexOf(row), "actions", "action", String.class);
    }

    @SuppressWarnings("unchecked")
    private void click(NodesView.Row row) {
        Grid<NodesView.Row> grid = find(Grid.class).id("nodes-grid");
        test(grid).invokeLitRendererFunction(rows().indexOf(row), "actions", "toggle", JacksonUtils.createArrayNode());
    }

    private NodeInfo own() {
        return cluster.current().nodes().stream()
                .filter(NodeInfo::thisNode)
                .findFirst()
                .orElseThrow();
    }

    private String outcome(long id) {
        return jdbc.sql("SELECT OUTCOME FROM JOBDECK_EXECUTION WHERE ID = ?")
                .param(id)
                .query(String.class)
                .single();
    }

    @SuppressWarnings("unchecked")
    private List<NodesView.Row> rows() {
        Grid<NodesView.Row> grid = find(Grid.class).id("nodes-grid");
        return grid.getListDataView().getItems().toList();
    }
}
