package io.jobdeck.history.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.grid.dataview.GridListDataView;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.renderer.LitRenderer;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Location;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import io.jobdeck.events.EventBatch;
import io.jobdeck.events.EventHub;
import io.jobdeck.events.JobOutcome;
import io.jobdeck.events.SchedulerEvent;
import io.jobdeck.history.Execution;
import io.jobdeck.history.ExecutionFilter;
import io.jobdeck.history.ExecutionHistory;
import io.jobdeck.history.ExecutionPage;
import io.jobdeck.history.ExecutionQuery;
import io.jobdeck.support.DisplayText;
import io.jobdeck.support.DurationText;
import io.jobdeck.support.Errors;
import io.jobdeck.support.Subscription;
import io.jobdeck.ui.Outcomes;
import io.jobdeck.ui.Pager;
import io.jobdeck.ui.Reloader;
import io.jobdeck.ui.UserTime;
import jakarta.annotation.security.PermitAll;
import java.text.NumberFormat;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * Every execution, newest first, a page at a time however many there are: filtered by job, outcome, node, time and
 * a text in the error, the filter kept in the address so that a filtered view can be linked. Pages are read on the
 * server in the background and arrive by push. New executions show by themselves on the first page (at most once a
 * second); further back, a button says how many came and leads to them, so that the page read stays where it is.
 */
@Route("history")
@PageTitle("Jobdeck · History")
@Menu(title = "nav.history", icon = "vaadin:time-backward", order = 2.5)
@PermitAll
class HistoryView extends VerticalLayout implements BeforeEnterObserver {

    static final int PAGE_SIZE = 50;
    static final int ERROR_SHOWN = 120;
    static final int TOOLTIP_SHOWN = 1_000;
    static final int NAME_SHOWN = 80;

    /** The first page shows new executions at most this often. */
    static final Duration REFRESH_EVERY = Duration.ofSeconds(1);

    /** How far back the "new" button counts. */
    static final int NEW_COUNTED = 100;

    private final ExecutionHistory history;
    private final EventHub hub;
    private final Clock clock;
    private final TextField group = new TextField();
    private final TextField job = new TextField();
    private final MultiSelectComboBox<JobOutcome> outcomes = new MultiSelectComboBox<>();
    private final ComboBox<String> node = new ComboBox<>();
    private final DateTimePicker from = new DateTimePicker();
    private final DateTimePicker to = new DateTimePicker();
    private final TextField text = new TextField();
    private final Grid<Execution> grid = new Grid<>();
    private final List<Execution> rows = new ArrayList<>();
    private final GridListDataView<Execution> data;
    private final Pager pager = new Pager("history", PAGE_SIZE, "history.range", this::reload);
    private final Button newer = new Button();
    private final AtomicBoolean unseen = new AtomicBoolean();

    /** What the reads ask for; set on the request thread, read by reads started from the hub's. */
    private volatile ExecutionFilter filter = ExecutionFilter.ALL;

    /** The newest execution the first page showed: what the "new" count counts from. */
    private @Nullable Execution top;
    /** While the fields take the address's filter: no read per field. */
    private boolean applying;

    private volatile long lastLive = System.nanoTime();
    private @Nullable Reloader<Answer> pages;
    private @Nullable Reloader<Answer> newest;
    private @Nullable Subscription live;

    /** A page as read, with what it was read for (an answer for a filter or page left meanwhile is not shown). */
    private record Answer(ExecutionFilter filter, int offset, ExecutionPage page) {}

    HistoryView(ExecutionHistory history, EventHub hub, Clock clock) {
        this.history = history;
        this.hub = hub;
        this.clock = clock;
        setSizeFull();

        name(group, "history-group", "history.filter.group");
        name(job, "history-job", "history.filter.job");
        outcomes.setId("history-outcome");
        outcomes.setLabel(getTranslation("history.filter.outcome"));
        outcomes.setItems(JobOutcome.values());
        outcomes.setItemLabelGenerator(o -> getTranslation("outcome." + o.name()));
        outcomes.setClearButtonVisible(true);
        node.setId("history-node");
        node.setLabel(getTranslation("history.filter.node"));
        node.setItems(List.of()); // the nodes come from the history once attached
        node.setAllowCustomValue(true);
        node.setClearButtonVisible(true);
        node.addCustomValueSetListener(e -> node.setValue(e.getDetail()));
        from.setId("history-from");
        from.setLabel(getTranslation("history.filter.from"));
        to.setId("history-to");
        to.setLabel(getTranslation("history.filter.to"));
        from.setLocale(getLocale());
        to.setLocale(getLocale());
        text.setId("history-text");
        text.setLabel(getTranslation("history.filter.text"));
        text.setPrefixComponent(VaadinIcon.SEARCH.create());
        text.setClearButtonVisible(true);
        text.setValueChangeMode(ValueChangeMode.LAZY);
        text.setMaxLength(ExecutionFilter.MAX_TEXT);
        group.addValueChangeListener(e -> filtersChanged());
        job.addValueChangeListener(e -> filtersChanged());
        outcomes.addValueChangeListener(e -> filtersChanged());
        node.addValueChangeListener(e -> filtersChanged());
        from.addValueChangeListener(e -> filtersChanged());
        to.addValueChangeListener(e -> filtersChanged());
        text.addValueChangeListener(e -> filtersChanged());

        grid.setId("history-grid");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT);
        grid.addColumn(LitRenderer.<Execution>of(
                                "<a class=\"jobdeck-execution-link\" href=\"${item.link}\">${item.at}</a>")
                        .withProperty("link", e -> ExecutionView.path(e.id()))
                        .withProperty("at", e -> UserTime.format(e.firedAt(), clock.instant())))
                .setKey("firedAt")
                .setHeader(getTranslation("history.col.firedAt"))
                .setAutoWidth(true)
                .setFlexGrow(0)
                .setTooltipGenerator(e -> e.firedAt().toString());
        grid.addColumn(LitRenderer.<Execution>of("<div class=\"jobdeck-job\"><span class=\"jobdeck-job-name\">"
                                + "${item.name}</span><span class=\"jobdeck-muted\">${item.group}</span></div>")
                        .withProperty("name", e -> DisplayText.safe(e.jobName(), NAME_SHOWN))
                        .withProperty("group", e -> DisplayText.safe(e.jobGroup(), NAME_SHOWN)))
                .setKey("job")
                .setHeader(getTranslation("history.col.job"))
                .setWidth("12rem")
                .setFlexGrow(1);
        grid.addColumn(e -> DisplayText.safe(Objects.requireNonNullElse(e.triggerName(), "—"), NAME_SHOWN))
                .setKey("trigger")
                .setHeader(getTranslation("history.col.trigger"))
                .setWidth("8rem")
                .setFlexGrow(1);
        grid.addColumn(Execution::attempt)
                .setKey("attempt")
                .setHeader(getTranslation("history.col.attempt"))
                .setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(LitRenderer.<Execution>of("<span theme=\"${item.theme}\">${item.outcome}</span>")
                        .withProperty(
                                "outcome",
                                e -> getTranslation("outcome." + e.outcome().name()))
                        .withProperty("theme", e -> Outcomes.theme(e.outcome())))
                .setKey("outcome")
                .setHeader(getTranslation("history.col.outcome"))
                .setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(e -> duration(e.duration()))
                .setKey("duration")
                .setHeader(getTranslation("history.col.duration"))
                .setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(e -> duration(e.lag()))
                .setKey("lag")
                .setHeader(getTranslation("history.col.lag"))
                .setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(e -> DisplayText.safe(e.node(), NAME_SHOWN))
                .setKey("node")
                .setHeader(getTranslation("history.col.node"))
                .setWidth("8rem")
                .setFlexGrow(0);
        grid.addColumn(e -> DisplayText.safe(Objects.requireNonNullElse(e.error(), ""), ERROR_SHOWN))
                .setKey("error")
                .setHeader(getTranslation("history.col.error"))
                .setWidth("12rem")
                .setFlexGrow(2)
                .setTooltipGenerator(e -> DisplayText.safe(Objects.requireNonNullElse(e.error(), ""), TOOLTIP_SHOWN));
        grid.setEmptyStateText(getTranslation("history.none"));
        // One list for every page: a refresh changes its rows in place, so the grid keeps where it was scrolled.
        data = grid.setItems(rows);

        newer.setId("history-newer");
        newer.setIcon(VaadinIcon.ARROW_UP.create());
        newer.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_PRIMARY);
        newer.setVisible(false);
        newer.addClickListener(e -> first());

        HorizontalLayout filters = new HorizontalLayout(group, job, outcomes, node, from, to, text);
        filters.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        filters.getStyle().set("flex-wrap", "wrap");
        pager.add(newer);
        H2 title = new H2(getTranslation("history.title"));
        title.getStyle().set("margin", "0");
        add(title, filters, pager, grid);
        setFlexGrow(1, grid);
    }

    private void name(TextField field, String id, String label) {
        field.setId(id);
        field.setLabel(getTranslation(label));
        field.setClearButtonVisible(true);
        field.setValueChangeMode(ValueChangeMode.LAZY);
        field.setMaxLength(ExecutionFilter.MAX_TEXT);
    }

    /** The address's filter (a link such as {@code history?group=g&job=n}) goes into the fields. */
    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        ExecutionQuery.Parsed parsed =
                ExecutionQuery.parse(event.getLocation().getQueryParameters().getParameters());
        ExecutionFilter wanted = parsed.filter();
        applying = true;
        try {
            group.setValue(Objects.requireNonNullElse(wanted.jobGroup(), ""));
            job.setValue(Objects.requireNonNullElse(wanted.jobName(), ""));
            outcomes.setValue(wanted.outcomes());
            node.setValue(wanted.node());
            from.setValue(local(wanted.from()));
            to.setValue(local(wanted.to()));
            text.setValue(Objects.requireNonNullElse(wanted.errorText(), ""));
        } finally {
            applying = false;
        }
        filter = wanted;
        pager.first();
        top = null;
        if (pages != null) {
            reload();
        }
    }

    @Override
    protected void onAttach(AttachEvent event) {
        super.onAttach(event);
        UI ui = event.getUI();
        pages = new Reloader<>(ui, () -> read(filter, pager.offset(), PAGE_SIZE), this::show);
        newest = new Reloader<>(ui, () -> read(filter, 0, NEW_COUNTED), this::showNewer);
        new Reloader<>(ui, history::readNodes, (nodes, error) -> {
                    if (nodes != null) {
                        showNodes(nodes);
                    }
                })
                .request();
        live = hub.subscribe(this::onBatch);
        reload();
    }

    /** The nodes to choose from, and the one chosen even if it ran none of the newest executions. */
    private void showNodes(List<String> nodes) {
        String chosen = filter.node();
        List<String> items = new ArrayList<>(nodes);
        if (chosen != null && !items.contains(chosen)) {
            items.add(chosen);
        }
        applying = true; // setItems clears the value: the filter stays as it is
        try {
            node.setItems(items);
            node.setValue(chosen);
        } finally {
            applying = false;
        }
    }

    @Override
    protected void onDetach(DetachEvent event) {
        if (live != null) {
            live.close();
            live = null;
        }
        pages = null;
        newest = null;
        super.onDetach(event);
    }

    private CompletionStage<Answer> read(ExecutionFilter wanted, int at, int limit) {
        return Written.read(history, () -> history.readPage(wanted, at, limit))
                .thenApply(page -> new Answer(wanted, at, page));
    }

    /**
     * On the hub's thread, so quick: notes new executions that may match, and at most once a second has the first page
     * read again, or (further back) how many new ones there are.
     */
    private void onBatch(EventBatch batch) {
        ExecutionFilter now = filter;
        if (batch.dropped() > 0 || batch.events().stream().anyMatch(e -> isNewFor(e, now))) {
            unseen.set(true);
        }
        long at = System.nanoTime();
        if (at - lastLive >= REFRESH_EVERY.toNanos() && unseen.compareAndSet(true, false)) {
            lastLive = at;
            Reloader<Answer> reader = pager.offset() == 0 ? pages : newest;
            if (reader != null) {
                reader.request();
            }
        }
    }

    private static boolean isNewFor(SchedulerEvent event, ExecutionFilter filter) {
        return switch (event) {
            case SchedulerEvent.JobStarted started -> isOf(filter, started.jobGroup(), started.jobName());
            case SchedulerEvent.JobFinished finished -> isOf(filter, finished.jobGroup(), finished.jobName());
            case SchedulerEvent.TriggerMisfired misfired -> isOf(filter, misfired.jobGroup(), misfired.jobName());
            default -> false;
        };
    }

    private static boolean isOf(ExecutionFilter filter, String jobGroup, String jobName) {
        return (filter.jobGroup() == null || filter.jobGroup().equals(jobGroup))
                && (filter.jobName() == null || filter.jobName().equals(jobName));
    }

    private void filtersChanged() {
        if (applying) {
            return;
        }
        LocalDateTime start = from.getValue();
        LocalDateTime end = to.getValue();
        if (start != null && end != null && !start.isBefore(end)) {
            to.setInvalid(true);
            to.setErrorMessage(getTranslation("history.filter.range.invalid"));
            return;
        }
        to.setInvalid(false);
        filter = new ExecutionFilter(
                group.getValue(),
                job.getValue(),
                outcomes.getValue(),
                node.getValue(),
                instant(start),
                instant(end),
                text.getValue());
        getUI().ifPresent(ui -> ui.getPage().getHistory().replaceState(null, address()));
        first();
    }

    /** Where this view is with its filter: the address a link to it gives. */
    String address() {
        return new Location("history", new QueryParameters(ExecutionQuery.write(filter))).getPathWithQueryParameters();
    }

    /** To the newest executions, after the filters changed or when asked to. */
    private void first() {
        pager.first();
        top = null;
        reload();
    }

    private void reload() {
        pager.loading();
        newer.setVisible(false);
        if (pages != null) {
            pages.request();
        }
    }

    private void show(@Nullable Answer answer, @Nullable Throwable error) {
        if (answer == null) {
            pager.failed(getTranslation("history.failed", error == null ? "" : Errors.describe(error)));
            return;
        }
        if (answer.offset() != pager.offset() || !answer.filter().equals(filter)) {
            return; // an answer for a page or filter left meanwhile; the one asked for next follows
        }
        ExecutionPage page = answer.page();
        rows.clear();
        rows.addAll(page.rows());
        data.refreshAll();
        if (answer.offset() == 0) {
            top = page.rows().isEmpty() ? null : page.rows().getFirst();
            newer.setVisible(false);
        }
        pager.show(page.rows().size(), page.total(), !page.capped());
    }

    /** Further back than the first page: how many executions are newer than the newest it showed. */
    private void showNewer(@Nullable Answer answer, @Nullable Throwable error) {
        if (answer == null || pager.offset() == 0 || !answer.filter().equals(filter)) {
            return;
        }
        List<Execution> newest = answer.page().rows();
        int count = 0;
        while (count < newest.size() && (top == null || newest.get(count).id() != top.id())) {
            count++;
        }
        if (count == 0) {
            return;
        }
        boolean more = count >= NEW_COUNTED;
        newer.setText(getTranslation(
                "history.newer", NumberFormat.getIntegerInstance(getLocale()).format(count) + (more ? "+" : "")));
        newer.setVisible(true);
    }

    private String duration(@Nullable Duration duration) {
        return duration == null ? "—" : DurationText.format(duration, getLocale());
    }

    private static @Nullable LocalDateTime local(@Nullable Instant instant) {
        return instant == null ? null : LocalDateTime.ofInstant(instant, UserTime.zone());
    }

    private static @Nullable Instant instant(@Nullable LocalDateTime local) {
        return local == null ? null : local.atZone(UserTime.zone()).toInstant();
    }
}
