package io.jobdeck.jobs.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.OrderedList;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.data.renderer.LitRenderer;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.theme.lumo.LumoUtility;
import io.jobdeck.events.EventBatch;
import io.jobdeck.events.EventHub;
import io.jobdeck.events.SchedulerEvent;
import io.jobdeck.jobs.JobPaths;
import io.jobdeck.jobs.Schedule;
import io.jobdeck.jobs.ScheduleDescriber;
import io.jobdeck.jobs.Upcoming;
import io.jobdeck.jobs.UpcomingFires;
import io.jobdeck.support.DisplayText;
import io.jobdeck.support.Errors;
import io.jobdeck.ui.Reloader;
import io.jobdeck.ui.UserTime;
import jakarta.annotation.security.PermitAll;
import java.text.NumberFormat;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Every fire of the next 24 hours across all jobs: a strip of fires per hour (each hour also in words, for screen
 * readers) and the fires themselves, a page at a time, in the reader's time zone. Read on the server
 * ({@link UpcomingFires}) in the background; read again when jobs change (at most every few seconds) and every minute,
 * as the window moves on.
 */
@Route("upcoming")
@PageTitle("Jobdeck · Upcoming fires")
@Menu(title = "nav.upcoming", icon = "vaadin:calendar-clock", order = 3)
@PermitAll
class UpcomingView extends VerticalLayout {

    static final int PAGE_SIZE = 50;

    /** Changes elsewhere are followed at most this often: at 100,000 jobs an answer is a fair amount of work. */
    static final Duration AFTER_CHANGES = Duration.ofSeconds(3);

    /** The window moves on: read again at least this often. */
    static final Duration EVERY = Duration.ofMinutes(1);

    private final UpcomingFires upcoming;
    private final ScheduleDescriber describer;
    private final EventHub hub;
    private final Clock clock;
    private final Paragraph note = new Paragraph();
    private final OrderedList strip = new OrderedList();
    private final Grid<Upcoming.Fire> grid = new Grid<>();
    private final Span range = new Span();
    private final Button previous = new Button(VaadinIcon.ANGLE_LEFT.create());
    private final Button next = new Button(VaadinIcon.ANGLE_RIGHT.create());
    private final Map<Schedule, String> described = new HashMap<>();
    private int offset;
    private volatile boolean changed;
    private volatile Instant lastRead = Instant.MIN;
    private @Nullable Reloader<Upcoming> reloader;

    UpcomingView(UpcomingFires upcoming, ScheduleDescriber describer, EventHub hub, Clock clock) {
        this.upcoming = upcoming;
        this.describer = describer;
        this.hub = hub;
        this.clock = clock;
        setSizeFull();
        note.setId("upcoming-note");
        note.addClassName("jobdeck-hint");

        strip.setId("upcoming-strip");
        strip.getElement().setAttribute("aria-label", getTranslation("upcoming.strip"));
        strip.getStyle()
                .set("display", "flex")
                .set("align-items", "stretch")
                .set("gap", "2px")
                .set("height", "7rem")
                .set("list-style", "none")
                .set("margin", "0")
                .set("padding", "0")
                .set("width", "100%");

        grid.setId("upcoming-list");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT);
        grid.addColumn(f -> UserTime.format(f.at(), clock.instant()))
                .setHeader(getTranslation("upcoming.column.time"))
                .setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(LitRenderer.<Upcoming.Fire>of("<div class=\"jobdeck-job\">"
                                + "<a class=\"jobdeck-job-name\" href=\"${item.link}\">${item.name}</a>"
                                + "<span class=\"jobdeck-muted\">${item.group}</span></div>")
                        .withProperty("name", f -> DisplayText.safe(f.jobName(), 200))
                        .withProperty("group", f -> DisplayText.safe(f.jobGroup(), 200))
                        .withProperty("link", f -> JobPaths.page(f.jobGroup(), f.jobName())))
                .setHeader(getTranslation("upcoming.column.job"))
                .setAutoWidth(true)
                .setFlexGrow(1);
        grid.addColumn(f -> DisplayText.safe(f.triggerGroup() + "." + f.triggerName(), 250))
                .setHeader(getTranslation("upcoming.column.trigger"))
                .setFlexGrow(1);
        grid.addColumn(f -> described.computeIfAbsent(
                        f.schedule(), s -> describer.describe(s, UserTime.locale(), UserTime.zone())))
                .setHeader(getTranslation("upcoming.column.schedule"))
                .setFlexGrow(2);
        grid.setEmptyStateText(getTranslation("upcoming.none"));

        previous.setId("upcoming-previous");
        previous.setAriaLabel(getTranslation("jobs.list.previous"));
        previous.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        previous.addClickListener(e -> show(Math.max(0, offset - PAGE_SIZE)));
        previous.setEnabled(false);
        next.setId("upcoming-next");
        next.setAriaLabel(getTranslation("jobs.list.next"));
        next.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        next.addClickListener(e -> show(offset + PAGE_SIZE));
        next.setEnabled(false);
        range.setId("upcoming-range");
        range.setText(getTranslation("job.detail.loading"));

        HorizontalLayout pager = new HorizontalLayout(previous, range, next);
        pager.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
        add(new H2(getTranslation("upcoming.title")), note, strip, grid, pager);
        setFlexGrow(1, grid);
    }

    @Override
    protected void onAttach(AttachEvent event) {
        super.onAttach(event);
        UI ui = event.getUI();
        Reloader<Upcoming> pages = new Reloader<>(ui, () -> upcoming.readUpcoming(offset, PAGE_SIZE), this::show);
        reloader = pages;
        pages.followWhileAttached(this, hub, this::due);
        read();
    }

    @Override
    protected void onDetach(DetachEvent event) {
        reloader = null;
        super.onDetach(event);
    }

    /**
     * On the hub's thread, every tick: whether to read again. Changes to jobs are noted and followed a few seconds
     * apart at most (however many there are); the minute passing is followed anyway.
     */
    private boolean due(EventBatch batch) {
        if (batch.dropped() > 0 || batch.events().stream().anyMatch(e -> e instanceof SchedulerEvent.JobsChanged)) {
            changed = true;
        }
        Instant since = lastRead;
        boolean due = (changed && !batch.at().isBefore(since.plus(AFTER_CHANGES)))
                || !batch.at().isBefore(since.plus(EVERY));
        if (due) {
            changed = false;
            lastRead = batch.at();
        }
        return due;
    }

    private void show(int newOffset) {
        offset = newOffset;
        range.setText(getTranslation("job.detail.loading"));
        read();
    }

    private void read() {
        lastRead = clock.instant();
        if (reloader != null) {
            reloader.request();
        }
    }

    private void show(@Nullable Upcoming answer, @Nullable Throwable error) {
        if (answer == null) {
            range.setText(getTranslation("upcoming.failed", error == null ? "" : Errors.describe(error)));
            return;
        }
        if (answer.offset() != offset) {
            return; // an answer for a page left meanwhile; the one asked for next follows
        }
        Locale locale = getLocale();
        ZoneId zone = UserTime.zone();
        NumberFormat numbers = NumberFormat.getIntegerInstance(locale);
        showStrip(
                answer,
                numbers,
                DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT)
                        .withLocale(locale)
                        .withZone(zone));
        note.setText(getTranslation("upcoming.intro", zone.getId())
                + (answer.countedHours() < answer.perHour().size()
                        ? " "
                                + getTranslation(
                                        "upcoming.capped", UserTime.format(answer.countedUntil(), clock.instant()))
                        : ""));
        described.clear();
        grid.setItems(answer.page());
        int shown = answer.page().size();
        range.setText(
                shown == 0
                        ? getTranslation("jobs.list.range.none", numbers.format(answer.total()))
                        : getTranslation(
                                answer.totalExact() ? "jobs.list.range" : "jobs.list.range.more",
                                numbers.format(offset + 1),
                                numbers.format(offset + shown),
                                numbers.format(answer.total())));
        previous.setEnabled(offset > 0);
        next.setEnabled(shown == PAGE_SIZE
                && offset + shown < answer.total()
                && offset + PAGE_SIZE <= UpcomingFires.MAX_OFFSET);
    }

    /** 24 bars, as high as their share of the busiest hour, each with its hour and count in words. */
    private void showStrip(Upcoming answer, NumberFormat numbers, DateTimeFormatter time) {
        strip.removeAll();
        long busiest =
                answer.perHour().stream().mapToLong(Long::longValue).max().orElse(0);
        for (int h = 0; h < answer.perHour().size(); h++) {
            Instant from = answer.from().plus(Duration.ofHours(h));
            String hour =
                    getTranslation("upcoming.hour", time.format(from), time.format(from.plus(Duration.ofHours(1))));
            boolean counted = h < answer.countedHours();
            long count = answer.perHour().get(h);
            String words = counted
                    ? getTranslation("upcoming.hour.count", hour, numbers.format(count), count)
                    : getTranslation("upcoming.hour.uncounted", hour);
            Span text = new Span(words);
            text.addClassName(LumoUtility.Accessibility.SCREEN_READER_ONLY);
            Div bar = new Div();
            bar.getStyle()
                    .set("width", "100%")
                    .set("border-radius", "var(--lumo-border-radius-s) var(--lumo-border-radius-s) 0 0")
                    .set("background", counted ? "var(--lumo-primary-color)" : "var(--lumo-contrast-20pct)")
                    .set(
                            "height",
                            !counted ? "100%" : count == 0 ? "0" : "max(2px, " + (100.0 * count / busiest) + "%)");
            Div track = new Div(bar);
            track.getStyle().set("flex", "1").set("display", "flex").set("align-items", "flex-end");
            Span label = new Span(h % 3 == 0 ? time.format(from) : "");
            label.addClassName("jobdeck-muted");
            label.getStyle().set("height", "1.4em").set("white-space", "nowrap");
            Div seen = new Div(track, label); // the words say it all to a screen reader
            seen.getElement().setAttribute("aria-hidden", "true");
            seen.getStyle().set("flex", "1").set("display", "flex").set("flex-direction", "column");
            ListItem item = new ListItem(text, seen);
            item.getElement().setAttribute("title", words);
            item.getStyle().set("flex", "1 1 0").set("display", "flex").set("flex-direction", "column");
            strip.add(item);
        }
    }
}
