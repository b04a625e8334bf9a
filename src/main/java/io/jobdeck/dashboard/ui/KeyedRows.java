package io.jobdeck.dashboard.ui;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.dataview.GridListDataView;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A grid's rows, identified by a key rather than by equality, so that a changed row is updated in place: only its data
 * goes to the browser, and the cells (with their buttons) stay the same DOM elements. The whole grid is refreshed only
 * when rows come, go or move.
 */
final class KeyedRows<T> {

    private final List<T> items = new ArrayList<>();
    private final Function<T, String> key;
    private final GridListDataView<T> view;

    KeyedRows(Grid<T> grid, Function<T, String> key) {
        this.key = key;
        this.view = grid.setItems(items);
        this.view.setIdentifierProvider(key::apply);
    }

    /** Shows {@code fresh}; returns whether anything changed. */
    boolean show(List<T> fresh) {
        if (items.equals(fresh)) {
            return false;
        }
        if (sameKeysInOrder(fresh)) {
            for (int i = 0; i < fresh.size(); i++) {
                T row = fresh.get(i);
                if (!row.equals(items.get(i))) {
                    items.set(i, row);
                    view.refreshItem(row);
                }
            }
        } else {
            items.clear();
            items.addAll(fresh);
            view.refreshAll();
        }
        return true;
    }

    /** Sends one row again, e.g. because something shown beside its data (a busy button) changed. */
    void refresh(String rowKey) {
        find(rowKey).ifPresent(view::refreshItem);
    }

    Optional<T> find(String rowKey) {
        return items.stream().filter(row -> key.apply(row).equals(rowKey)).findFirst();
    }

    String keyOf(T row) {
        return key.apply(row);
    }

    boolean isEmpty() {
        return items.isEmpty();
    }

    private boolean sameKeysInOrder(List<T> fresh) {
        if (fresh.size() != items.size()) {
            return false;
        }
        for (int i = 0; i < fresh.size(); i++) {
            if (!key.apply(fresh.get(i)).equals(key.apply(items.get(i)))) {
                return false;
            }
        }
        return true;
    }
}
