package io.jobdeck.history.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.QueryParameters;
import io.jobdeck.events.EventHub;
import io.jobdeck.events.JobOutcome;
import io.jobdeck.events.SchedulerEvent;
import io.jobdeck.history.Execution;
import io.jobdeck.testing.ExecutionRows;
import io.jobdeck.testing.Isolated;
import io.jobdeck.testing.JobdeckApp;
import io.jobdeck.testing.Views;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The history as a viewer meets it: pages read on the server, newest first; filters from a link and from the fields
 * narrow the query; a count past the cap says so; typed-in text shows as text; rows link to their execution; new
 * executions arrive by push without moving a reader who is further back.
 */
@SpringBootTest
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@WithMockUser(username = "viewer", roles = "VIEWER")
class HistoryViewTest extends SpringBrowserlessTest {

    static final Path DATA = JobdeckApp.newDataDir();
    static final String EVIL = "<img src=x onerror=alert(1)>";
    static final Instant T0 = Instant.now().minus(1, ChronoUnit.HOURS);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        Isolated.quietApp(registry, DATA);
        registry.add("spring.quartz.scheduler-name", () -> "jobdeck-history-view-test");
    }

    @Autowired
    JdbcClient jdbc;

    @Autowired
    EventHub hub;

    long evilId;

    @BeforeAll
    void executions() {
        for (int i = 0; i < 120; i++) {
            boolean failed = i % 3 == 0;
            ExecutionRows.insert(
                    jdbc,
                    "ops",
                    "nightly",
                    failed ? "FAILED" : "SUCCEEDED",
                    T0.minus(i, ChronoUnit.MINUTES),
                    Duration.ofMillis(100 + i),
                    failed ? "Timed out waiting for lock #" + i : null,
                    i % 2 == 0 ? "node-a" : "node-b");
        }
        evilId = ExecutionRows.insert(jdbc, "web", "probe", "FAILED", T0, Duration.ofSeconds(2), EVIL, "node-a");
        jdbc.sql("INSERT INTO JOBDECK_EXECUTION (FIRE_ID, RUN_KEY, ATTEMPT, JOB_GROUP, JOB_NAME, NODE, FIRED_AT,"
                        + " OUTCOME) SELECT 'cap-' || X, 'cap-' || X, 1, 'cap', 'many', 'node-c',"
                        + " DATEADD(SECOND, -X, CURRENT_TIMESTAMP), 'SUCCEEDED' FROM SYSTEM_RANGE(1, 10001)")
                .update();
    }

    @Test
    void pages_through_a_groups_executions_newest_first() {
        open("group=ops");
        Views.awaitView(() -> assertThat(range()).isEqualTo("1–50 of 120"));
        assertThat(rows()).hasSize(50).allMatch(e -> e.jobGroup().equals("ops"));
        assertThat(rows()).extracting(Execution::firedAt).isSortedAccordingTo(Comparator.reverseOrder());
        assertThat(rows().getFirst().error()).isEqualTo("Timed out waiting for lock #0");
        assertThat(find(Button.class).id("history-previous").isEnabled()).isFalse();

        test(find(Button.class).id("history-next")).click();
        Views.awaitView(() -> assertThat(range()).isEqualTo("51–100 of 120"));
        test(find(Button.class).id("history-next")).click();
        Views.awaitView(() -> assertThat(range()).isEqualTo("101–120 of 120"));
        assertThat(rows().getLast().duration()).as("the oldest").isEqualTo(Duration.ofMillis(219));
        assertThat(find(Button.class).id("history-next").isEnabled()).isFalse();
    }

    @Test
    @SuppressWarnings("unchecked")
    void a_linked_filter_fills_the_fields_and_narrows_the_query() {
        open("group=ops&job=nightly&outcome=FAILED&node=node-a");

        Views.awaitView(() -> assertThat(range()).isEqualTo("1–20 of 20"));
        assertThat(rows())
                .allMatch(e -> e.jobName().equals("nightly")
                        && e.outcome() == JobOutcome.FAILED
                        && e.node().equals("node-a"));
        assertThat(find(TextField.class).id("history-group").getValue()).isEqualTo("ops");
        assertThat(find(TextField.class).id("history-job").getValue()).isEqualTo("nightly");
        assertThat(((MultiSelectComboBox<JobOutcome>)
                                find(MultiSelectComboBox.class).id("history-outcome"))
                        .getValue())
                .containsExactly(JobOutcome.FAILED);
        assertThat(((ComboBox<String>) find(ComboBox.class).id("history-node")).getValue())
                .isEqualTo("node-a");
    }

    @Test
    void typing_a_filter_narrows_the_list_and_the_address_links_back_to_it() {
        open("group=ops");
        Views.awaitView(() -> assertThat(range()).isEqualTo("1–50 of 120"));
        test(find(Button.class).id("history-next")).click();
        Views.awaitView(() -> assertThat(range()).isEqualTo("51–100 of 120"));

        test(find(TextField.class).id("history-text")).setValue("LOCK #102");

        // From the first page again; whole words in any case: "102" is not "10" or "1020".
        Views.awaitView(() -> assertThat(range()).isEqualTo("1–1 of 1"));
        assertThat(rows()).extracting(Execution::error).containsExactly("Timed out waiting for lock #102");
        String address = find(HistoryView.class).single().address();
        assertThat(address)
                .startsWith("history?")
                .contains("group=ops")
                .contains("text=LOCK")
                .contains("%23102");

        navigate(HistoryView.class);
        Views.awaitView(() -> assertThat(range()).isEqualTo("1–50 of 10,000+"));
        open(address.substring("history?".length()));
        Views.awaitView(() -> assertThat(range()).isEqualTo("1–1 of 1"));
        assertThat(find(TextField.class).id("history-text").getValue()).isEqualTo("LOCK #102");
    }

    @Test
    void a_count_past_the_cap_says_there_are_more() {
        open("group=cap");

        Views.awaitView(() -> assertThat(range()).isEqualTo("1–50 of 10,000+"));
        assertThat(find(Button.class).id("history-next").isEnabled()).isTrue();
    }

    @Test
    @SuppressWarnings("unchecked")
    void typed_in_text_shows_as_text_and_each_row_links_to_its_execution() {
        open("group=web");
        Views.awaitView(() -> assertThat(range()).isEqualTo("1–1 of 1"));
        var grid = test((Grid<Execution>) find(Grid.class).id("history-grid"));

        assertThat(grid.getCellText(0, grid.getColumnPosition("error"))).isEqualTo(EVIL);
        assertThat(grid.getLitRendererPropertyValue(0, "firedAt", "link", String.class))
                .isEqualTo("executions/" + evilId);
        assertThat(grid.getLitRendererPropertyValue(0, "job", "name", String.class))
                .isEqualTo("probe");
        assertThat(grid.getLitRendererPropertyValue(0, "outcome", "theme", String.class))
                .isEqualTo("badge error");
    }

    @Test
    void new_executions_show_on_the_first_page_and_further_back_a_button_leads_to_them() {
        for (int i = 0; i < 60; i++) {
            ExecutionRows.insert(
                    jdbc,
                    "live",
                    "feed",
                    "SUCCEEDED",
                    T0.minus(i, ChronoUnit.SECONDS),
                    Duration.ofMillis(5),
                    null,
                    "n");
        }
        open("group=live");
        Views.awaitView(() -> assertThat(range()).isEqualTo("1–50 of 60"));

        long first = arrive("first");
        Views.awaitView(() -> {
            assertThat(range()).isEqualTo("1–50 of 61");
            assertThat(rows().getFirst().id()).isEqualTo(first);
        });

        test(find(Button.class).id("history-next")).click();
        Views.awaitView(() -> assertThat(range()).isEqualTo("51–61 of 61"));
        arrive("second");
        arrive("third");
        Views.awaitView(() ->
                assertThat(find(Button.class).id("history-newer").getText()).isEqualTo("2 new — show"));
        assertThat(range()).as("the page read stays").isEqualTo("51–61 of 61");

        test(find(Button.class).id("history-newer")).click();
        Views.awaitView(() -> assertThat(range()).isEqualTo("1–50 of 63"));
        assertThat(rows().getFirst().jobName()).isEqualTo("third");
        assertThat(find(Button.class).withId("history-newer").all())
                .as("hidden")
                .isEmpty();
    }

    /** An execution of group "live" written now, and the event that says it ended. */
    private long arrive(String name) {
        Instant now = Instant.now();
        long id = ExecutionRows.insert(jdbc, "live", name, "SUCCEEDED", now, Duration.ofMillis(5), null, "n");
        hub.publish(new SchedulerEvent.JobFinished(
                "n", "f-" + id, "live", name, now, Duration.ofMillis(5), JobOutcome.SUCCEEDED, null));
        return id;
    }

    @Test
    void leaving_the_page_ends_its_subscription() {
        int before = hub.subscriberCount();
        navigate(HistoryView.class);
        Views.awaitView(() -> assertThat(range()).contains(" of "));
        assertThat(hub.subscriberCount()).isEqualTo(before + 1);

        navigate("executions/none", ExecutionView.class);

        assertThat(hub.subscriberCount()).as("only the execution page's own").isEqualTo(before + 1);
    }

    /** Opens the history with this query, as a link would. */
    private void open(String query) {
        UI.getCurrent().navigate("history", QueryParameters.fromString(query));
    }

    private String range() {
        return find(Span.class).id("history-range").getText();
    }

    @SuppressWarnings("unchecked")
    private List<Execution> rows() {
        Grid<Execution> grid = find(Grid.class).id("history-grid");
        return grid.getListDataView().getItems().toList();
    }
}
