package io.jobdeck.dashboard.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import io.jobdeck.jobs.JobCommands;
import io.jobdeck.jobs.JobOverview;
import io.jobdeck.jobs.JobState;
import io.jobdeck.jobs.RunningJob;
import io.jobdeck.support.Errors;
import io.jobdeck.ui.Notifications;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;

/** Row buttons for jobs and executions. Shown only to roles that may use them; the services check again. */
class JobActions {

    private final JobCommands commands;
    private final boolean canOperate;
    private final boolean canAdminister;

    JobActions(JobCommands commands, boolean canOperate, boolean canAdminister) {
        this.commands = commands;
        this.canOperate = canOperate;
        this.canAdminister = canAdminister;
    }

    Component forJob(JobOverview job) {
        HorizontalLayout buttons = new HorizontalLayout();
        buttons.setSpacing(false);
        if (!canOperate) {
            return buttons;
        }
        boolean paused = job.state() == JobState.PAUSED;
        Button toggle = icon(
                paused ? VaadinIcon.PLAY_CIRCLE_O : VaadinIcon.PAUSE, paused ? "jobs.resume" : "jobs.pause", buttons);
        toggle.addClickListener(e -> call(
                toggle.getTranslation(paused ? "jobs.resume" : "jobs.pause"),
                () -> paused ? commands.resume(job.group(), job.name()) : commands.pause(job.group(), job.name())));
        Button runNow = icon(VaadinIcon.FLASH, "jobs.runNow", buttons);
        runNow.addClickListener(e -> call(
                runNow.getTranslation("jobs.runNow"),
                () -> commands.runNow(job.group(), job.name()).thenApply(outcome -> null)));
        if (canAdminister) {
            Button delete = icon(VaadinIcon.TRASH, "jobs.delete", buttons);
            delete.addThemeVariants(ButtonVariant.LUMO_ERROR);
            delete.addClickListener(e -> confirmDelete(delete, job));
        }
        return buttons;
    }

    Component forExecution(RunningJob running) {
        if (!canOperate || !running.interruptible()) {
            return new Span();
        }
        HorizontalLayout holder = new HorizontalLayout();
        Button interrupt = icon(VaadinIcon.BAN, "running.interrupt", holder);
        interrupt.addThemeVariants(ButtonVariant.LUMO_ERROR);
        interrupt.addClickListener(
                e -> call(interrupt.getTranslation("running.interrupt"), () -> commands.interrupt(running.fireId())));
        return holder;
    }

    private void confirmDelete(Component source, JobOverview job) {
        ConfirmDialog dialog = new ConfirmDialog();
        dialog.setHeader(source.getTranslation("jobs.delete.confirm.title", job.group() + "." + job.name()));
        dialog.setText(source.getTranslation("jobs.delete.confirm.text"));
        dialog.setCancelable(true);
        dialog.setCancelText(source.getTranslation("common.cancel"));
        dialog.setConfirmText(source.getTranslation("jobs.delete.confirm.button"));
        dialog.setConfirmButtonTheme("error primary");
        dialog.addConfirmListener(
                e -> call(source.getTranslation("jobs.delete"), () -> commands.delete(job.group(), job.name())));
        dialog.open();
    }

    private static Button icon(VaadinIcon icon, String key, HorizontalLayout into) {
        Button button = new Button(icon.create());
        button.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_ICON);
        String label = button.getTranslation(key);
        button.setAriaLabel(label);
        button.setTooltipText(label);
        button.setDisableOnClick(true);
        into.add(button);
        return button;
    }

    private static void call(String what, Supplier<CompletionStage<?>> action) {
        UI ui = UI.getCurrent();
        CompletionStage<?> done;
        try {
            done = action.get();
        } catch (AccessDeniedException | AuthenticationException refused) {
            Notifications.error(ui.getTranslation("access.denied"));
            return;
        }
        done.whenComplete((ok, error) -> ui.access(() -> {
            if (error == null) {
                Notifications.success(ui.getTranslation("action.done", what));
            } else {
                Notifications.error(ui.getTranslation("action.failed", Errors.describe(error)));
            }
        }));
    }
}
