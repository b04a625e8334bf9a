package io.jobdeck.ui;

import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;

/**
 * A titled {@link Chart} with its text equivalent: a button switches between the chart and a table of the same
 * numbers (one row per point, newest first), for screen readers and for reading exact values.
 */
public class ChartPanel extends Composite<VerticalLayout> {

    private final Chart chart = new Chart();
    private final Grid<Integer> table = new Grid<>();
    private final Button toggle = new Button();
    private Chart.@Nullable Spec spec;
    private List<String> columns = List.of();
    private boolean showingTable;

    public ChartPanel(String id, String title) {
        H3 heading = new H3(title);
        heading.getStyle().set("margin", "0");
        heading.setId(id + "-title");
        toggle.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        toggle.setId(id + "-toggle");
        toggle.addClickListener(e -> showTable(!showingTable));
        HorizontalLayout head = new HorizontalLayout(heading, toggle);
        head.setWidthFull();
        head.setAlignItems(FlexComponent.Alignment.BASELINE);
        head.expand(heading);
        chart.setId(id);
        chart.getElement().setAttribute("role", "img");
        chart.getElement().setAttribute("aria-label", title);
        table.setId(id + "-table");
        table.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        table.setHeight("240px");
        table.setVisible(false);
        VerticalLayout layout = getContent();
        layout.setPadding(false);
        layout.setSpacing(false);
        layout.add(head, chart, table);
        layout.addClassName("jobdeck-chart-panel");
        labelToggle();
    }

    /** Shows {@code spec} in the chart and, when it is open, in the table. */
    public void show(Chart.Spec spec) {
        this.spec = spec;
        chart.setSpec(spec);
        if (showingTable) {
            fillTable(spec);
        }
    }

    public Chart chart() {
        return chart;
    }

    /** The table's rows as shown: the time, then each series' value as text. */
    public List<List<String>> tableRows() {
        Chart.Spec s = spec;
        if (!showingTable || s == null) {
            return List.of();
        }
        return rowOrder(s).mapToObj(i -> row(s, i)).toList();
    }

    public void showTable(boolean table) {
        showingTable = table;
        this.table.setVisible(table);
        chart.setVisible(!table);
        Chart.Spec s = spec;
        if (table && s != null) {
            fillTable(s);
        }
        labelToggle();
    }

    private void labelToggle() {
        toggle.setText(getTranslation(showingTable ? "charts.show.chart" : "charts.show.table"));
        toggle.getElement().setAttribute("aria-pressed", Boolean.toString(showingTable));
    }

    private void fillTable(Chart.Spec s) {
        List<String> names = s.series().stream().map(Chart.Series::name).toList();
        if (!names.equals(columns)) {
            columns = names;
            table.removeAllColumns();
            table.addColumn(i -> time(s, i)).setHeader(getTranslation("charts.time"));
            for (int c = 0; c < names.size(); c++) {
                int column = c;
                table.addColumn(i -> value(this.spec, column, i)).setHeader(names.get(c));
            }
        }
        table.setItems(rowOrder(s).boxed().toList());
    }

    private static IntStream rowOrder(Chart.Spec s) {
        int n = s.times().size();
        return IntStream.range(0, n).map(i -> n - 1 - i);
    }

    private static List<String> row(Chart.Spec s, int i) {
        return IntStream.range(-1, s.series().size())
                .mapToObj(c -> c < 0 ? time(s, i) : value(s, c, i))
                .toList();
    }

    private static String time(Chart.Spec s, int i) {
        return DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT)
                .withLocale(UserTime.locale())
                .withZone(UserTime.zone())
                .format(Instant.ofEpochMilli(s.times().get(i)));
    }

    private static String value(Chart.@Nullable Spec s, int column, int i) {
        if (s == null
                || column >= s.series().size()
                || i >= s.series().get(column).values().size()) {
            return "";
        }
        Number v = s.series().get(column).values().get(i);
        return v == null ? "–" : v.toString();
    }
}
