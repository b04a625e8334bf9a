package io.jobdeck.dashboard.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.ClientCallable;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dependency.Uses;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.data.renderer.LitRenderer;
import com.vaadin.flow.function.ValueProvider;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.spring.security.AuthenticationContext;
import io.jobdeck.audit.AuditHealth;
import io.jobdeck.audit.AuditLog;
import io.jobdeck.history.ExecutionHistory;
import io.jobdeck.history.LiveExecutions;
import io.jobdeck.history.RecorderHealth;
import io.jobdeck.history.RunProgress;
import io.jobdeck.jobs.JobCommands;
import io.jobdeck.jobs.JobOverview;
import io.jobdeck.jobs.JobOverviewService;
import io.jobdeck.jobs.JobPaths;
import io.jobdeck.jobs.LastRun;
import io.jobdeck.jobs.RetryHealth;
import io.jobdeck.jobs.RunningJob;
import io.jobdeck.jobs.ScheduleDescriber;
import io.jobdeck.nodes.ClusterStatus;
import io.jobdeck.scheduler.CommandResult;
import io.jobdeck.scheduler.LifecycleCommand;
import io.jobdeck.scheduler.SchedulerControl;
import io.jobdeck.scheduler.SchedulerMonitor;
import io.jobdeck.scheduler.SchedulerState;
import io.jobdeck.scheduler.SchedulerStatus;
import io.jobdeck.scheduler.StatusReason;
import io.jobdeck.security.Role;
import io.jobdeck.stats.ExecutionStats;
import io.jobdeck.support.DisplayText;
import io.jobdeck.support.DurationText;
import io.jobdeck.ui.LiveUpdates;
import io.jobdeck.ui.Notifications;
import io.jobdeck.ui.Outcomes;
import io.jobdeck.ui.UserTime;
import jakarta.annotation.security.PermitAll;
import java.text.NumberFormat;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;

/**
 * The start page: the scheduler's state and controls, counters, notices, what runs now, and every job, all kept current
 * by push ({@link LiveUpdates}). Rows change in place; times move by themselves in the browser
 * ({@code <jobdeck-time>}). Clicks hand a command to a service and return at once; the outcome arrives by push.
 */
@Route("")
// The running grid draws its bars from a template: the production bundle must load the component with this view.
@Uses(ProgressBar.class)
@PermitAll
@Menu(title = "nav.dashboard", icon = "vaadin:dashboard", order = 0)
@PageTitle("Jobdeck")
public class DashboardView extends VerticalLayout {

    /** How much room the view has; columns that do not fit are hidden, narrowest first. */
    enum Size {
        /** A phone: one summary column and the actions. */
        COMPACT,
        NARROW,
        MEDIUM,
        WIDE
    }

    private static final int NAME_MAX = 120;
    private static final int DESCRIPTION_MAX = 300;

    private final SchedulerControl control;
    private final SchedulerMonitor monitor;
    private final JobOverviewService overview;
    private final AuditLog audit;
    private final ExecutionHistory history;
    private final LiveExecutions live;
    private final ScheduleDescriber describer;
    private final Clock clock;

    private final Span stateBadge = new Span();
    private final Span since = new Span();
    private final Span message = new Span();
    private final Div notice = new Div();
    private final Button start = new Button();
    private final Button stop = new Button();
    private final Button interrupt = new Button();
    private final Counter jobs;
    private final Counter triggers;
    private final Counter runningCount;
    private final Counter workers;
    private final Counter fired;
    private final Counter failed;
    private final Grid<RunningJob> runningGrid = new Grid<>();
    private final Grid<JobOverview> jobGrid = new Grid<>();
    private final KeyedRows<RunningJob> runningRows = new KeyedRows<>(runningGrid, RunningJob::fireId);
    private final KeyedRows<JobOverview> jobRows = new KeyedRows<>(jobGrid, j -> j.group() + '\u0000' + j.name());
    private final Span runningEmpty = new Span();
    /** The progress each running row shows, by fire id: a row whose progress changed is sent again. */
    private Map<String, RunProgress> progressShown = Map.of();
    /** Shown while something runs on another node of the cluster. */
    private Grid.@Nullable Column<RunningJob> nodeColumn;
    /** Columns that need room, with the smallest size at which they show. */
    private final Map<Grid.Column<?>, Size> shownFrom = new LinkedHashMap<>();

    private final List<Grid.Column<?>> compactOnly = new ArrayList<>();

    private final JobActions jobActions;
    /** Only for roles that may operate: a viewer's grid has no selection. */
    private final @Nullable BulkActions bulk;

    private final boolean canOperate;
    private final ClusterStatus cluster;
    /** Only in cluster mode. */
    private @Nullable ClusterPanel clusterPanel;

    private @Nullable LifecycleCommand pending;
    private @Nullable Header shown;
    private Size size = Size.WIDE;

    DashboardView(
            SchedulerControl control,
            SchedulerMonitor monitor,
            JobOverviewService overview,
            AuditLog audit,
            ExecutionHistory history,
            LiveExecutions liveExecutions,
            LiveUpdates live,
            ScheduleDescriber describer,
            JobCommands commands,
            AuthenticationContext auth,
            ExecutionStats stats,
            ClusterStatus cluster,
            Clock clock) {
        this.canOperate = auth.hasRole(Role.OPERATOR.name());
        this.jobActions = new JobActions(commands, canOperate, auth.hasRole(Role.ADMIN.name()), jobRows, runningRows);
        this.bulk = canOperate ? new BulkActions(commands, jobGrid, auth.hasRole(Role.ADMIN.name())) : null;
        this.control = control;
        this.monitor = monitor;
        this.overview = overview;
        this.audit = audit;
        this.history = history;
        this.live = liveExecutions;
        this.describer = describer;
        this.clock = clock;
        setSizeFull();
        setPadding(true);
        setSpacing(false);
        addClassName("jobdeck-dashboard");

        jobs = new Counter("counter-jobs", getTranslation("dashboard.counter.jobs"));
        triggers = new Counter("counter-triggers", getTranslation("dashboard.counter.triggers"));
        runningCount = new Counter("counter-running", getTranslation("dashboard.counter.running"));
        workers = new Counter("counter-workers", getTranslation("dashboard.counter.workers"));
        fired = new Counter("counter-fired", getTranslation("dashboard.counter.fired"));
        failed = new Counter("counter-failed", getTranslation("dashboard.counter.failed"));
        Div counters = new Div(jobs, triggers, runningCount, workers, fired, failed);
        counters.addClassName("jobdeck-counters");

        notice.setId("dashboard-notice");
        notice.addClassName("jobdeck-notice");
        notice.setVisible(false);

        this.cluster = cluster;
        add(header(), message, notice);
        if (cluster.current().clustered()) {
            clusterPanel = new ClusterPanel();
            add(clusterPanel);
        }
        add(counters, new DashboardCharts(stats), runningSection(), jobsSection());
        setFlexGrow(1, jobGrid);
        live.follow(this, this::render);
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

        start.setId("start");
        start.setIcon(VaadinIcon.PLAY.create());
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
        buttons.getStyle().set("flex-wrap", "wrap");
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
                .addColumn(r -> DisplayText.safe(r.group() + "." + r.name(), NAME_MAX))
                .setHeader(getTranslation("dashboard.running.job"))
                .setFlexGrow(2);
        nodeColumn = runningGrid
                .addColumn(r -> DisplayText.safe(r.nodeName(), NAME_MAX))
                .setHeader(getTranslation("dashboard.running.node"))
                .setKey("node");
        nodeColumn.setVisible(false);
        shownFrom(
                Size.NARROW,
                runningGrid
                        .addColumn(r -> DisplayText.safe(r.trigger(), NAME_MAX))
                        .setHeader(getTranslation("dashboard.running.trigger")));
        shownFrom(
                Size.NARROW,
                runningGrid
                        .addColumn(r -> UserTime.format(r.firedAt(), clock.instant()))
                        .setHeader(getTranslation("dashboard.running.started")));
        runningGrid
                .addColumn(LitRenderer.<RunningJob>of(
                                "<jobdeck-time class=\"jobdeck-num\" mode=\"elapsed\" datetime=\"${item.firedAt}\">"
                                        + "</jobdeck-time>")
                        .withProperty("firedAt", r -> r.firedAt().toString()))
                .setHeader(getTranslation("dashboard.running.elapsed"))
                .setTextAlign(ColumnTextAlign.END);
        shownFrom(
                Size.NARROW,
                runningGrid
                        .addColumn(progressCell())
                        .setHeader(getTranslation("dashboard.running.progress"))
                        .setKey("progress")
                        .setFlexGrow(2));
        if (jobActions.shown()) {
            runningGrid
                    .addColumn(jobActions.forExecutions(this::getTranslation))
                    .setWidth("4rem")
                    .setFlexGrow(0);
        }
        runningGrid.setAllRowsVisible(true);
        runningEmpty.setText(getTranslation("dashboard.running.empty"));
        runningEmpty.setId("running-empty");
        runningEmpty.addClassName("jobdeck-hint");
        // As tall as the grid with one row: a job starting or ending does not move the jobs grid under the pointer.
        Div body = new Div(runningEmpty, runningGrid);
        body.addClassName("jobdeck-running");
        Div section = new Div(title, body);
        section.setWidthFull();
        return section;
    }

    /**
     * A bar while the job reports progress ("3 of 10" or a percentage, and its message), and when it should end from
     * its progress and its typical duration, moving by itself in the browser. One line, so that a row keeps its height.
     */
    private LitRenderer<RunningJob> progressCell() {
        return LitRenderer.<RunningJob>of("<div class=\"jobdeck-progress-cell\" title=\"${item.typical}\">"
                        + "<vaadin-progress-bar ?hidden=\"${!item.reported}\" .value=\"${item.fraction}\">"
                        + "</vaadin-progress-bar>"
                        + "<span class=\"jobdeck-num\">${item.amount}</span>"
                        + "<span class=\"jobdeck-progress-message\">${item.message}</span>"
                        + "<jobdeck-time class=\"jobdeck-muted\" mode=\"next\" datetime=\"${item.end}\">"
                        + "</jobdeck-time></div>")
                .withProperty("reported", r -> progress(r).fraction() != null)
                .withProperty(
                        "fraction", r -> Objects.requireNonNullElse(progress(r).fraction(), 0.0))
                .withProperty("amount", r -> amount(progress(r)))
                .withProperty(
                        "message",
                        r -> DisplayText.safe(
                                Objects.requireNonNullElse(progress(r).message(), ""), DESCRIPTION_MAX))
                .withProperty("end", r -> Objects.toString(progress(r).estimatedEnd(), ""))
                .withProperty(
                        "typical",
                        r -> progress(r).typical() instanceof Duration typical
                                ? getTranslation("progress.typical", DurationText.format(typical, getLocale()))
                                : "");
    }

    private RunProgress progress(RunningJob row) {
        RunProgress shown = progressShown.get(row.fireId());
        return shown != null
                ? shown
                : new RunProgress(row.fireId(), row.group(), row.name(), row.firedAt(), null, 0, 0, null, null, null);
    }

    private String amount(RunProgress progress) {
        if (progress.counted()) {
            return getTranslation("progress.steps", progress.done(), progress.total());
        }
        Double fraction = progress.fraction();
        return fraction == null
                ? ""
                : NumberFormat.getPercentInstance(getLocale()).format(fraction);
    }

    /** Says, in a store with more jobs than the dashboard lists, that the Jobs page has them all. */
    private final Paragraph capped = new Paragraph();

    private long cappedOf;

    private Div jobsSection() {
        H3 title = new H3(getTranslation("dashboard.jobs.title"));
        title.addClassName("jobdeck-section-title");
        jobGrid.setId("jobs-grid");
        jobGrid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        shownFrom(
                Size.NARROW,
                jobGrid.addColumn(LitRenderer.<JobOverview>of("<div class=\"jobdeck-job\">"
                                        + "<a class=\"jobdeck-job-name\" href=\"${item.link}\">${item.name}</a>"
                                        + "<span class=\"jobdeck-muted\">${item.group}</span></div>")
                                .withProperty("name", j -> DisplayText.safe(j.name(), NAME_MAX))
                                .withProperty("group", j -> DisplayText.safe(j.group(), NAME_MAX))
                                .withProperty("link", DashboardView::link))
                        .setHeader(getTranslation("dashboard.jobs.name"))
                        .setComparator(j -> j.group() + "." + j.name())
                        .setSortable(true)
                        .setAutoWidth(true)
                        .setFlexGrow(0));
        shownFrom(
                Size.MEDIUM,
                jobGrid.addColumn(
                                j -> DisplayText.safe(Objects.requireNonNullElse(j.description(), ""), DESCRIPTION_MAX))
                        .setHeader(getTranslation("dashboard.jobs.description"))
                        .setFlexGrow(3)
                        .setWidth("9rem")
                        .setTooltipGenerator(j -> DisplayText.safe(Objects.requireNonNullElse(j.description(), ""))));
        ValueProvider<JobOverview, String> schedule =
                j -> describer.describe(j.schedules(), getLocale(), UserTime.zone());
        shownFrom(
                Size.NARROW,
                jobGrid.addColumn(schedule)
                        .setHeader(getTranslation("dashboard.jobs.schedule"))
                        .setFlexGrow(2)
                        .setWidth("8rem")
                        .setTooltipGenerator(schedule::apply));
        shownFrom(
                Size.NARROW,
                jobGrid.addColumn(timeCell(JobOverview::nextFire, "next"))
                        .setHeader(getTranslation("dashboard.jobs.next"))
                        .setAutoWidth(true)
                        .setFlexGrow(0));
        shownFrom(
                Size.WIDE,
                jobGrid.addColumn(timeCell(JobOverview::previousFire, "relative"))
                        .setHeader(getTranslation("dashboard.jobs.previous"))
                        .setAutoWidth(true)
                        .setFlexGrow(0));
        shownFrom(
                Size.NARROW,
                jobGrid.addColumn(withState(
                                LitRenderer.<JobOverview>of("<span theme=\"${item.stateTheme}\">${item.state}</span>")))
                        .setHeader(getTranslation("dashboard.jobs.state"))
                        .setAutoWidth(true)
                        .setFlexGrow(0));
        shownFrom(
                Size.NARROW,
                jobGrid.addColumn(lastRunCell())
                        .setHeader(getTranslation("dashboard.jobs.last"))
                        .setAutoWidth(true)
                        .setFlexGrow(0));
        Grid.Column<JobOverview> summary = jobGrid.addColumn(summaryCell())
                .setHeader(getTranslation("dashboard.jobs.name"))
                .setFlexGrow(1);
        summary.setVisible(false);
        compactOnly.add(summary);
        if (jobActions.shown()) {
            jobGrid.addColumn(jobActions.forJobs(this::getTranslation))
                    .setHeader(getTranslation("jobs.actions"))
                    .setKey("actions")
                    .setAutoWidth(true)
                    .setFlexGrow(0)
                    .setFrozenToEnd(true);
        }
        jobGrid.setEmptyStateText(getTranslation("dashboard.jobs.empty"));
        jobGrid.setMinHeight("14rem");
        Div section = new Div();
        if (bulk != null) {
            HorizontalLayout heading = new HorizontalLayout(title);
            heading.addClassName("jobdeck-section-heading");
            heading.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
            bulk.allJobsButtons().forEach(heading::add);
            section.add(heading, capped, bulk.bar(), jobGrid);
        } else {
            jobGrid.setSelectionMode(Grid.SelectionMode.NONE);
            section.add(title, capped, jobGrid);
        }
        capped.setId("jobs-capped");
        capped.addClassName("jobdeck-hint");
        capped.setVisible(false);
        section.setWidthFull();
        section.addClassName("jobdeck-jobs-section");
        jobGrid.getStyle().set("flex-grow", "1");
        return section;
    }

    private void shownFrom(Size smallest, Grid.Column<?> column) {
        shownFrom.put(column, smallest);
    }

    /** A time as text in the user's zone, and below it how far away it is, moving in the browser. */
    private LitRenderer<JobOverview> timeCell(ValueProvider<JobOverview, @Nullable Instant> time, String mode) {
        return LitRenderer.<JobOverview>of("<div class=\"jobdeck-time-cell\"><span>${item.at}</span>"
                        + "<jobdeck-time class=\"jobdeck-muted\" mode=\"" + mode + "\" datetime=\"${item.iso}\">"
                        + "</jobdeck-time></div>")
                .withProperty("at", j -> UserTime.format(time.apply(j), clock.instant()))
                .withProperty("iso", j -> Objects.toString(time.apply(j), ""));
    }

    private LitRenderer<JobOverview> withState(LitRenderer<JobOverview> renderer) {
        return renderer.withProperty("state", j -> getTranslation("jobstate." + j.state()))
                .withProperty("stateTheme", j -> Badges.theme(j.state()));
    }

    private LitRenderer<JobOverview> lastRunCell() {
        return LitRenderer.<JobOverview>of("<div class=\"jobdeck-last-run\" title=\"${item.error}\">"
                        + "<span theme=\"${item.outcomeTheme}\">${item.outcome}</span>"
                        + " <span class=\"jobdeck-num\">${item.runTime}</span></div>")
                .withProperty("outcome", j -> outcome(j.lastRun()))
                .withProperty(
                        "outcomeTheme", j -> j.lastRun() instanceof LastRun run ? Outcomes.theme(run.outcome()) : "")
                .withProperty(
                        "runTime",
                        j -> j.lastRun() instanceof LastRun run ? DurationText.format(run.runTime(), getLocale()) : "")
                .withProperty(
                        "error",
                        j -> j.lastRun() instanceof LastRun run && run.error() instanceof String error
                                ? DisplayText.safe(error, DESCRIPTION_MAX)
                                : "");
    }

    private String outcome(@Nullable LastRun run) {
        return run == null ? getTranslation("outcome.none") : getTranslation("outcome." + run.outcome());
    }

    /** On a phone: the job, its state and when it fires next, stacked in one cell. */
    private LitRenderer<JobOverview> summaryCell() {
        return withState(LitRenderer.<JobOverview>of("<div class=\"jobdeck-job\">"
                        + "<a class=\"jobdeck-job-name\" href=\"${item.link}\">${item.name}</a>"
                        + "<span class=\"jobdeck-muted\">${item.group}</span>"
                        + "<span><span theme=\"${item.stateTheme}\">${item.state}</span> "
                        + "<jobdeck-time class=\"jobdeck-muted\" mode=\"next\" datetime=\"${item.next}\">"
                        + "</jobdeck-time></span></div>")
                .withProperty("name", j -> DisplayText.safe(j.name(), NAME_MAX))
                .withProperty("group", j -> DisplayText.safe(j.group(), NAME_MAX))
                .withProperty("next", j -> Objects.toString(j.nextFire(), ""))
                .withProperty("link", DashboardView::link));
    }

    /** The job's page (its key, each part encoded as a path segment). */
    private static String link(JobOverview job) {
        return JobPaths.page(job.group(), job.name());
    }

    private void send(LifecycleCommand command) {
        UI ui = UI.getCurrent();
        pending = command;
        // The transitional state shows before the command is even queued; only the header, so that the answer to the
        // click stays small (the rows follow with the next push).
        renderHeader();
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

    /** What the top of the page shows; compared with what it shows now, so that an unchanged state sends nothing. */
    private record Header(
            SchedulerState shown,
            String since,
            String message,
            List<String> notices,
            boolean startEnabled,
            boolean stopEnabled,
            boolean interruptEnabled,
            List<String> counters,
            boolean anyFailed) {}

    /** Brings the page up to date with the services' snapshots; returns whether anything changed. */
    private boolean render() {
        boolean changed = renderHeader();
        if (clusterPanel != null) {
            changed |= clusterPanel.show(cluster.current());
        }
        changed |= jobRows.show(overview.jobs());
        long all = monitor.status().jobCount();
        boolean cap = all > JobOverviewService.SHOWN;
        if (cap != capped.isVisible() || (cap && all != cappedOf)) {
            cappedOf = all;
            capped.removeAll();
            if (cap) {
                capped.add(
                        new Span(getTranslation("dashboard.jobs.capped", JobOverviewService.SHOWN, all) + " "),
                        new RouterLink(getTranslation("dashboard.jobs.all"), JobsView.class));
            }
            capped.setVisible(cap);
            changed = true;
        }
        List<RunningJob> running = overview.running();
        Map<String, RunProgress> progress = new LinkedHashMap<>();
        running.forEach(r -> live.findProgress(r.fireId()).ifPresent(p -> progress.put(r.fireId(), p)));
        Map<String, RunProgress> before = progressShown;
        progressShown = progress;
        boolean rowsChanged = runningRows.show(running);
        String here = monitor.status().node();
        boolean elsewhere = running.stream().anyMatch(r -> !r.node().equals(here));
        if (nodeColumn != null && nodeColumn.isVisible() != elsewhere) {
            nodeColumn.setVisible(elsewhere);
            rowsChanged = true;
        }
        for (RunningJob r : running) {
            if (!Objects.equals(before.get(r.fireId()), progress.get(r.fireId()))) {
                runningRows.refresh(r.fireId());
                rowsChanged = true;
            }
        }
        changed |= rowsChanged;
        runningGrid.setVisible(!runningRows.isEmpty());
        runningEmpty.setVisible(runningRows.isEmpty());
        return changed;
    }

    private boolean renderHeader() {
        Header header = header(monitor.status(), audit.health(), history.health(), overview.retryHealth());
        if (header.equals(shown)) {
            return false;
        }
        show(header);
        shown = header;
        return true;
    }

    private Header header(
            SchedulerStatus status, AuditHealth auditHealth, RecorderHealth historyHealth, RetryHealth retryHealth) {
        SchedulerState shownState = status.state();
        if (pending == LifecycleCommand.START && shownState != SchedulerState.RUNNING) {
            shownState = SchedulerState.STARTING;
        } else if (pending != null && pending != LifecycleCommand.START && shownState.canStop()) {
            shownState = SchedulerState.STOPPING;
        }
        List<String> notices = new ArrayList<>();
        for (StatusReason warning : status.warnings()) {
            notices.add(reason(warning));
        }
        if (auditHealth.lastError() instanceof String error) {
            notices.add(getTranslation(
                    "dashboard.notice.audit.waiting", auditHealth.waiting(), DisplayText.safe(error, DESCRIPTION_MAX)));
        }
        if (auditHealth.lost() > 0) {
            notices.add(getTranslation("dashboard.notice.audit.lost", auditHealth.lost()));
        }
        if (historyHealth.lastError() instanceof String error) {
            notices.add(getTranslation(
                    "dashboard.notice.history.waiting",
                    historyHealth.waiting(),
                    DisplayText.safe(error, DESCRIPTION_MAX)));
        }
        if (historyHealth.lost() > 0) {
            notices.add(getTranslation("dashboard.notice.history.lost", historyHealth.lost()));
        }
        if (retryHealth.notScheduled() > 0) {
            notices.add(getTranslation(
                    "dashboard.notice.retries.lost",
                    retryHealth.notScheduled(),
                    DisplayText.safe(String.valueOf(retryHealth.lastError()), DESCRIPTION_MAX)));
        }
        return new Header(
                shownState,
                getTranslation("dashboard.since", UserTime.format(status.since(), clock.instant())),
                messageFor(status, shownState),
                notices,
                canOperate && pending == null && status.state().canStart(),
                canOperate && pending == null && status.state().canStop(),
                canOperate && pending == null && status.state().canInterrupt(),
                List.of(
                        String.valueOf(status.jobCount()),
                        String.valueOf(status.triggerCount()),
                        String.valueOf(status.runningJobs()),
                        status.busyThreads() + " / " + status.poolSize(),
                        String.valueOf(status.firedSinceStart()),
                        String.valueOf(status.failedSinceStart())),
                status.failedSinceStart() > 0);
    }

    private void show(Header header) {
        SchedulerState state = header.shown();
        stateBadge.setText(getTranslation("state." + state));
        stateBadge.getElement().getThemeList().clear();
        stateBadge.getElement().getThemeList().add(Badges.theme(state));
        stateBadge.getElement().setAttribute("data-state", state.name());
        since.setText(header.since());
        message.setText(header.message());
        notice.setVisible(!header.notices().isEmpty());
        notice.removeAll();
        header.notices().forEach(text -> notice.add(new Div(text)));

        // While stopping, Start undoes the stop: say so, and do not make it the page's most prominent button.
        boolean stopping = state == SchedulerState.STOPPING;
        start.setText(getTranslation(stopping ? "dashboard.start.again" : "dashboard.start"));
        start.setTooltipText(stopping ? getTranslation("dashboard.start.again.tooltip") : null);
        start.removeThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_SUCCESS, ButtonVariant.LUMO_TERTIARY);
        start.addThemeVariants(
                stopping ? ButtonVariant.LUMO_TERTIARY : ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_SUCCESS);
        start.setEnabled(header.startEnabled());
        stop.setEnabled(header.stopEnabled());
        interrupt.setEnabled(header.interruptEnabled());

        List<String> values = header.counters();
        jobs.set(values.get(0));
        triggers.set(values.get(1));
        runningCount.set(values.get(2));
        workers.set(values.get(3));
        fired.set(values.get(4));
        failed.set(values.get(5));
        failed.setClassName("failed", header.anyFailed());
    }

    private String messageFor(SchedulerStatus status, SchedulerState shownState) {
        if (shownState == SchedulerState.STARTING && status.state() != SchedulerState.STARTING) {
            return getTranslation("dashboard.pending.start");
        }
        if (shownState == SchedulerState.STOPPING) {
            return status.runningJobs() > 0
                    ? getTranslation("dashboard.pending.stop", status.runningJobs())
                    : getTranslation("dashboard.pending.stop.none");
        }
        return status.reasonIfAny().map(this::reason).orElse("");
    }

    private String reason(StatusReason reason) {
        return getTranslation("reason." + reason.code().name(), reason.args().toArray());
    }

    /** Called by the browser when the room for the page crosses a breakpoint (see {@link #onAttach}). */
    @ClientCallable
    void sizeChanged(String newSize) {
        Size next;
        try {
            next = Size.valueOf(newSize);
        } catch (IllegalArgumentException unknown) {
            return;
        }
        if (next == size) {
            return;
        }
        size = next;
        shownFrom.forEach((column, smallest) -> column.setVisible(next.compareTo(smallest) >= 0));
        compactOnly.forEach(c -> c.setVisible(next == Size.COMPACT));
    }

    @Override
    protected void onAttach(AttachEvent event) {
        super.onAttach(event);
        render();
        // The browser measures the view and tells the server only when it crosses a breakpoint.
        getElement().executeJs("""
                const view = this;
                if (view.__jobdeckSize) { view.__jobdeckSize.disconnect(); }
                let last = null;
                view.__jobdeckSize = new ResizeObserver(entries => {
                  const width = entries[0].contentRect.width;
                  const size = width < $0 ? 'COMPACT' : width < $1 ? 'NARROW' : width < $2 ? 'MEDIUM' : 'WIDE';
                  if (size !== last) { last = size; view.$server.sizeChanged(size); }
                });
                view.__jobdeckSize.observe(view);""", 600, 1000, 1250);
    }
}
