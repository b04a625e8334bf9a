package io.jobdeck.dashboard.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.router.QueryParameters;
import io.jobdeck.jobs.JobCommands;
import io.jobdeck.jobs.JobOverview;
import io.jobdeck.support.Errors;
import io.jobdeck.ui.Commands;
import io.jobdeck.ui.Confirm;
import io.jobdeck.ui.Notifications;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;

/**
 * Pause, resume, run now or delete the jobs selected in the grid, and pause or resume all jobs. Each job's command is
 * the same service call as its row button (checked for the role and audited per job), given in the background; once
 * every one is answered, one notification says how many were done and why any failed.
 */
class BulkActions {

    /** At most this many jobs in one go: the commands' queue holds 1,000. */
    static final int MAX_SELECTED = 500;

    private final JobCommands commands;
    private final Grid<JobOverview> grid;
    private final boolean canAdminister;
    private final Div bar = new Div();
    private final Span count = new Span();
    private final List<Button> buttons = new ArrayList<>();

    BulkActions(JobCommands commands, Grid<JobOverview> grid, boolean canAdminister) {
        this.commands = commands;
        this.grid = grid;
        this.canAdminister = canAdminister;
        grid.setSelectionMode(Grid.SelectionMode.MULTI);
        bar.setId("jobs-bulk");
        bar.addClassName("jobdeck-bulk");
        count.setId("jobs-bulk-count");
        bar.add(count);
        bar.add(button("bulk-pause", VaadinIcon.PAUSE, "jobs.pause", j -> commands.pause(j.group(), j.name())));
        bar.add(button(
                "bulk-resume", VaadinIcon.PLAY_CIRCLE_O, "jobs.resume", j -> commands.resume(j.group(), j.name())));
        bar.add(button("bulk-run", VaadinIcon.PLAY, "jobs.runNow", j -> commands.runNow(j.group(), j.name())));
        if (canAdminister) {
            Button delete = new Button(grid.getTranslation("jobs.delete"), VaadinIcon.TRASH.create());
            delete.setId("bulk-delete");
            delete.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
            delete.addClickListener(e -> confirmDelete());
            buttons.add(delete);
            bar.add(delete);
            // The selection's definitions as a document, on the Definitions page (by its route: another module's).
            Button export = new Button(grid.getTranslation("bulk.export"), VaadinIcon.FILE_CODE.create());
            export.setId("bulk-export");
            export.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
            export.addClickListener(e -> export.getUI()
                    .ifPresent(ui -> ui.navigate(
                            "definitions",
                            new QueryParameters(Map.of(
                                    "job",
                                    grid.getSelectedItems().stream()
                                            .map(j -> j.group() + "/" + j.name())
                                            .sorted()
                                            .toList())))));
            bar.add(export);
        }
        Button clear = new Button(grid.getTranslation("bulk.clear"), e -> grid.deselectAll());
        clear.setId("bulk-clear");
        clear.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        bar.add(clear);
        grid.addSelectionListener(e -> show());
        show();
    }

    Div bar() {
        return bar;
    }

    /** Pause all and Resume all, for the jobs section's header; Pause all asks first. */
    List<Button> allJobsButtons() {
        Button pauseAll = new Button(grid.getTranslation("jobs.pauseAll"), VaadinIcon.PAUSE.create());
        pauseAll.setId("jobs-pause-all");
        pauseAll.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        pauseAll.addClickListener(e -> Confirm.ask(
                "pause-all-dialog",
                grid.getTranslation("jobs.pauseAll.confirm.title"),
                grid.getTranslation("jobs.pauseAll.confirm.text"),
                grid.getTranslation("jobs.pauseAll"),
                () -> Commands.call("jobs.pauseAll", commands::pauseAll, () -> {})));
        Button resumeAll = new Button(grid.getTranslation("jobs.resumeAll"), VaadinIcon.PLAY_CIRCLE_O.create());
        resumeAll.setId("jobs-resume-all");
        resumeAll.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        resumeAll.addClickListener(e -> Commands.call("jobs.resumeAll", commands::resumeAll, () -> {}));
        return List.of(pauseAll, resumeAll);
    }

    private void show() {
        int selected = grid.getSelectedItems().size();
        bar.setVisible(selected > 0);
        count.setText(grid.getTranslation("bulk.selected", selected));
    }

    private Button button(String id, VaadinIcon icon, String label, Function<JobOverview, CompletionStage<?>> command) {
        Button button = new Button(grid.getTranslation(label), icon.create());
        button.setId(id);
        button.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        button.addClickListener(e -> apply(label, command));
        buttons.add(button);
        return button;
    }

    private void confirmDelete() {
        int selected = grid.getSelectedItems().size();
        Confirm.ask(
                "bulk-delete-dialog",
                grid.getTranslation("bulk.delete.confirm.title", selected),
                grid.getTranslation("jobs.delete.confirm.text"),
                grid.getTranslation("jobs.delete"),
                () -> apply("jobs.delete", j -> commands.delete(j.group(), j.name())));
    }

    /** Gives {@code command} for each selected job; once all are answered, says how it went. */
    private void apply(String label, Function<JobOverview, CompletionStage<?>> command) {
        List<JobOverview> jobs = List.copyOf(grid.getSelectedItems());
        if (jobs.isEmpty()) {
            return;
        }
        UI ui = UI.getCurrent();
        String what = ui.getTranslation(label);
        if (jobs.size() > MAX_SELECTED) {
            Notifications.error(ui.getTranslation("bulk.tooMany", MAX_SELECTED));
            return;
        }
        buttons.forEach(b -> b.setEnabled(false));
        AtomicInteger done = new AtomicInteger();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        List<CompletableFuture<?>> answers = new ArrayList<>();
        for (JobOverview job : jobs) {
            CompletionStage<?> answer;
            try {
                answer = command.apply(job);
            } catch (AccessDeniedException | AuthenticationException refused) {
                answer = CompletableFuture.failedFuture(new IllegalStateException(ui.getTranslation("access.denied")));
            }
            answers.add(answer.handle((result, error) -> {
                        if (error == null) {
                            done.incrementAndGet();
                        } else {
                            failures.add(job.group() + "." + job.name() + ": " + Errors.describe(error));
                        }
                        return null;
                    })
                    .toCompletableFuture());
        }
        CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new))
                .whenComplete((all, error) -> ui.access(() -> {
                    buttons.forEach(b -> b.setEnabled(true));
                    if (failures.isEmpty()) {
                        Notifications.success(ui.getTranslation("bulk.done", what, done.get()));
                    } else {
                        Notifications.error(ui.getTranslation(
                                "bulk.partial", what, done.get(), jobs.size(), failures.size(), failures.peek()));
                    }
                    if (label.equals("jobs.delete")) {
                        grid.deselectAll();
                    }
                }));
    }
}
