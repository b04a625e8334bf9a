package io.jobdeck.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasSize;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JsModule;
import com.vaadin.flow.component.dependency.NpmPackage;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * A time series chart: {@code <jobdeck-chart>} ({@code frontend/src/jobdeck-chart.ts}), drawn by Apache ECharts in
 * the browser. The server sends the data as JSON in the {@code spec} property, never markup; the browser draws every
 * text on the canvas or as text nodes.
 */
@Tag("jobdeck-chart")
@NpmPackage(value = "echarts", version = "6.1.0")
@JsModule("./src/jobdeck-chart.ts")
public class Chart extends Component implements HasSize {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** How a series is drawn. */
    public enum Kind {
        bar,
        line
    }

    /**
     * One series.
     *
     * @param color  a Lumo colour custom property, e.g. {@code --lumo-success-color}
     * @param values one per time; null where there is no value
     */
    public record Series(
            String name,
            Kind kind,
            @Nullable String stack,
            boolean area,
            String color,
            List<@Nullable Number> values) {}

    /**
     * What the chart shows.
     *
     * @param times  epoch milliseconds, one per point
     * @param unit   shown after values in the tooltip
     * @param locale the reader's language tag, for the times
     */
    public record Spec(List<Long> times, String unit, String locale, List<Series> series) {}

    private String json = "";

    public Chart() {
        setWidthFull();
        setHeight("240px");
    }

    /** Shows {@code spec}; sends nothing when it is what the chart already shows. */
    public void setSpec(Spec spec) {
        String next = JSON.writeValueAsString(spec);
        if (!next.equals(json)) {
            json = next;
            getElement().setProperty("spec", next);
        }
    }

    /** The JSON the browser was given. */
    public String json() {
        return json;
    }
}
