package io.jobdeck.jobs.ui;

import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import io.jobdeck.jobs.JobDefinition;
import io.jobdeck.jobs.shell.ShellJobSpec;
import java.util.LinkedHashMap;
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
        field(command, ShellJobSpec.COMMAND, getTranslation("job.form.shell.command"));
        field(directory, ShellJobSpec.DIRECTORY, getTranslation("job.form.shell.directory"));
        field(environment, ShellJobSpec.ENVIRONMENT, getTranslation("job.form.shell.environment"));
        field(secretEnvironment, ShellJobSpec.SECRET_ENVIRONMENT, getTranslation("job.form.shell.secretEnvironment"));
        field(timeout, ShellJobSpec.TIMEOUT, getTranslation("job.form.shell.timeout"));
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
        Map<String, String> data = new LinkedHashMap<>();
        data.put(ShellJobSpec.COMMAND, command.getValue());
        data.put(ShellJobSpec.DIRECTORY, directory.getValue());
        data.put(ShellJobSpec.ENVIRONMENT, environment.getValue());
        data.put(ShellJobSpec.SECRET_ENVIRONMENT, secretEnvironment.getValue());
        data.put(ShellJobSpec.TIMEOUT, timeout.getValue());
        return data;
    }

    @Override
    void fill(Map<String, String> data) {
        command.setValue(data.getOrDefault(ShellJobSpec.COMMAND, ""));
        directory.setValue(data.getOrDefault(ShellJobSpec.DIRECTORY, ""));
        environment.setValue(data.getOrDefault(ShellJobSpec.ENVIRONMENT, ""));
        secretEnvironment.setValue(data.getOrDefault(ShellJobSpec.SECRET_ENVIRONMENT, ""));
        timeout.setValue(data.getOrDefault(ShellJobSpec.TIMEOUT, ""));
        maskNote(environment);
    }
}
