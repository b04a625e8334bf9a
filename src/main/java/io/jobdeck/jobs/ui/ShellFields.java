package io.jobdeck.jobs.ui;

import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import io.jobdeck.jobs.JobDefinition;
import io.jobdeck.jobs.shell.ShellJobSpec;
import java.util.Map;

/** A shell command's fields: the command and its arguments one per line, directory, environment, timeout. */
class ShellFields extends TypeFields {

    private final TextArea command = new TextArea();
    private final TextField directory = new TextField();
    private final TextArea environment = new TextArea();
    private final TextField secretEnvironment = new TextField();
    private final TextField timeout = new TextField();

    ShellFields() {
        command.setPlaceholder("sh\n-c\necho \"$HOME\"");
        command.setHelperText(getTranslation("job.form.shell.command.help"));
        directory.setPlaceholder("/srv/app");
        directory.setHelperText(getTranslation("job.form.shell.directory.help"));
        environment.setPlaceholder("LANG=C.UTF-8\nTOKEN=…");
        secretEnvironment.setHelperText(getTranslation("job.form.shell.secretEnvironment.help"));
        timeout.setPlaceholder("600");
        text(command, ShellJobSpec.COMMAND, getTranslation("job.form.shell.command"));
        text(directory, ShellJobSpec.DIRECTORY, getTranslation("job.form.shell.directory"));
        text(environment, ShellJobSpec.ENVIRONMENT, getTranslation("job.form.shell.environment"));
        text(secretEnvironment, ShellJobSpec.SECRET_ENVIRONMENT, getTranslation("job.form.shell.secretEnvironment"));
        text(timeout, ShellJobSpec.TIMEOUT, getTranslation("job.form.shell.timeout"));
        FormLayout fields = getContent();
        fields.add(command, directory, timeout, environment, secretEnvironment);
        fields.setColspan(command, 2);
        fields.setColspan(environment, 2);
    }

    @Override
    JobDefinition.JobType type() {
        return JobDefinition.JobType.SHELL;
    }

    @Override
    String title() {
        return "job.form.shell";
    }

    @Override
    Map<String, String> data() {
        return texts();
    }

    @Override
    void fill(Map<String, String> data) {
        fillTexts(data);
        maskNote(environment);
    }
}
