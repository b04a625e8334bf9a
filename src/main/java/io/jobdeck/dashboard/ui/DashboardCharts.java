package io.jobdeck.dashboard.ui;

import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import io.jobdeck.stats.ExecutionStats;
import io.jobdeck.stats.MinuteCount;
import io.jobdeck.stats.MinutePercentiles;
import io.jobdeck.stats.MinutePoolUse;
import io.jobdeck.stats.StatsSnapshot;
import io.jobdeck.ui.Chart;
import io.jobdeck.ui.ChartPanel;
import io.jobdeck.ui.LiveFeed;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The dashboard's charts: executions per minute (succeeded against failed), fire lag and worker pool use, over the last
 * hour or the last 24 hours. Fed by {@link ExecutionStats}, which computes the series once a second for every open
 * page; subscribed while attached.
 */
final class DashboardCharts extends Composite<Details> {

    enum Window {
        HOUR(60),
        DAY(24 * 60);

        final int minutes;

        Window(int minutes) {
            this.minutes = minutes;
        }
    }

    private final RadioButtonGroup<Window> window = new RadioButtonGroup<>();
    private final ChartPanel executions;
    private final ChartPanel lag;
    private final ChartPanel pool;
    private @Nullable StatsSnapshot shown;

    DashboardCharts(ExecutionStats stats) {
        executions = new ChartPanel("chart-executions", getTranslation("charts.executions.title"));
        lag = new ChartPanel("chart-lag", getTranslation("charts.lag.title"));
        pool = new ChartPanel("chart-pool", getTranslation("charts.pool.title"));
        window.setId("charts-window");
        window.setAriaLabel(getTranslation("charts.window"));
        window.setItems(Window.values());
        window.setItemLabelGenerator(
                w -> getTranslation(w == Window.HOUR ? "charts.window.hour" : "charts.window.day"));
        window.setValue(Window.HOUR);
        window.addValueChangeListener(e -> render());
        Div panels = new Div(executions, lag, pool);
        panels.addClassName("jobdeck-charts");
        Details details = getContent();
        details.setSummaryText(getTranslation("charts.title"));
        details.setId("dashboard-charts");
        details.setOpened(true);
        details.setWidthFull();
        details.add(window, panels);
        LiveFeed.whileAttached(this, stats::readLive, this::show);
    }

    void show(StatsSnapshot snapshot) {
        shown = snapshot;
        render();
    }

    private void render() {
        StatsSnapshot s = shown;
        if (s == null) {
            return;
        }
        int minutes = window.getValue() == null ? Window.HOUR.minutes : window.getValue().minutes;
        String locale = getLocale().toLanguageTag();
        List<MinuteCount> counts = last(s.executions(), minutes);
        executions.show(new Chart.Spec(
                times(counts, MinuteCount::minute),
                "",
                locale,
                List.of(
                        series(
                                "charts.executions.succeeded",
                                Chart.Kind.bar,
                                "--lumo-success-color",
                                counts,
                                MinuteCount::succeeded),
                        series(
                                "charts.executions.failed",
                                Chart.Kind.bar,
                                "--lumo-error-color",
                                counts,
                                MinuteCount::failed))));
        lag.show(percentiles(last(s.fireLag(), minutes), locale));
        List<MinutePoolUse> use = last(s.pool(), minutes);
        pool.show(new Chart.Spec(
                times(use, MinutePoolUse::minute),
                "",
                locale,
                List.of(
                        series(
                                "charts.pool.busy",
                                Chart.Kind.line,
                                "--lumo-primary-color",
                                use,
                                u -> u.total() == 0 ? null : u.busy()),
                        series(
                                "charts.pool.total",
                                Chart.Kind.line,
                                "--lumo-contrast-50pct",
                                use,
                                u -> u.total() == 0 ? null : u.total()))));
    }

    private Chart.Spec percentiles(List<MinutePercentiles> values, String locale) {
        return new Chart.Spec(
                times(values, MinutePercentiles::minute),
                " " + getTranslation("charts.unit.ms"),
                locale,
                List.of(
                        series(
                                "charts.p50",
                                Chart.Kind.line,
                                "--lumo-primary-color",
                                values,
                                p -> p.count() == 0 ? null : p.p50()),
                        series(
                                "charts.p95",
                                Chart.Kind.line,
                                "--lumo-warning-color",
                                values,
                                p -> p.count() == 0 ? null : p.p95()),
                        series(
                                "charts.max",
                                Chart.Kind.line,
                                "--lumo-error-color",
                                values,
                                p -> p.count() == 0 ? null : p.max())));
    }

    private <T> Chart.Series series(
            String key, Chart.Kind kind, String color, List<T> values, Function<T, @Nullable Number> value) {
        return new Chart.Series(
                getTranslation(key),
                kind,
                kind == Chart.Kind.bar ? "total" : null,
                false,
                color,
                values.stream().<@Nullable Number>map(value).toList());
    }

    private static <T> List<Long> times(List<T> values, Function<T, Long> minute) {
        return values.stream().map(minute).toList();
    }

    private static <T> List<T> last(List<T> values, int n) {
        return values.subList(Math.max(0, values.size() - n), values.size());
    }
}
