package io.jobdeck.jobs.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.HasLabel;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.HasValue;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import io.jobdeck.jobs.CronPreview;
import io.jobdeck.jobs.FieldProblem;
import io.jobdeck.jobs.JobDefinition;
import io.jobdeck.jobs.JobDefinitionChecks;
import io.jobdeck.jobs.JobDefinitions;
import io.jobdeck.jobs.Misfire;
import io.jobdeck.jobs.TriggerDefinition;
import io.jobdeck.ui.ConstraintBinder;
import io.jobdeck.ui.UserTime;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The job form, shared by the new, edit and copy pages: the job's key and description, its type (HTTP, shell, Java)
 * with that type's fields, its triggers, each with its own preview ({@link TriggerEditor}), and its retries
 * ({@link RetryFields}). Every field says what is
 * wrong with it next to it, once it has been touched: a field with rules of its own by its property's Bean Validation
 * constraints through a {@link ConstraintBinder}, the others (the type's properties, what joins a trigger's fields) by
 * the service's checks of the whole definition. Secret values come in masked and stay masked; the service puts the
 * stored ones back.
 */
class JobForm extends Composite<VerticalLayout> {

    /** The first trigger's fields, named as the services name them (see {@link JobDefinitionChecks#triggerField}). */
    private static final Set<String> TRIGGER_FIELDS =
            Set.of("kind", "cron", "every", "times", "at", "zone", "start", "end", "priority", "calendar");

    private final JobDefinitions definitions;
    private final CronPreview preview;
    private final Validator validator;
    /** The job's own fields, each checked by its property's constraints as it changes. */
    private final ConstraintBinder<JobDefinition> binder;

    private final TextField group = new TextField();
    private final TextField name = new TextField();
    private final TextArea description = new TextArea();
    private final Select<JobDefinition.JobType> type = new Select<>();
    /** Each type's fields; the chosen type's show in {@link #what}. */
    private final Map<JobDefinition.JobType, TypeFields> types = new EnumMap<>(JobDefinition.JobType.class);

    private final Div what = new Div();
    private final H3 whatTitle = new H3();

    /** The job's triggers, each with its preview; none for a job that runs only when someone runs it. */
    private final List<TriggerEditor> triggers = new ArrayList<>();

    private final Div triggerList = new Div();
    private final Button addTrigger = new Button();
    private final Paragraph noTrigger = new Paragraph();
    private List<String> calendars = List.of();

    /** What the job does when a run fails. */
    private final RetryFields retry;

    /** Whether a run cut short by its node's death runs again on another node (a cluster's failover). */
    private final Checkbox rerunIfNodeDies = new Checkbox();

    /** The fields by the names the services give their problems (the type's fields are {@link TypeFields}'). */
    private final FieldErrors errors = new FieldErrors();

    /** Says that the job changed after the form read it, with a way to start again from its present definition. */
    private final ConflictBanner conflict = new ConflictBanner("job-conflict");

    JobForm(JobDefinitions definitions, CronPreview preview, Validator validator) {
        this.definitions = definitions;
        this.preview = preview;
        this.validator = validator;
        this.binder = new ConstraintBinder<>(JobDefinition.class, validator);

        group.setValue("default");
        for (TypeFields fields :
                List.of(new HttpFields(), new ShellFields(), new JavaJobFields(definitions.javaJobs()))) {
            types.put(fields.type(), fields);
            fields.onChange(this::changed);
        }
        type.setItems(definitions.offeredTypes());
        type.setItemLabelGenerator(t -> getTranslation("job.form.type." + t));
        type.setValue(JobDefinition.JobType.HTTP);
        type.addValueChangeListener(e -> showType());

        field(group, "group", "job.form.group");
        field(name, "name", "job.form.name");
        field(description, "description", "job.form.description");
        field(type, JobDefinitionChecks.TYPE, "job.form.type");
        binder.bindText(group, "group");
        binder.bindText(name, "name");
        binder.bindText(description, "description");
        List.of("group", "name", "description").forEach(errors::bound);

        FormLayout job = new FormLayout(group, name, description, type);
        job.setColspan(description, 2);
        triggerList.setId("job-triggers");
        addTrigger.setText(getTranslation("trigger.add"));
        addTrigger.setIcon(VaadinIcon.PLUS.create());
        addTrigger.setId("job-add-trigger");
        addTrigger.addClickListener(e -> {
            List<TriggerDefinition> now = triggerDefinitions();
            now.add(TriggerDefinition.cron("", UserTime.zone(), Misfire.FIRE_ONCE_NOW));
            showTriggers(now);
        });
        noTrigger.setText(getTranslation("trigger.none"));
        noTrigger.addClassName("jobdeck-hint");
        noTrigger.setId("job-no-trigger");
        retry = new RetryFields(this, validator);
        retry.setId("job-retry");
        rerunIfNodeDies.setId("job-rerun-if-node-dies");
        rerunIfNodeDies.setLabel(getTranslation("job.form.rerunIfNodeDies"));
        rerunIfNodeDies.setHelperText(getTranslation("job.form.rerunIfNodeDies.help"));

        VerticalLayout content = getContent();
        content.setPadding(false);
        content.add(
                conflict,
                job,
                whatTitle,
                what,
                new H3(getTranslation("job.form.schedule")),
                noTrigger,
                triggerList,
                addTrigger,
                new H3(getTranslation("job.form.retry")),
                retry,
                rerunIfNodeDies);
        showType();
        showTriggers(new ArrayList<>(List.of(TriggerDefinition.cron("", UserTime.zone(), Misfire.FIRE_ONCE_NOW))));
        UI ui = UI.getCurrent();
        definitions
                .listCalendars()
                .thenAccept(names -> ui.access(() -> {
                    calendars = names;
                    triggers.forEach(t -> t.calendars(names));
                }));
    }

    private List<TriggerDefinition> triggerDefinitions() {
        return new ArrayList<>(triggers.stream().map(TriggerEditor::trigger).toList());
    }

    /** Builds one editor per trigger (again, after one was added or removed: the fields' names follow the order). */
    private void showTriggers(List<TriggerDefinition> shown) {
        triggers.clear();
        triggerList.removeAll();
        errors.forget(field -> field.startsWith("trigger.") || TRIGGER_FIELDS.contains(field));
        for (int i = 0; i < shown.size(); i++) {
            int index = i;
            TriggerEditor editor = new TriggerEditor(this, definitions, preview, validator, i, () -> {
                List<TriggerDefinition> left = triggerDefinitions();
                left.remove(index);
                showTriggers(left);
            });
            editor.fill(shown.get(i));
            editor.calendars(calendars); // after fill, which offers the trigger's own calendar only
            triggers.add(editor);
            triggerList.add(editor);
        }
        addTrigger.setEnabled(shown.size() < JobDefinition.MAX_TRIGGERS);
        noTrigger.setVisible(shown.isEmpty());
        changed();
    }

    private TypeFields current() {
        JobDefinition.JobType chosen = type.getValue() == null ? JobDefinition.JobType.HTTP : type.getValue();
        return Objects.requireNonNull(types.get(chosen), "every type has its fields");
    }

    /** Shows the chosen type's fields in place of the others. */
    private void showType() {
        TypeFields fields = current();
        whatTitle.setText(getTranslation(fields.title()));
        what.removeAll();
        what.add(fields);
    }

    /** Shows a stored definition (its secrets masked); with {@code keyFixed}, its group and name cannot change. */
    void fill(JobDefinition definition, boolean keyFixed) {
        Map<String, String> data = definition.data();
        group.setValue(definition.group());
        name.setValue(definition.name());
        group.setReadOnly(keyFixed);
        name.setReadOnly(keyFixed);
        description.setValue(definition.description());
        if (!definitions.offeredTypes().contains(definition.type())) {
            // A type switched off since: shown as it is, and refused at the type field if saved so.
            List<JobDefinition.JobType> items = new ArrayList<>(definitions.offeredTypes());
            items.add(definition.type());
            type.setItems(items);
        }
        type.setValue(definition.type());
        current().fill(data);
        retry.fill(definition.retry());
        rerunIfNodeDies.setValue(definition.rerunIfNodeDies());
        showTriggers(new ArrayList<>(definition.triggers()));
    }

    /** What the fields say now, as a definition. */
    JobDefinition definition() {
        TypeFields fields = current();
        return new JobDefinition(
                group.getValue().strip(),
                name.getValue().strip(),
                description.getValue().strip(),
                fields.type(),
                fields.data(),
                triggerDefinitions(),
                retry.policy(),
                rerunIfNodeDies.getValue());
    }

    /** Checks every field, touched or not, and shows each problem; true when the definition can be sent. */
    boolean checkAll() {
        errors.touchAll(current().byName().keySet());
        binder.validate();
        triggers.forEach(TriggerEditor::validate);
        retry.validate();
        List<FieldProblem> problems = definitions.check(definition(), UserTime.locale());
        errors.show(problems, false, current().byName());
        return problems.isEmpty();
    }

    /** Says that a binder shows the problems of {@code field}'s own rules as it changes. */
    void bound(String field) {
        errors.bound(field);
    }

    /**
     * Sends the form's definition with {@code action} in the background; once answered (by push) the button is usable
     * again, and either {@code saved} runs, or the refused fields say why, or a banner says the job changed meanwhile
     * (nothing was saved), or a notification says what failed.
     */
    <T> void send(Button button, Function<JobDefinition, CompletionStage<T>> action, Consumer<T> saved) {
        if (checkAll()) {
            FieldErrors.send(
                    button,
                    conflict,
                    action.apply(definition()),
                    saved,
                    problems -> errors.show(problems, true, current().byName()),
                    "job.form.failed");
        }
    }

    /** Registers a field: its label, id, and the problems found under its name show on it once it was touched. */
    <C extends Component & HasValue<?, ?> & HasValidation & HasLabel> void field(
            C component, String field, String label) {
        component.setLabel(getTranslation(label));
        component.setId("job-" + field.replace('.', '-'));
        errors.add(field, component);
        component.addValueChangeListener(e -> changed(field, e.isFromClient()));
    }

    private void changed(String field, boolean fromClient) {
        if (fromClient) {
            errors.touched(field);
        }
        changed();
    }

    /** Checks the form again as it is now. */
    void changed() {
        errors.show(
                definitions.check(definition(), UserTime.locale()),
                false,
                current().byName());
    }
}
