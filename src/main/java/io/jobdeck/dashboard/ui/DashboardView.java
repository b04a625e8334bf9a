package io.jobdeck.dashboard.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.data.provider.ListDataProvider;
import com.vaadin.flow.function.ValueProvider;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import io.jobdeck.events.EventHub;
import io.jobdeck.jobs.JobCommands;
import io.jobdeck.jobs.JobOverview;
import io.jobdeck.jobs.JobOverviewService;
import io.jobdeck.jobs.LastRun;
import io.jobdeck.jobs.RunningJob;
import io.jobdeck.jobs.ScheduleDescriber;
import io.jobdeck.scheduler.CommandResult;
import io.jobdeck.scheduler.LifecycleCommand;
import io.jobdeck.scheduler.SchedulerControl;
import io.jobdeck.scheduler.SchedulerMonitor;
import io.jobdeck.scheduler.SchedulerState;
import io.jobdeck.scheduler.SchedulerStatus;
import io.jobdeck.security.Role;
import io.jobdeck.support.DurationText;
import io.jobdeck.support.Subscription;
import io.jobdeck.ui.Notifications;
import io.jobdeck.ui.UserTime;
import jakarta.annotation.security.PermitAll;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;

/**
 * The start page: the scheduler's state and controls, counters, what runs now, and every job, all kept current by
 * push. Clicks hand a command to {@link SchedulerControl} and return at once; the outcome arrives by push.
 */
@Route("")
@PermitAll
@Menu(title = "nav.dashboard", icon = "vaadin:dashboard", order = 0)
@PageTitle("Jobdeck")
public class DashboardView extends VerticalLayout {

    private final SchedulerControl control;
    private final SchedulerMonitor monitor;
    private final JobOverviewService overview;
    private final EventHub hub;
    private final ScheduleDescriber describer;
    private final Clock clock;

    private final Span stateBadge = new Span();
    private final Span since = new Span();
    private final Span message = new Span();
    private final Button start = new Button();
    private final Button stop = new Button();
    private final Button interrupt = new Button();
    private final Counter jobs;
    private final Counter triggers;
    private final Counter runningCount;
    private final Counter workers;
    private final Counter fired;
    private final Counter failed;
    private final List<RunningJob> runningItems = new ArrayList<>();
    private final List<JobOverview> jobItems = new ArrayList<>();
    private final Grid<RunningJob> runningGrid = new Grid<>();
    private final Grid<JobOverview> jobGrid = new Grid<>();
    private final Span runningEmpty = new Span();

    private final JobActions jobActions;
    private final boolean canOperate;
    private @Nullable LifecycleCommand pending;
    private @Nullable Subscription subscription;

    DashboardView(
            SchedulerControl control,
            SchedulerMonitor monitor,
            JobOverviewService overview,
            EventHub hub,
            ScheduleDescriber describer,
            JobCommands commands,
            AuthenticationContext auth,
            Clock clock) {
        this.canOperate = auth.hasRole(Role.OPERATOR.name());
        this.jobActions = new JobActions(commands, canOperate, auth.hasRole(Role.ADMIN.name()));
        this.control = control;
        this.monitor = monitor;
        this.overview = overview;
        this.hub = hub;
        this.describer = describer;
        this.clock = clock;
        setSizeFull();
        setPadding(true);
        setSpacing(false);

        jobs = new Counter("counter-jobs", getTranslation("dashboard.counter.jobs"));
        triggers = new Counter("counter-triggers", getTranslation("dashboard.counter.triggers"));
        runningCount = new Counter("counter-running", getTranslation("dashboard.counter.running"));
        workers = new Counter("counter-workers", getTranslation("dashboard.counter.workers"));
        fired = new Counter("counter-fired", getTranslation("dashboard.counter.fired"));
        failed = new Counter("counter-failed", getTranslation("dashboard.counter.failed"));
        Div counters = new Div(jobs, triggers, runningCount, workers, fired, failed);
        counters.addClassName("jobdeck-counters");

        add(header(), message, counters, runningSection(), jobsSection());
        setFlexGrow(1, jobGrid);
        render();
    }

    private HorizontalLayout header() {
        H2 title = new H2(getTranslation("dashboard.title"));
        title.getStyle().set("margin", "0");
        stateBadge.setId("scheduler-state");
        stateBadge.addClassName("jobdeck-status-badge");
        since.addClassName("jobdeck-hint");
        Div status = new Div(title, stateBadge, since);
        status.addClassName("jobdeck-status");

        start.setText(getTranslation("dashboard.start"));
        start.setId("start");
        start.setIcon(VaadinIcon.PLAY.create());
        start.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_SUCCESS);
        start.addClickListener(e -> send(LifecycleCommand.START));

        stop.setText(getTranslation("dashboard.stop"));
        stop.setId("stop");
        stop.setIcon(VaadinIcon.STOP.create());
        stop.setTooltipText(getTranslation("dashboard.stop.tooltip"));
        stop.addClickListener(e -> send(LifecycleCommand.STOP));

        interrupt.setText(getTranslation("dashboard.interrupt"));
        interrupt.setId("stop-interrupt");
        interrupt.setIcon(VaadinIcon.BAN.create());
        interrupt.setTooltipText(getTranslation("dashboard.interrupt.tooltip"));
        interrupt.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
        interrupt.addClickListener(e -> send(LifecycleCommand.STOP_AND_INTERRUPT));

        HorizontalLayout buttons = new HorizontalLayout(start, stop, interrupt);
        HorizontalLayout header = new HorizontalLayout(status, buttons);
        header.setWidthFull();
        header.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
        header.setJustifyContentMode(FlexComponent.JustifyContentMode.BETWEEN);
        header.getStyle().set("flex-wrap", "wrap");
        message.setId("scheduler-message");
        message.addClassName("jobdeck-hint");
        return header;
    }

    private Div runningSection() {
        H3 title = new H3(getTranslation("dashboard.running.title"));
        title.addClassName("jobdeck-section-title");
        runningGrid.setId("running-grid");
        runningGrid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        runningGrid
                .addColumn(r -> r.group() + "." + r.name())
                .setHeader(getTranslation("dashboard.running.job"))
                .setFlexGrow(2);
        runningGrid.addColumn(RunningJob::trigger).setHeader(getTranslation("dashboard.running.trigger"));
        runningGrid
                .addColumn(r -> UserTime.format(r.firedAt(), clock.instant()))
                .setHeader(getTranslation("dashboard.running.started"));
        runningGrid
                .addColumn(r -> DurationText.format(
                        Duration.between(r.firedAt(), clock.instant()).withNanos(0), getLocale()))
                .setHeader(getTranslation("dashboard.running.elapsed"))
                .setTextAlign(ColumnTextAlign.END);
        runningGrid
                .addComponentColumn(jobActions::forExecution)
                .setAutoWidth(true)
                .setFlexGrow(0);
        runningGrid.setItems(new ListDataProvider<>(runningItems));
        runningGrid.setAllRowsVisible(true);
        runningEmpty.setText(getTranslation("dashboard.running.empty"));
        runningEmpty.setId("running-empty");
        runningEmpty.addClassName("jobdeck-hint");
        Div section = new Div(title, runningEmpty, runningGrid);
        section.setWidthFull();
        return section;
    }

    private Div jobsSection() {
        H3 title = new H3(getTranslation("dashboard.jobs.title"));
        title.addClassName("jobdeck-section-title");
        jobGrid.setId("jobs-grid");
        jobGrid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        jobGrid.addComponentColumn(DashboardView::jobCell)
                .setHeader(getTranslation("dashboard.jobs.name"))
                .setComparator(j -> j.group() + "." + j.name())
                .setSortable(true)
                .setAutoWidth(true)
                .setFlexGrow(0);
        jobGrid.addColumn(j -> Objects.requireNonNullElse(j.description(), ""))
                .setHeader(getTranslation("dashboard.jobs.description"))
                .setFlexGrow(3)
                .setWidth("10rem")
                .setTooltipGenerator(j -> Objects.requireNonNullElse(j.description(), ""));
        ValueProvider<JobOverview, String> schedule =
                j -> describer.describe(j.schedules(), getLocale(), UserTime.zone());
        jobGrid.addColumn(schedule)
                .setHeader(getTranslation("dashboard.jobs.schedule"))
                .setFlexGrow(2)
                .setWidth("9rem")
                .setTooltipGenerator(schedule::apply);
        jobGrid.addComponentColumn(j -> timeCell(j.nextFire()))
                .setHeader(getTranslation("dashboard.jobs.next"))
                .setAutoWidth(true)
                .setFlexGrow(0);
        jobGrid.addComponentColumn(j -> timeCell(j.previousFire()))
                .setHeader(getTranslation("dashboard.jobs.previous"))
                .setAutoWidth(true)
                .setFlexGrow(0);
        jobGrid.addComponentColumn(j -> Badges.badge(getTranslation("jobstate." + j.state()), Badges.theme(j.state())))
                .setHeader(getTranslation("dashboard.jobs.state"))
                .setAutoWidth(true)
                .setFlexGrow(0);
        jobGrid.addComponentColumn(j -> lastRunCell(j.lastRun()))
                .setHeader(getTranslation("dashboard.jobs.last"))
                .setAutoWidth(true)
                .setFlexGrow(0);
        jobGrid.addComponentColumn(jobActions::forJob)
                .setHeader(getTranslation("jobs.actions"))
                .setAutoWidth(true)
                .setFlexGrow(0);
        jobGrid.setItems(new ListDataProvider<>(jobItems));
        jobGrid.setEmptyStateText(getTranslation("dashboard.jobs.empty"));
        jobGrid.setMinHeight("14rem");
        Div section = new Div(title, jobGrid);
        section.setWidthFull();
        section.getStyle()
                .set("display", "flex")
                .set("flex-direction", "column")
                .set("flex-grow", "1");
        jobGrid.getStyle().set("flex-grow", "1");
        return section;
    }

    private static Div jobCell(JobOverview job) {
        Span name = new Span(job.name());
        name.getStyle().set("font-weight", "500");
        Span group = new Span(job.group());
        group.addClassName("jobdeck-muted");
        group.getStyle().set("display", "block");
        return new Div(name, group);
    }

    private Div timeCell(@Nullable Instant at) {
        Instant now = clock.instant();
        Div cell = new Div(new Span(UserTime.format(at, now)));
        if (at != null) {
            Span relative = new Span(UserTime.relative(at, now));
            relative.addClassName("jobdeck-muted");
            relative.getStyle().set("display", "block");
            cell.add(relative);
        }
        return cell;
    }

    private Div lastRunCell(@Nullable LastRun run) {
        if (run == null) {
            return new Div(new Span(getTranslation("outcome.none")));
        }
        Span badge = Badges.badge(getTranslation("outcome." + run.outcome()), Badges.theme(run.outcome()));
        Span duration = new Span(" " + DurationText.format(run.runTime(), getLocale()));
        duration.addClassName("jobdeck-num");
        Div cell = new Div(badge, duration);
        if (run.error() != null) {
            cell.setTitle(run.error());
        }
        return cell;
    }

    private void send(LifecycleCommand command) {
        UI ui = UI.getCurrent();
        pending = command;
        render(); // the transitional state shows before the command is even queued
        CompletionStage<CommandResult> result;
        try {
            result = command.sendTo(control);
        } catch (AccessDeniedException | AuthenticationException refused) {
            pending = null;
            render();
            Notifications.error(getTranslation("access.denied"));
            return;
        }
        result.whenComplete((done, error) -> ui.access(() -> {
            if (pending == command) {
                pending = null;
            }
            if (error != null) {
                showError(error.getMessage());
            } else if (!done.succeeded()) {
                showError(done.error());
            }
            render();
        }));
    }

    private void showError(@Nullable String why) {
        Notifications.error(getTranslation("dashboard.command.failed", Objects.toString(why, "")));
    }

    private void render() {
        SchedulerStatus status = monitor.status();
        Instant now = clock.instant();
        SchedulerState shown = status.state();
        if (pending == LifecycleCommand.START && shown != SchedulerState.RUNNING) {
            shown = SchedulerState.STARTING;
        } else if (pending != null && pending != LifecycleCommand.START && shown.canStop()) {
            shown = SchedulerState.STOPPING;
        }
        stateBadge.setText(getTranslation("state." + shown));
        stateBadge.getElement().getThemeList().clear();
        stateBadge.getElement().getThemeList().add(Badges.theme(shown));
        stateBadge.getElement().setAttribute("data-state", shown.name());
        since.setText(getTranslation("dashboard.since", UserTime.format(status.since(), now)));
        message.setText(messageFor(status, shown));

        start.setEnabled(canOperate && pending == null && status.state().canStart());
        stop.setEnabled(canOperate && pending == null && status.state().canStop());
        interrupt.setEnabled(canOperate && pending == null && status.state().canInterrupt());

        jobs.set(String.valueOf(status.jobCount()));
        triggers.set(String.valueOf(status.triggerCount()));
        runningCount.set(String.valueOf(status.runningJobs()));
        workers.set(status.busyThreads() + " / " + status.poolSize());
        fired.set(String.valueOf(status.firedSinceStart()));
        failed.set(String.valueOf(status.failedSinceStart()));
        failed.setClassName("failed", status.failedSinceStart() > 0);

        replace(runningItems, overview.running(), runningGrid, true);
        runningGrid.setVisible(!runningItems.isEmpty());
        runningEmpty.setVisible(runningItems.isEmpty());
        replace(jobItems, overview.jobs(), jobGrid, false);
    }

    private String messageFor(SchedulerStatus status, SchedulerState shown) {
        if (shown == SchedulerState.STARTING && status.state() != SchedulerState.STARTING) {
            return getTranslation("dashboard.pending.start");
        }
        if (shown == SchedulerState.STOPPING) {
            return status.runningJobs() > 0
                    ? getTranslation("dashboard.pending.stop", status.runningJobs())
                    : getTranslation("dashboard.pending.stop.none");
        }
        return status.reasonIfAny()
                .map(r -> getTranslation("reason." + r.code().name(), r.args().toArray()))
                .orElse("");
    }

    /** Refreshes a grid only when its rows changed, except where a column shows elapsed time. */
    private static <T> void replace(List<T> shown, List<T> fresh, Grid<T> grid, boolean always) {
        if (!always && shown.equals(fresh)) {
            return;
        }
        shown.clear();
        shown.addAll(fresh);
        grid.getDataProvider().refreshAll();
    }

    @Override
    protected void onAttach(AttachEvent event) {
        super.onAttach(event);
        UI ui = event.getUI();
        subscription = hub.subscribe(batch -> ui.access(this::render));
        render();
    }

    @Override
    protected void onDetach(DetachEvent event) {
        if (subscription != null) {
            subscription.close();
            subscription = null;
        }
        super.onDetach(event);
    }
}
