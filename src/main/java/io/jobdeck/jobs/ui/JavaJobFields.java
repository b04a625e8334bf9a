package io.jobdeck.jobs.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasValue;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.textfield.TextFieldBase;
import io.jobdeck.jobs.JobDefinition;
import io.jobdeck.jobs.JobParameter;
import io.jobdeck.jobs.SelectableJob;
import io.jobdeck.jobs.java.JavaJobKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Java job's fields: which of the application's jobs, then one field per parameter it declares, of the kind its type
 * asks for (a checkbox for a boolean, a password field for a secret), with its help text under it.
 */
class JavaJobFields extends TypeFields {

    private final Map<String, SelectableJob> jobs = new LinkedHashMap<>();
    private final Select<String> job = new Select<>();
    private final FormLayout parameters = new FormLayout();
    /** The fields of the chosen job's parameters, by parameter name. */
    private final Map<String, HasValue<?, ?>> values = new LinkedHashMap<>();

    JavaJobFields(List<SelectableJob> offered) {
        offered.forEach(j -> jobs.put(j.id(), j));
        job.setItems(jobs.keySet());
        job.setItemLabelGenerator(id -> jobs.containsKey(id) ? jobs.get(id).title() : id);
        job.setEmptySelectionAllowed(false);
        if (jobs.isEmpty()) {
            job.setHelperText(getTranslation("job.form.java.none"));
        }
        field(job, JavaJobKind.JOB, getTranslation("job.form.java.job"));
        job.addValueChangeListener(e -> showParameters());
        getContent().add(job, parameters);
        getContent().setColspan(parameters, 2);
    }

    @Override
    JobDefinition.JobType type() {
        return JobDefinition.JobType.JAVA;
    }

    @Override
    String title() {
        return "job.form.java";
    }

    @Override
    Map<String, String> data() {
        Map<String, String> data = new LinkedHashMap<>();
        data.put(JavaJobKind.JOB, job.getValue() == null ? "" : job.getValue());
        values.forEach((name, field) -> data.put(name, String.valueOf(field.getValue())));
        return data;
    }

    @Override
    void fill(Map<String, String> data) {
        String id = data.getOrDefault(JavaJobKind.JOB, "");
        job.setValue(jobs.containsKey(id) ? id : null);
        values.forEach((name, field) -> {
            String value = data.getOrDefault(name, "");
            if (field instanceof Checkbox box) {
                box.setValue(Boolean.parseBoolean(value));
            } else if (field instanceof TextField text) {
                text.setValue(value);
                maskNote(text);
            } else if (field instanceof PasswordField secret) {
                secret.setValue(value);
                maskNote(secret);
            }
        });
    }

    /** The chosen job's parameters as fields, each starting at its default. */
    private void showParameters() {
        values.keySet().forEach(name -> drop(JavaJobKind.field(name)));
        values.clear();
        parameters.removeAll();
        SelectableJob chosen = job.getValue() == null ? null : jobs.get(job.getValue());
        if (chosen == null) {
            return;
        }
        chosen.parameters().forEach(p -> parameters.add(parameterField(p)));
    }

    private Component parameterField(JobParameter p) {
        String name = JavaJobKind.field(p.name());
        if (p.type() == JobParameter.Type.BOOLEAN) {
            Checkbox box = field(new Checkbox(), name, p.name());
            box.setValue(Boolean.parseBoolean(p.defaultValue()));
            box.setHelperText(p.help().isEmpty() ? null : p.help());
            values.put(p.name(), box);
            return box;
        }
        if (p.secret()) {
            PasswordField secret = field(new PasswordField(), name, p.name());
            text(secret, p);
            values.put(p.name(), secret);
            return secret;
        }
        TextField text = field(new TextField(), name, p.name());
        text(text, p);
        switch (p.type()) {
            case INTEGER -> text.setAllowedCharPattern("[-0-9]");
            case DURATION -> text.setPlaceholder("PT30S");
            default -> {}
        }
        values.put(p.name(), text);
        return text;
    }

    private static void text(TextFieldBase<?, String> field, JobParameter p) {
        field.setValue(p.defaultValue());
        field.setHelperText(p.help().isEmpty() ? null : p.help());
        field.setRequiredIndicatorVisible(p.required());
    }
}
