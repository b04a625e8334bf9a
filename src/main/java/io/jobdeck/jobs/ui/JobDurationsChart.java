package io.jobdeck.jobs.ui;

import com.vaadin.flow.component.Composite;
import io.jobdeck.stats.ExecutionStats;
import io.jobdeck.stats.JobDurations;
import io.jobdeck.stats.MinutePercentiles;
import io.jobdeck.ui.Chart;
import io.jobdeck.ui.ChartPanel;
import io.jobdeck.ui.LiveFeed;
import java.util.List;
import java.util.function.ToLongFunction;
import org.jspecify.annotations.Nullable;

/**
 * The job page's chart: the job's run durations per minute (p50, p95 and max) over the last 24 hours, from the
 * per-minute buckets ({@link ExecutionStats}), updated by push while the page is open.
 */
final class JobDurationsChart extends Composite<ChartPanel> {

    JobDurationsChart(ExecutionStats stats, String group, String name) {
        LiveFeed.whileAttached(this, show -> stats.readLiveDurations(group, name, show), this::show);
    }

    @Override
    protected ChartPanel initContent() {
        return new ChartPanel("chart-durations", getTranslation("charts.durations.title"));
    }

    void show(JobDurations durations) {
        List<MinutePercentiles> values = durations.durations();
        getContent()
                .show(new Chart.Spec(
                        values.stream().map(MinutePercentiles::minute).toList(),
                        " " + getTranslation("charts.unit.ms"),
                        getLocale().toLanguageTag(),
                        List.of(
                                series("charts.p50", "--lumo-primary-color", values, MinutePercentiles::p50),
                                series("charts.p95", "--lumo-warning-color", values, MinutePercentiles::p95),
                                series("charts.max", "--lumo-error-color", values, MinutePercentiles::max))));
    }

    private Chart.Series series(
            String key, String color, List<MinutePercentiles> values, ToLongFunction<MinutePercentiles> value) {
        return new Chart.Series(
                getTranslation(key),
                Chart.Kind.line,
                null,
                false,
                color,
                values.stream()
                        .<@Nullable Number>map(p -> p.count() == 0 ? null : value.applyAsLong(p))
                        .toList());
    }
}
