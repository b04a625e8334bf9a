package io.jobdeck.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import java.text.NumberFormat;

/**
 * A list read a page at a time on the server: where it is ("1–50 of 120"), and previous and next page buttons that move
 * it and ask for the page. The offset may be read from any thread (a read started by an event).
 */
public final class Pager extends HorizontalLayout {

    private final String rangeKey;
    private final Runnable moved;
    private final Button previous = new Button(VaadinIcon.ANGLE_LEFT.create());
    private final Button next = new Button(VaadinIcon.ANGLE_RIGHT.create());
    private final Span range = new Span();
    private volatile int offset;
    private long total;

    /**
     * @param id       the prefix of its parts' ids: {@code id-previous}, {@code id-range}, {@code id-next}
     * @param rangeKey the message of a page's place, "{0}–{1} of {2}"; {@code rangeKey.more} when the total is counted
     *                 only so far, {@code rangeKey.none} for an empty page
     * @param moved    asks for the page at {@link #offset()} once a button moved it
     */
    public Pager(String id, int pageSize, String rangeKey, Runnable moved) {
        this.rangeKey = rangeKey;
        this.moved = moved;
        previous.setId(id + "-previous");
        previous.setAriaLabel(getTranslation("jobs.list.previous"));
        previous.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        previous.addClickListener(e -> move(-pageSize));
        next.setId(id + "-next");
        next.setAriaLabel(getTranslation("jobs.list.next"));
        next.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        next.addClickListener(e -> move(pageSize));
        range.setId(id + "-range");
        add(previous, range, next);
        setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
    }

    /** Where the page to show starts. */
    public int offset() {
        return offset;
    }

    /** Back to the first page (the caller asks for it). */
    public void first() {
        offset = 0;
    }

    private void move(int by) {
        offset = (int) Math.max(0, Math.min(offset + by, Math.max(0, total - 1)));
        moved.run();
    }

    /** Says that a page is being read. */
    public void loading() {
        range.setText(getTranslation("job.detail.loading"));
    }

    /** Says why no page came. */
    public void failed(String message) {
        range.setText(message);
    }

    /** A page of {@code rows} came, at {@link #offset()}, of {@code total} ({@code exact}: all counted). */
    public void show(int rows, long total, boolean exact) {
        this.total = total;
        NumberFormat numbers = NumberFormat.getIntegerInstance(getLocale());
        range.setText(
                rows == 0
                        ? getTranslation(rangeKey + ".none", numbers.format(total))
                        : getTranslation(
                                exact ? rangeKey : rangeKey + ".more",
                                numbers.format(offset + 1),
                                numbers.format(offset + rows),
                                numbers.format(total)));
        previous.setEnabled(offset > 0);
        next.setEnabled(offset + rows < total || !exact);
    }
}
