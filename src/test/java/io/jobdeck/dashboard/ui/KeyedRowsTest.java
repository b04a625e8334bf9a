package io.jobdeck.dashboard.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.data.provider.DataChangeEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Rows identified by key: a changed row is sent again on its own; the whole grid only when rows come, go or move. */
class KeyedRowsTest {

    record Row(String key, String state) {}

    private final Grid<Row> grid = new Grid<>();
    private final KeyedRows<Row> rows = new KeyedRows<>(grid, Row::key);
    private final List<DataChangeEvent<Row>> events = new ArrayList<>();

    @BeforeEach
    void two_rows_shown_and_the_events_recorded() {
        rows.show(List.of(new Row("a", "scheduled"), new Row("b", "scheduled")));
        grid.getDataProvider().addDataProviderListener(events::add);
    }

    @Test
    void a_changed_row_is_refreshed_alone_and_the_grid_holds_its_new_data() {
        Row paused = new Row("b", "paused");

        assertThat(rows.show(List.of(new Row("a", "scheduled"), paused))).isTrue();

        assertThat(events)
                .singleElement()
                .isInstanceOfSatisfying(
                        DataChangeEvent.DataRefreshEvent.class,
                        e -> assertThat(e.getItem()).isEqualTo(paused));
        assertThat(grid.getListDataView().getItems()).containsExactly(new Row("a", "scheduled"), paused);
    }

    @Test
    void the_same_rows_again_send_nothing() {
        assertThat(rows.show(List.of(new Row("a", "scheduled"), new Row("b", "scheduled"))))
                .isFalse();
        assertThat(events).isEmpty();
    }

    @Test
    void a_row_that_comes_or_goes_refreshes_the_whole_grid() {
        rows.show(List.of(new Row("a", "scheduled")));

        assertThat(events).singleElement().isNotInstanceOf(DataChangeEvent.DataRefreshEvent.class);
        assertThat(grid.getListDataView().getItems()).containsExactly(new Row("a", "scheduled"));
    }

    @Test
    void a_row_is_found_and_sent_again_by_its_key() {
        rows.refresh("b");

        assertThat(events)
                .singleElement()
                .isInstanceOfSatisfying(
                        DataChangeEvent.DataRefreshEvent.class,
                        e -> assertThat(e.getItem()).isEqualTo(new Row("b", "scheduled")));
        assertThat(rows.find("a")).contains(new Row("a", "scheduled"));
        assertThat(rows.find("zzz")).isEmpty();
    }
}
