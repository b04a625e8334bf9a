package io.jobdeck.nodes.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import io.jobdeck.cluster.NodeIdentity;
import io.jobdeck.testing.Isolated;
import io.jobdeck.testing.JobdeckApp;
import io.jobdeck.testing.Views;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** On one node (no cluster) the Nodes page shows this node only and says that clustering is off. */
@SpringBootTest
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@WithMockUser(
        username = "viewer",
        roles = {"VIEWER"})
class NodesViewTest extends SpringBrowserlessTest {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        Isolated.quietApp(registry, JobdeckApp.newDataDir());
        registry.add("spring.quartz.scheduler-name", () -> "jobdeck-nodes-view-test");
    }

    @Autowired
    NodeIdentity node;

    @Test
    @SuppressWarnings("unchecked")
    void without_a_cluster_it_shows_this_node_only_with_a_note_and_the_dashboard_has_no_cluster_panel() {
        navigate(NodesView.class);
        assertThat(find(Paragraph.class).id("nodes-single").isVisible()).isTrue();
        assertThat(find(Paragraph.class).id("nodes-single").getText()).startsWith("Clustering is off");
        Views.awaitView(() -> {
            Grid<NodesView.Row> grid = find(Grid.class).id("nodes-grid");
            List<NodesView.Row> rows = grid.getListDataView().getItems().toList();
            assertThat(rows).hasSize(1);
            NodesView.Row row = rows.getFirst();
            assertThat(row.node().name()).isEqualTo(node.name());
            assertThat(row.node().thisNode()).isTrue();
            assertThat(row.state()).isEqualTo("Stopped");
            assertThat(row.skew()).isEqualTo("0 ms");
            assertThat(find(Span.class).id("nodes-cluster-state").getText())
                    .as("no cluster to be running: the badge is this node's")
                    .isEqualTo("This node: Stopped");
        });
        Grid<NodesView.Row> grid = find(Grid.class).id("nodes-grid");
        assertThat(grid.getColumnByKey("actions"))
                .as("the place for drain and undrain")
                .isNotNull();

        navigate("", com.vaadin.flow.component.Component.class);
        assertThat(find(Div.class).withId("cluster-panel").exists()).isFalse();
    }
}
