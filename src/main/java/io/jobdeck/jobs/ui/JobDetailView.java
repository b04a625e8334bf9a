package io.jobdeck.jobs.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
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
import io.jobdeck.jobs.JobCommands;
import io.jobdeck.jobs.JobDefinition;
import io.jobdeck.jobs.JobDefinitions;
import io.jobdeck.jobs.JobDetails;
import io.jobdeck.jobs.JobPaths;
import io.jobdeck.jobs.RunHistory;
import io.jobdeck.jobs.ScheduleDescriber;
import io.jobdeck.jobs.TriggerDefinition;
import io.jobdeck.security.Role;
import io.jobdeck.stats.ExecutionStats;
import io.jobdeck.support.Errors;
import io.jobdeck.ui.Commands;
import io.jobdeck.ui.Confirm;
import io.jobdeck.ui.Reloader;
import io.jobdeck.ui.UserTime;
import jakarta.annotation.security.PermitAll;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * One job's page: what it does (secrets masked), each trigger with its schedule in words, whether it is paused, and
 * when it fires next and fired last, and what it does when a run fails; and what the reader's role may do to it: pause or resume, run now (also with
 * one-off parameters), edit, copy, delete. Read in the background; the page fills in by push, and reads the job again
 * whenever jobs change or this one runs, here or in another tab. Below, its recent runs from the history, read again
 * whenever it starts or ends.
 */
@Route("jobs/:group/:name")
@PageTitle("Jobdeck · Job")
@PermitAll
class JobDetailView extends VerticalLayout implements BeforeEnterObserver {

    private final JobDefinitions definitions;
    private final JobCommands commands;
    private final ScheduleDescriber describer;
    private final RunHistory runHistory;
    private final EventHub hub;
    private final Clock clock;
    private final ExecutionStats stats;
    private final boolean canOperate;
    private final boolean canAdminister;
    private final H2 title = new H2();
    private final HorizontalLayout actions = new HorizontalLayout();
    private final Div body = new Div();
    private final Div runs = new Div();
    private String group = "";
    private String name = "";

    JobDetailView(
            JobDefinitions definitions,
            JobCommands commands,
            ScheduleDescriber describer,
            RunHistory runHistory,
            EventHub hub,
            Clock clock,
            ExecutionStats stats,
            AuthenticationContext auth) {
        this.definitions = definitions;
        this.commands = commands;
        this.describer = describer;
        this.runHistory = runHistory;
        this.hub = hub;
        this.clock = clock;
        this.stats = stats;
        this.canOperate = auth.hasRole(Role.OPERATOR.name());
        this.canAdminister = auth.hasRole(Role.ADMIN.name());
        setMaxWidth("60rem");
        title.setId("job-title");
        body.setId("job-details");
        actions.setId("job-actions");
        actions.setVisible(false);
        runs.setWidthFull();
        add(title, actions, body, runs);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        group = event.getRouteParameters().get("group").orElse("");
        name = event.getRouteParameters().get("name").orElse("");
        title.setText(group + "." + name);
    }

    @Override
    protected void onAttach(AttachEvent event) {
        super.onAttach(event);
        UI ui = event.getUI();
        body.removeAll();
        body.add(new Paragraph(getTranslation("job.detail.loading")));
        Reloader<Optional<JobDetails>> reloader = new Reloader<>(
                ui,
                () -> definitions.read(group, name),
                (found, error) -> show(found == null ? Optional.empty() : found, error));
        RecentRuns recent = new RecentRuns(group, name, clock);
        runs.removeAll();
        runs.add(new JobDurationsChart(stats, group, name), recent);
        Reloader<List<RunHistory.PastRun>> runsReader =
                new Reloader<>(ui, () -> runHistory.readRecentRuns(group, name, RecentRuns.SHOWN), recent::show);
        // One subscription for both reads: what concerns the job concerns its runs.
        reloader.followWhileAttached(this, hub, batch -> {
            boolean concerned = concernsThisJob(batch);
            if (concerned) {
                runsReader.request();
            }
            return concerned;
        });
        reloader.request();
        runsReader.request();
    }

    private boolean concernsThisJob(EventBatch batch) {
        return batch.dropped() > 0
                || batch.events().stream().anyMatch(e -> switch (e) {
                    case SchedulerEvent.JobsChanged changed -> true;
                    case SchedulerEvent.JobStarted started -> isThis(started.jobGroup(), started.jobName());
                    case SchedulerEvent.JobFinished finished -> isThis(finished.jobGroup(), finished.jobName());
                    default -> false;
                });
    }

    private boolean isThis(String jobGroup, String jobName) {
        return jobGroup.equals(group) && jobName.equals(name);
    }

    private void show(Optional<JobDetails> found, @Nullable Throwable error) {
        body.removeAll();
        actions.removeAll();
        actions.setVisible(false);
        if (error != null) {
            body.add(new Paragraph(getTranslation("job.detail.failed", Errors.describe(error))));
            return;
        }
        if (found.isEmpty()) {
            body.add(new Paragraph(getTranslation("job.detail.none", group + "." + name)));
            return;
        }
        JobDetails job = found.get();
        showActions(job);
        if (job.managedBy() != null) {
            Paragraph managed = new Paragraph(getTranslation("code.managed", job.managedBy()));
            managed.setId("job-managed");
            managed.addClassName("jobdeck-muted");
            body.add(managed);
        }
        if (job.description() != null) {
            body.add(new Paragraph(job.description()));
        }
        body.add(new H3(getTranslation("job.detail.what", job.kind())));
        for (JobDetails.Field field : job.definition()) {
            Div row = new Div(new Span(getTranslation(field.label())), new Pre(field.value()));
            row.addClassName("jobdeck-detail-field");
            body.add(row);
        }
        body.add(new H3(getTranslation("job.detail.triggers")));
        UnorderedList triggers = new UnorderedList();
        triggers.setId("job-triggers");
        boolean several = job.triggers().size() > 1;
        for (int i = 0; i < job.triggers().size(); i++) {
            JobDetails.TriggerDetails trigger = job.triggers().get(i);
            String text = (several ? trigger.name() + ": " : "")
                    + describer.describe(trigger.schedule(), UserTime.locale(), UserTime.zone()) + " · "
                    + (trigger.paused()
                            ? getTranslation("job.detail.paused")
                            : getTranslation("job.detail.next", UserTime.format(trigger.nextFire(), clock.instant())))
                    + " · "
                    + getTranslation("job.detail.previous", UserTime.format(trigger.previousFire(), clock.instant()))
                    + (trigger.calendar().isEmpty()
                            ? ""
                            : " · " + getTranslation("job.detail.calendar", trigger.calendar()))
                    + (trigger.priority() == TriggerDefinition.DEFAULT_PRIORITY
                            ? ""
                            : " · " + getTranslation("job.detail.priority", trigger.priority()));
            ListItem item = new ListItem(new Span(text));
            if (canOperate && !trigger.oneOff()) {
                item.add(triggerToggle(trigger, i));
            }
            triggers.add(item);
        }
        body.add(triggers);
        body.add(new H3(getTranslation("job.form.retry")));
        Paragraph retry = new Paragraph(RetryWords.describe(job.retry(), this::getTranslation, UserTime.locale()));
        retry.setId("job-retry");
        body.add(retry);
        if (job.rerunIfNodeDies()) {
            Paragraph rerun = new Paragraph(getTranslation("job.detail.rerunIfNodeDies"));
            rerun.setId("job-rerun-if-node-dies");
            body.add(rerun);
        }
    }

    /** Pause or resume one trigger; the job's other triggers go on as they are. */
    private Button triggerToggle(JobDetails.TriggerDetails trigger, int index) {
        Button toggle = trigger.paused()
                ? action(
                        "trigger-resume-" + index,
                        VaadinIcon.PLAY_CIRCLE_O,
                        "jobs.resume",
                        () -> commands.resumeTrigger(group, name, trigger.name()))
                : action(
                        "trigger-pause-" + index,
                        VaadinIcon.PAUSE,
                        "jobs.pause",
                        () -> commands.pauseTrigger(group, name, trigger.name()));
        toggle.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_SMALL);
        toggle.setAriaLabel(getTranslation(
                trigger.paused() ? "job.detail.resumeTrigger" : "job.detail.pauseTrigger", trigger.name()));
        return toggle;
    }

    /** The buttons the reader's role allows; the services check the role again. */
    private void showActions(JobDetails job) {
        if (canOperate) {
            boolean paused =
                    !job.triggers().isEmpty() && job.triggers().stream().allMatch(JobDetails.TriggerDetails::paused);
            actions.add(
                    paused
                            ? action(
                                    "job-resume",
                                    VaadinIcon.PLAY_CIRCLE_O,
                                    "jobs.resume",
                                    () -> commands.resume(group, name))
                            : action("job-pause", VaadinIcon.PAUSE, "jobs.pause", () -> commands.pause(group, name)));
            actions.add(action("job-run", VaadinIcon.PLAY, "jobs.runNow", () -> commands.runNow(group, name)));
            Button withParameters = new Button(
                    getTranslation("job.run.withParameters"),
                    VaadinIcon.COG_O.create(),
                    e -> new RunWithParametersDialog(commands, group, name).open());
            withParameters.setId("job-run-with-parameters");
            actions.add(withParameters);
            Button pauseGroup =
                    action("job-pause-group", VaadinIcon.PAUSE, "job.pauseGroup", () -> commands.pauseGroup(group));
            pauseGroup.setTooltipText(getTranslation("job.group.tooltip", group));
            Button resumeGroup = action(
                    "job-resume-group", VaadinIcon.PLAY_CIRCLE_O, "job.resumeGroup", () -> commands.resumeGroup(group));
            resumeGroup.setTooltipText(getTranslation("job.group.tooltip", group));
            pauseGroup.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
            resumeGroup.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
            actions.add(pauseGroup, resumeGroup);
        }
        if (canAdminister) {
            if (Arrays.stream(JobDefinition.JobType.values())
                    .anyMatch(type -> type.name().equals(job.kind()))) { // made in the browser
                if (job.managedBy() == null) {
                    actions.add(link("job-edit", VaadinIcon.EDIT, "job.edit", "edit"));
                }
                actions.add(link("job-copy", VaadinIcon.COPY_O, "job.copy", "copy"));
            }
            Button delete = new Button(getTranslation("jobs.delete"), VaadinIcon.TRASH.create());
            delete.setId("job-delete");
            delete.addThemeVariants(ButtonVariant.LUMO_ERROR);
            delete.addClickListener(e -> Confirm.deleteJob(group, name, () -> {
                delete.setEnabled(false);
                Commands.call(
                        "jobs.delete",
                        () -> commands.delete(group, name),
                        () -> delete.setEnabled(true),
                        () -> UI.getCurrent().navigate(""));
            }));
            actions.add(delete);
        }
        actions.setVisible(actions.getComponentCount() > 0);
    }

    private Button action(String id, VaadinIcon icon, String label, Supplier<CompletionStage<?>> command) {
        Button button = new Button(getTranslation(label), icon.create());
        button.setId(id);
        button.addClickListener(e -> {
            button.setEnabled(false);
            Commands.call(label, command, () -> button.setEnabled(true));
        });
        return button;
    }

    private Button link(String id, VaadinIcon icon, String label, String below) {
        Button button = new Button(
                getTranslation(label), icon.create(), e -> UI.getCurrent().navigate(JobPaths.page(group, name, below)));
        button.setId(id);
        return button;
    }
}
