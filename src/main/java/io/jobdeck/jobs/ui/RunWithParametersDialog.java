package io.jobdeck.jobs.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.data.value.ValueChangeMode;
import io.jobdeck.jobs.JobCommands;
import io.jobdeck.jobs.RunParameters;
import io.jobdeck.support.Errors;
import io.jobdeck.ui.Notifications;
import java.util.concurrent.CompletionException;

/**
 * Run now with one-off parameters, one {@code name=value} per line: checked as they are typed, with the problem next
 * to the field; the run's own refusal (a name that is part of the job's definition) shows there too, and the dialog
 * stays open until the run is given.
 */
class RunWithParametersDialog extends Dialog {

    private final TextArea parameters = new TextArea();

    RunWithParametersDialog(JobCommands commands, String group, String name) {
        setId("run-parameters-dialog");
        setHeaderTitle(getTranslation("job.run.title", group + "." + name));
        parameters.setId("run-parameters");
        parameters.setLabel(getTranslation("job.run.parameters"));
        parameters.setHelperText(getTranslation("job.run.parameters.help"));
        parameters.setPlaceholder("date=2026-12-01\nfull=true");
        parameters.setWidth("32rem");
        parameters.setValueChangeMode(ValueChangeMode.LAZY);
        parameters.addValueChangeListener(e -> show(RunParameters.parse(parameters.getValue())));
        add(parameters);

        Button cancel = new Button(getTranslation("common.cancel"), e -> close());
        Button run = new Button(getTranslation("jobs.runNow"));
        run.setId("run-parameters-run");
        run.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        run.addClickListener(e -> {
            RunParameters.Parsed parsed = RunParameters.parse(parameters.getValue());
            if (!show(parsed)) {
                return;
            }
            UI ui = UI.getCurrent();
            String what = getTranslation("jobs.runNow");
            run.setEnabled(false);
            commands.runNow(group, name, parsed.values())
                    .whenComplete((outcome, error) -> ui.access(() -> {
                        run.setEnabled(true);
                        if (error == null) {
                            close();
                            Notifications.success(getTranslation(outcome.messageKey(), what));
                        } else {
                            Throwable cause = error instanceof CompletionException && error.getCause() != null
                                    ? error.getCause()
                                    : error;
                            parameters.setErrorMessage(Errors.describe(cause));
                            parameters.setInvalid(true);
                        }
                    }));
        });
        getFooter().add(cancel, run);
    }

    /** Shows the first problem next to the field; true when there is none. */
    private boolean show(RunParameters.Parsed parsed) {
        if (parsed.problems().isEmpty()) {
            parameters.setInvalid(false);
            return true;
        }
        RunParameters.Problem first = parsed.problems().getFirst();
        parameters.setErrorMessage(
                getTranslation("run.problem." + first.code(), first.args().toArray()));
        parameters.setInvalid(true);
        return false;
    }
}
