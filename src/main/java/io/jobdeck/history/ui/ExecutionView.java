package io.jobdeck.history.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import io.jobdeck.events.EventBatch;
import io.jobdeck.events.EventHub;
import io.jobdeck.events.SchedulerEvent;
import io.jobdeck.history.Execution;
import io.jobdeck.history.ExecutionHistory;
import io.jobdeck.history.ExecutionRun;
import io.jobdeck.history.HistoryProperties;
import io.jobdeck.history.LiveExecutions;
import io.jobdeck.jobs.JobPaths;
import io.jobdeck.security.Role;
import io.jobdeck.support.DisplayText;
import io.jobdeck.support.DurationText;
import io.jobdeck.support.Errors;
import io.jobdeck.ui.Commands;
import io.jobdeck.ui.LiveUpdates;
import io.jobdeck.ui.Outcomes;
import io.jobdeck.ui.Reloader;
import io.jobdeck.ui.UserTime;
import jakarta.annotation.security.PermitAll;
import java.text.NumberFormat;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * One execution: how it ended and why, its timings, its job, trigger and node, the attempts of its run, its parameters
 * (secrets masked), its error with the full stack trace, and what it logged; and, for operators, a re-run. Read in the
 * background; while it runs, the page reads it again by push when it (or another attempt of its job) starts or ends.
 */
@Route("executions/:id")
@PageTitle("Jobdeck · Execution")
@PermitAll
class ExecutionView extends VerticalLayout implements BeforeEnterObserver {

    private final ExecutionHistory history;
    private final LiveExecutions liveExecutions;
    private final LiveUpdates liveUpdates;
    private final EventHub hub;
    private final Clock clock;
    private final int logLimit;
    private final boolean canOperate;
    private final H2 title = new H2();
    private final HorizontalLayout actions = new HorizontalLayout();
    /** While it runs: how long it has been running, and the place for its progress and the tail of its log. */
    private final Div live = new Div();

    private final Div body = new Div();
    private String given = "";
    private volatile @Nullable Long id;
    private @Nullable Reloader<Optional<ExecutionRun>> reloader;
    /** What the page shows; read on the hub's thread to know which events concern it. */
    private volatile @Nullable Execution shown;

    ExecutionView(
            ExecutionHistory history,
            EventHub hub,
            Clock clock,
            HistoryProperties properties,
            AuthenticationContext auth,
            LiveExecutions liveExecutions,
            LiveUpdates liveUpdates) {
        this.liveExecutions = liveExecutions;
        this.liveUpdates = liveUpdates;
        this.history = history;
        this.hub = hub;
        this.clock = clock;
        this.logLimit = properties.logLimit();
        this.canOperate = auth.hasRole(Role.OPERATOR.name());
        setMaxWidth("70rem");
        title.setId("execution-title");
        actions.setId("execution-actions");
        actions.setVisible(false);
        live.setId("execution-live");
        live.setVisible(false);
        body.setId("execution-details");
        body.setWidthFull();
        add(title, actions, live, body);
    }

    /** Where an execution's page is, relative to the application's root. */
    static String path(long id) {
        return "executions/" + id;
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        given = event.getRouteParameters().get("id").orElse("");
        id = parse(given);
        shown = null;
        title.setText(getTranslation("execution.title", DisplayText.safe(given, 40)));
        if (reloader != null) {
            load(); // another execution in the same view (the router keeps it)
        }
    }

    private static @Nullable Long parse(String text) {
        try {
            long value = Long.parseLong(text);
            return value > 0 ? value : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @Override
    protected void onAttach(AttachEvent event) {
        super.onAttach(event);
        Reloader<Optional<ExecutionRun>> reader = new Reloader<>(event.getUI(), this::read, this::show);
        reader.followWhileAttached(this, hub, this::concernsIt);
        reloader = reader;
        load();
    }

    @Override
    protected void onDetach(DetachEvent event) {
        reloader = null;
        super.onDetach(event);
    }

    private void load() {
        body.removeAll();
        actions.setVisible(false);
        live.setVisible(false);
        if (id == null) {
            missing();
            return;
        }
        body.add(new Paragraph(getTranslation("job.detail.loading")));
        if (reloader != null) {
            reloader.request();
        }
    }

    private CompletionStage<Optional<ExecutionRun>> read() {
        Long wanted = id;
        return wanted == null
                ? CompletableFuture.completedFuture(Optional.empty())
                : Written.read(history, () -> history.readRun(wanted));
    }

    /** Its end, or another attempt of its job starting or ending (a retry joins the list of attempts). */
    private boolean concernsIt(EventBatch batch) {
        Execution e = shown;
        if (e == null) {
            return false;
        }
        return batch.dropped() > 0
                || batch.events().stream().anyMatch(event -> switch (event) {
                    case SchedulerEvent.JobStarted started ->
                        started.jobGroup().equals(e.jobGroup())
                                && started.jobName().equals(e.jobName());
                    case SchedulerEvent.JobFinished finished ->
                        finished.fireId().equals(e.fireId())
                                || (finished.jobGroup().equals(e.jobGroup())
                                        && finished.jobName().equals(e.jobName()));
                    default -> false;
                });
    }

    private void missing() {
        Paragraph none = new Paragraph(getTranslation("execution.none", DisplayText.safe(given, 40)));
        none.setId("execution-missing");
        body.add(none);
        actions.setVisible(false);
        live.setVisible(false);
    }

    private void show(@Nullable Optional<ExecutionRun> answer, @Nullable Throwable error) {
        Optional<ExecutionRun> found = answer == null ? Optional.empty() : answer;
        Long wanted = id;
        if (wanted == null || found.map(run -> run.execution().id() != wanted).orElse(false)) {
            return; // an answer for the execution shown before; the read for this one follows
        }
        body.removeAll();
        actions.removeAll();
        if (error != null) {
            Paragraph failed = new Paragraph(getTranslation("execution.failed", Errors.describe(error)));
            failed.setId("execution-failed");
            body.add(failed);
            return;
        }
        if (found.isEmpty()) {
            missing();
            return;
        }
        Execution e = found.get().execution();
        shown = e;
        title.removeAll();
        title.setText(getTranslation(
                "execution.heading", DisplayText.safe(e.jobGroup() + "." + e.jobName(), 200), e.attempt()));
        Span outcome = Outcomes.badge(e.outcome());
        outcome.setId("execution-outcome");
        outcome.getStyle().set("margin-inline-start", "var(--lumo-space-m)");
        title.add(outcome);
        showActions(e);
        showRunning(e);
        body.add(facts(e, found.get()));
        if (found.get().attempts().size() > 1) {
            body.add(attempts(e, found.get()));
        }
        if (!e.parameters().isEmpty()) {
            body.add(new H3(getTranslation("execution.parameters")));
            Div parameters = new Div();
            parameters.setId("execution-parameters");
            new TreeMap<>(e.parameters()).forEach((name, value) -> {
                if (!value.isEmpty()) {
                    parameters.add(field(name, value));
                }
            });
            body.add(parameters);
        }
        if (e.error() != null) {
            body.add(new H3(getTranslation("execution.error")));
            Pre message = new Pre(DisplayText.safe(e.error()));
            message.setId("execution-error");
            message.addClassName("jobdeck-error-text");
            body.add(message);
        }
        if (e.stackTrace() != null) {
            Pre trace = new Pre(e.stackTrace());
            trace.setId("execution-stack-trace");
            trace.addClassName("jobdeck-block");
            Details details = new Details(getTranslation("execution.stackTrace"), trace);
            details.setId("execution-stack");
            details.setWidthFull();
            body.add(details);
        }
        if (e.running()) {
            return; // its log is tailed above, live
        }
        body.add(new H3(getTranslation("execution.log")));
        if (e.log() == null || e.log().isEmpty()) {
            Paragraph none = new Paragraph(getTranslation("execution.log.none"));
            none.setId("execution-log-none");
            none.addClassName("jobdeck-muted");
            body.add(none);
        } else {
            Pre log = new Pre(e.log());
            log.setId("execution-log");
            log.addClassName("jobdeck-block");
            body.add(log);
        }
        if (e.logTruncated()) {
            Paragraph cut = new Paragraph(getTranslation(
                    "execution.log.cut",
                    NumberFormat.getIntegerInstance(getLocale()).format(logLimit)));
            cut.setId("execution-log-cut");
            cut.addClassName("jobdeck-hint");
            body.add(cut);
        }
    }

    /** While it runs: since when, its progress, and the tail of its log, by push; its end re-reads the page. */
    private void showRunning(Execution e) {
        live.removeAll();
        live.setVisible(e.running());
        if (e.running()) {
            Paragraph since =
                    new Paragraph(getTranslation("execution.running", UserTime.format(e.firedAt(), clock.instant())));
            since.setId("execution-running");
            LiveProgress progress = new LiveProgress(liveExecutions, liveUpdates, e.fireId());
            progress.setId("execution-progress");
            LiveLog log = new LiveLog(liveExecutions, liveUpdates, e);
            log.setId("execution-live-log");
            log.addEndedListener(ended -> {
                if (reloader != null) {
                    reloader.request();
                }
            });
            live.add(since, progress, new H3(getTranslation("execution.log")), log);
        }
    }

    private Div facts(Execution e, ExecutionRun run) {
        Div facts = new Div();
        facts.setId("execution-facts");
        Anchor job = new Anchor(
                JobPaths.page(e.jobGroup(), e.jobName()), DisplayText.safe(e.jobGroup() + "." + e.jobName(), 200));
        job.setId("execution-job");
        facts.add(field(getTranslation("execution.job"), job));
        facts.add(field(getTranslation("execution.trigger"), text(e.triggerName())));
        facts.add(field(getTranslation("execution.node"), e.node()));
        facts.add(field(
                getTranslation("execution.attempt"),
                getTranslation(
                        "execution.attempt.of",
                        e.attempt(),
                        Math.max(e.attempt(), run.attempts().size()))));
        facts.add(field(getTranslation("execution.scheduledAt"), time(e.scheduledAt())));
        facts.add(field(getTranslation("execution.firedAt"), time(e.firedAt())));
        facts.add(field(getTranslation("execution.endedAt"), time(e.endedAt())));
        facts.add(field(getTranslation("execution.lag"), duration(e.lag())));
        facts.add(field(getTranslation("execution.duration"), duration(e.duration())));
        NumberFormat numbers = NumberFormat.getIntegerInstance(getLocale());
        if (e.httpStatus() != null) {
            facts.add(field(getTranslation("execution.httpStatus"), String.valueOf(e.httpStatus())));
        }
        if (e.httpBytes() != null) {
            facts.add(field(
                    getTranslation("execution.httpBytes"),
                    getTranslation("execution.bytes", numbers.format(e.httpBytes()))));
        }
        if (e.httpTime() != null) {
            facts.add(field(getTranslation("execution.httpTime"), duration(e.httpTime())));
        }
        if (e.exitCode() != null) {
            facts.add(field(getTranslation("execution.exitCode"), String.valueOf(e.exitCode())));
        }
        return facts;
    }

    private Div attempts(Execution e, ExecutionRun run) {
        Div section = new Div(new H3(getTranslation("execution.attempts")));
        UnorderedList list = new UnorderedList();
        list.setId("execution-attempts");
        for (Execution attempt : run.attempts()) {
            String label = getTranslation(
                    "execution.attempt.item",
                    attempt.attempt(),
                    UserTime.format(attempt.firedAt(), clock.instant()),
                    getTranslation("outcome." + attempt.outcome().name()));
            Component item = attempt.id() == e.id() ? new Span(label) : new Anchor(path(attempt.id()), label);
            if (attempt.id() == e.id()) {
                item.getElement().getStyle().set("font-weight", "600");
            }
            list.add(new ListItem(item));
        }
        section.add(list);
        return section;
    }

    /** Re-run for operators (the service checks the role again). */
    private void showActions(Execution e) {
        if (!canOperate) {
            actions.setVisible(false);
            return;
        }
        Button rerun = new Button(getTranslation("execution.rerun"), VaadinIcon.REFRESH.create());
        rerun.setId("execution-rerun");
        rerun.setTooltipText(getTranslation("execution.rerun.tooltip"));
        rerun.addClickListener(click -> {
            rerun.setEnabled(false);
            Commands.call("execution.rerun", () -> history.rerun(e.id()), () -> rerun.setEnabled(true));
        });
        actions.add(rerun);
        actions.setVisible(true);
    }

    private static Div field(String label, String value) {
        return field(label, new Pre(DisplayText.safe(value)));
    }

    private static Div field(String label, Component value) {
        Div row = new Div(new Span(DisplayText.safe(label)), value);
        row.addClassName("jobdeck-detail-field");
        return row;
    }

    private static String text(@Nullable String value) {
        return value == null ? "—" : value;
    }

    private String time(@Nullable Instant instant) {
        return UserTime.format(instant, clock.instant());
    }

    private String duration(@Nullable Duration duration) {
        return duration == null ? "—" : DurationText.format(duration, getLocale());
    }
}
