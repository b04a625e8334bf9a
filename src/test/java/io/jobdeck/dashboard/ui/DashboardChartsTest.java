package io.jobdeck.dashboard.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.button.Button;
import io.jobdeck.events.JobOutcome;
import io.jobdeck.stats.ExecutionBuckets;
import io.jobdeck.testing.Isolated;
import io.jobdeck.testing.JobdeckApp;
import io.jobdeck.testing.Views;
import io.jobdeck.ui.Chart;
import io.jobdeck.ui.ChartPanel;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The data the dashboard's charts are given, without a browser: known executions show as their counts. */
@SpringBootTest
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@WithMockUser(
        username = "viewer",
        roles = {"VIEWER"})
class DashboardChartsTest extends SpringBrowserlessTest {

    private static final Path DATA_DIR = JobdeckApp.newDataDir();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        Isolated.quietApp(registry, DATA_DIR);
    }

    @Autowired
    ExecutionBuckets buckets;

    @Test
    void executions_recorded_this_minute_show_in_the_chart_and_its_table_as_their_counts() {
        navigate(DashboardView.class);
        Instant now = Instant.now();
        List<ExecutionBuckets.Ended> ended = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ended.add(new ExecutionBuckets.Ended("charts", "ok", now, 40, JobOutcome.SUCCEEDED, 7L));
        }
        for (int i = 0; i < 2; i++) {
            ended.add(new ExecutionBuckets.Ended("charts", "bad", now, 90, JobOutcome.FAILED, 12L));
        }
        buckets.add(ended);

        Views.awaitView(() -> {
            JsonNode spec = spec("chart-executions");
            assertThat(spec.get("times")).hasSize(60);
            assertThat(sum(spec, 0)).as("succeeded").isEqualTo(3);
            assertThat(sum(spec, 1)).as("failed").isEqualTo(2);
            JsonNode lag = spec("chart-lag");
            assertThat(max(lag, 2)).as("the fire lag's max").isEqualTo(12);
        });
        assertThat(spec("chart-executions").get("series").get(0).get("name").asString())
                .isEqualTo("Succeeded");

        test(find(Button.class).id("chart-executions-toggle")).click();
        ChartPanel panel = find(ChartPanel.class).all().stream()
                .filter(p -> p.chart().getId().orElse("").equals("chart-executions"))
                .findFirst()
                .orElseThrow();
        List<List<String>> rows = panel.tableRows();
        assertThat(rows).hasSize(60);
        assertThat(rows).anySatisfy(row -> assertThat(row.subList(1, 3)).containsExactly("3", "2"));
        assertThat(find(Button.class).id("chart-executions-toggle").getText()).isEqualTo("Show as chart");
    }

    private JsonNode spec(String id) {
        String json = find(Chart.class).id(id).json();
        assertThat(json).isNotEmpty();
        return JsonMapper.builder().build().readTree(json);
    }

    private static long max(JsonNode spec, int series) {
        long max = 0;
        for (JsonNode v : spec.get("series").get(series).get("values")) {
            max = Math.max(max, v.asLong());
        }
        return max;
    }

    private static long sum(JsonNode spec, int series) {
        long sum = 0;
        for (JsonNode v : spec.get("series").get(series).get("values")) {
            sum += v.asLong();
        }
        return sum;
    }
}
