package io.jobdeck.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import io.jobdeck.testing.ApiClient;
import io.jobdeck.testing.Cluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

/**
 * Two nodes of a cluster as processes of their own on embedded PostgreSQL, and a dashboard served by each (node-a's
 * at localhost, node-b's at 127.0.0.1, so that their sessions do not share a cookie): a job that runs on node-b shows
 * live on node-a's dashboard, Stop clicked on node-a's dashboard shows Stopped on both, and Drain clicked for node-b on
 * node-a's Nodes page stands node-b by (its own dashboard says so) while node-a runs on.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    private static final String GROUP = "cluster-it";

    private static Cluster cluster;
    private static Browser browser;
    private static Page onA;
    private static Page onB;

    @BeforeAll
    static void start() {
        cluster = Cluster.start(2, "--jobdeck.jobs.shell.enabled=true");
        browser = Browser.launch();
        onA = Session.login(browser, "http://localhost:" + cluster.node(0).port(), "operator");
        onB = Session.login(browser, "http://127.0.0.1:" + cluster.node(1).port(), "operator");
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void a_job_running_on_node_b_shows_live_on_node_a_dashboard_with_its_node() {
        ApiClient b = cluster.node(1).api();
        assertThat(onA.locator("#running-empty")).isVisible(); // the page is open before the runs begin

        // Either node may take a run: start a few at once until one runs on node-b.
        String onNodeB = null;
        for (int round = 0; round < 4 && onNodeB == null; round++) {
            List<String> jobs = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                String name = "sleeper-" + round + "-" + i;
                ApiClient.Answer created = b.call("POST", "/api/v1/jobs", "admin", """
                        {"group": "%s", "name": "%s", "type": "SHELL", "data": {"shell.command": "sleep\\n8"},
                         "triggers": [{"kind": "CRON", "cron": "0 0 0 1 1 ? 2099"}]}""".formatted(GROUP, name));
                assertThat(created.status()).as(created.body()).isEqualTo(201);
                jobs.add(name);
            }
            for (String name : jobs) {
                ApiClient.Answer run =
                        b.call("POST", "/api/v1/jobs/%s/%s/run".formatted(GROUP, name), "operator", null);
                assertThat(run.status()).as(run.body()).isEqualTo(202);
            }
            List<JsonNode> running = await("the runs start on one node or the other")
                    .atMost(Duration.ofSeconds(20))
                    .until(() -> running(b, jobs), r -> r.size() == jobs.size());
            onNodeB = running.stream()
                    .filter(r -> r.path("node").asString().startsWith("node-b-"))
                    .map(r -> r.path("name").asString())
                    .findFirst()
                    .orElse(null);
        }
        assertThat(onNodeB).as("a run that node-b took").isNotNull();

        Locator row = onA.locator("#running-grid vaadin-grid-cell-content")
                .filter(new Locator.FilterOptions().setHasText(GROUP + "." + onNodeB));
        assertThat(row).hasCount(1, new LocatorAssertions.HasCountOptions().setTimeout(5_000));
        assertThat(onA.locator("#running-grid")).containsText("node-b");
    }

    @Test
    @Order(2)
    void stop_clicked_on_node_a_dashboard_shows_stopped_on_both_dashboards() {
        assertThat(badge(onA)).hasAttribute("data-state", "RUNNING");
        assertThat(badge(onB)).hasAttribute("data-state", "RUNNING");

        onA.locator("#stop").click();

        // The sleepers still running finish first (8 s at most), then each node reports Stopped by push.
        LocatorAssertions.HasAttributeOptions within = new LocatorAssertions.HasAttributeOptions().setTimeout(30_000);
        assertThat(badge(onA)).hasAttribute("data-state", "STOPPED", within);
        assertThat(badge(onB)).hasAttribute("data-state", "STOPPED", within);
        assertThat(badge(onB)).hasText("Stopped");
    }

    @Test
    @Order(3)
    void drain_clicked_on_node_a_nodes_page_stands_node_b_by_while_node_a_runs() {
        onA.locator("#start").click();
        LocatorAssertions.HasAttributeOptions within = new LocatorAssertions.HasAttributeOptions().setTimeout(15_000);
        assertThat(badge(onA)).hasAttribute("data-state", "RUNNING", within);
        assertThat(badge(onB)).hasAttribute("data-state", "RUNNING", within);

        onA.navigate("http://localhost:" + cluster.node(0).port() + "/nodes");
        Locator grid = onA.locator("#nodes-grid");
        assertThat(grid).containsText("node-a");
        assertThat(grid).containsText("node-b");
        assertThat(onA.locator("#nodes-cluster-state")).hasAttribute("data-state", "RUNNING");

        onA.locator("#node-actions-node-b vaadin-button").click();

        assertThat(badge(onB)).hasAttribute("data-state", "STOPPED", within);
        assertThat(onB.locator("#scheduler-message")).containsText("drained for maintenance by operator");
        assertThat(grid).containsText("drained for maintenance by operator");
        // node-a fires on, and a drained node does not disagree with the cluster.
        assertThat(onA.locator("#nodes-cluster-state")).hasAttribute("data-state", "RUNNING");
        assertThat(onA.locator("#node-actions-node-b vaadin-button")).hasText("Undrain");
        Browser.screenshotForDocs(onA, "nodes");

        onA.locator("#node-actions-node-b vaadin-button").click();
        assertThat(badge(onB)).hasAttribute("data-state", "RUNNING", within);
    }

    private static Locator badge(Page page) {
        return page.locator("#scheduler-state");
    }

    /** The executions of {@code jobs} running now anywhere in the cluster, as node-b's API lists them. */
    private static List<JsonNode> running(ApiClient api, List<String> jobs) {
        List<JsonNode> found = new ArrayList<>();
        api.get("/api/v1/executions/running", "viewer").json().forEach(r -> {
            if (r.path("group").asString().equals(GROUP)
                    && jobs.contains(r.path("name").asString())) {
                found.add(r);
            }
        });
        return found;
    }
}
