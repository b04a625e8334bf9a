package io.jobdeck.jobs.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.HasLabel;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.HasValue;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.OrderedList;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.radiobutton.RadioGroupVariant;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import com.vaadin.flow.data.value.ValueChangeMode;
import io.jobdeck.jobs.CronPreview;
import io.jobdeck.jobs.FieldProblem;
import io.jobdeck.jobs.JobDefinition;
import io.jobdeck.jobs.JobDefinitionChecks;
import io.jobdeck.jobs.JobDefinitions;
import io.jobdeck.jobs.Misfire;
import io.jobdeck.support.Errors;
import io.jobdeck.ui.Notifications;
import io.jobdeck.ui.UserTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The fields of a job with a cron trigger, shared by the new, edit and copy pages: its type (HTTP, shell command, Java)
 * chooses which {@link TypeFields} show what it does. Every field says what is wrong
 * with it next to it, once it has been touched; the cron field shows, as it is typed, what the expression means, its
 * next fires (in the trigger's zone and the reader's) and where daylight saving changes move them. Secret values come
 * in masked and stay masked; the service puts the stored ones back.
 */
class JobForm extends Composite<VerticalLayout> {

    private final JobDefinitions definitions;
    private final CronPreview preview;

    private final TextField group = new TextField();
    private final TextField name = new TextField();
    private final TextArea description = new TextArea();
    private final Select<JobDefinition.JobType> type = new Select<>();
    /** Each type's fields; the chosen type's show in {@link #what}. */
    private final Map<JobDefinition.JobType, TypeFields> types = new EnumMap<>(JobDefinition.JobType.class);

    private final Div what = new Div();
    private final H3 whatTitle = new H3();
    private final TextField cron = new TextField();
    private final ComboBox<String> zone = new ComboBox<>();
    private final RadioButtonGroup<Misfire> misfire = new RadioButtonGroup<>();

    private final Span cronWords = new Span();
    private final OrderedList fires = new OrderedList();
    private final Span firesTitle = new Span();
    private final Div dst = new Div();

    /** Field name (as the services name it) to the field that shows its problem. */
    private final Map<String, HasValidation> byName = new LinkedHashMap<>();

    private final Set<String> touched = new HashSet<>();

    /** Says that the job changed after the form read it, with a way to start again from its present definition. */
    private final Div conflict = new Div();

    private final Span conflictText = new Span();

    JobForm(JobDefinitions definitions, CronPreview preview) {
        this.definitions = definitions;
        this.preview = preview;

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
        cron.setPlaceholder("0 0/15 * * * ?");
        zone.setItems(ZoneId.getAvailableZoneIds().stream().sorted().toList());
        zone.setValue(UserTime.zone().getId());
        zone.setAllowCustomValue(false);
        misfire.setId("job-misfire");
        misfire.setLabel(getTranslation("job.form.misfire"));
        misfire.setItems(Misfire.values());
        misfire.setValue(Misfire.FIRE_ONCE_NOW);
        misfire.addThemeVariants(RadioGroupVariant.LUMO_VERTICAL);
        misfire.setItemLabelGenerator(m -> getTranslation("misfire." + m + ".label"));
        // Each choice says in one sentence what it does.
        misfire.setRenderer(new ComponentRenderer<>(m -> {
            Span choice = new Span(getTranslation("misfire." + m + ".label"));
            Span help = new Span(getTranslation("misfire." + m + ".help"));
            help.addClassName("jobdeck-hint");
            Div both = new Div(choice, help);
            both.addClassName("jobdeck-choice");
            return both;
        }));

        field(group, "group", "job.form.group");
        field(name, "name", "job.form.name");
        field(description, "description", "job.form.description");
        field(type, JobDefinitionChecks.TYPE, "job.form.type");
        field(cron, "cron", "job.form.cron");
        field(zone, "zone", "job.form.zone");
        cron.setValueChangeMode(ValueChangeMode.TIMEOUT);
        cron.setValueChangeTimeout(200);

        FormLayout job = new FormLayout(group, name, description, type);
        job.setColspan(description, 2);
        FormLayout when = new FormLayout(cron, zone, misfire);
        when.setColspan(misfire, 2);

        cronWords.setId("cron-description");
        cronWords.addClassName("jobdeck-cron-words");
        firesTitle.addClassName("jobdeck-hint");
        fires.setId("cron-fires");
        dst.setId("cron-dst");
        dst.addClassName("jobdeck-cron-dst");

        conflict.setId("job-conflict");
        conflict.addClassName("jobdeck-conflict");
        conflict.getElement().setAttribute("role", "alert");
        Button reload = new Button(
                getTranslation("job.form.conflict.reload"),
                e -> UI.getCurrent().getPage().reload());
        reload.setId("job-conflict-reload");
        reload.addThemeVariants(ButtonVariant.LUMO_SMALL);
        conflict.add(VaadinIcon.WARNING.create(), conflictText, reload);
        conflict.setVisible(false);

        VerticalLayout content = getContent();
        content.setPadding(false);
        content.add(
                conflict,
                job,
                whatTitle,
                what,
                new H3(getTranslation("job.form.schedule")),
                when,
                cronWords,
                firesTitle,
                fires,
                dst);
        showType();
        showPreview();
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
        cron.setValue(definition.cron());
        zone.setValue(definition.zone().getId());
        misfire.setValue(definition.misfire());
        showPreview();
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
                cron.getValue(),
                zone(),
                misfire.getValue() == null ? Misfire.FIRE_ONCE_NOW : misfire.getValue());
    }

    /** Checks every field, touched or not, and shows each problem; true when the definition can be sent. */
    boolean checkAll() {
        touched.addAll(byName.keySet());
        touched.addAll(current().byName().keySet());
        List<FieldProblem> problems = definitions.check(definition(), UserTime.locale());
        showProblems(problems);
        return problems.isEmpty();
    }

    /** Shows problems the server found (a name taken meanwhile, a secret left masked with nothing to stand for). */
    void showProblems(List<FieldProblem> problems) {
        Map<String, String> first = new LinkedHashMap<>();
        problems.forEach(p -> first.putIfAbsent(p.field(), p.message()));
        Map<String, HasValidation> shown = new LinkedHashMap<>(byName);
        shown.putAll(current().byName());
        shown.forEach((field, component) -> {
            String message = touched.contains(field) ? first.get(field) : null;
            component.setErrorMessage(message);
            component.setInvalid(message != null);
        });
    }

    /**
     * Sends the form's definition with {@code action} in the background; once answered (by push) the button is usable
     * again, and either {@code saved} runs, or the refused fields say why, or a banner says the job changed meanwhile
     * (nothing was saved), or a notification says what failed.
     */
    <T> void send(Button button, Function<JobDefinition, CompletionStage<T>> action, Consumer<T> saved) {
        if (!checkAll()) {
            return;
        }
        UI ui = UI.getCurrent();
        button.setEnabled(false);
        conflict.setVisible(false);
        action.apply(definition())
                .whenComplete((result, error) -> ui.access(() -> {
                    button.setEnabled(true);
                    Throwable cause =
                            error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
                    if (cause == null) {
                        saved.accept(result);
                    } else if (cause instanceof JobDefinitions.Refused refused) {
                        showProblems(refused.problems());
                    } else if (cause instanceof JobDefinitions.Changed changed) {
                        conflictText.setText(changed.getMessage());
                        conflict.setVisible(true);
                    } else {
                        Notifications.error(getTranslation("job.form.failed", Errors.describe(cause)));
                    }
                }));
    }

    private <C extends Component & HasValue<?, ?> & HasValidation & HasLabel> void field(
            C component, String field, String label) {
        component.setLabel(getTranslation(label));
        component.setId("job-" + field.replace('.', '-'));
        byName.put(field, component);
        component.addValueChangeListener(e -> changed(field, e.isFromClient()));
    }

    private void changed(String field, boolean fromClient) {
        if (fromClient) {
            touched.add(field);
        }
        if (field.equals("cron") || field.equals("zone")) {
            showPreview();
        }
        showProblems(definitions.check(definition(), UserTime.locale()));
    }

    private ZoneId zone() {
        String id = zone.getValue();
        return id == null ? UserTime.zone() : ZoneId.of(id);
    }

    /** The cron field's preview: words, the next fires, daylight saving notes. Pure computation, bounded. */
    private void showPreview() {
        Locale locale = UserTime.locale();
        ZoneId reader = UserTime.zone();
        CronPreview.Check check = preview.check(cron.getValue(), zone(), reader, null, locale);
        fires.removeAll();
        dst.removeAll();
        cronWords.setText(check.valid() ? check.description() : "");
        firesTitle.setText(check.valid() ? getTranslation("job.form.nextFires", zone().getId()) : "");
        DateTimeFormatter dateTime = DateTimeFormatter.ofPattern(
                DateTimeFormatterBuilder.getLocalizedDateTimePattern(
                        FormatStyle.MEDIUM, FormatStyle.SHORT, IsoChronology.INSTANCE, locale),
                locale);
        DateTimeFormatter time =
                DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT).withLocale(locale);
        DateTimeFormatter weekday = DateTimeFormatter.ofPattern("EEE", locale);
        for (CronPreview.Fire fire : check.fires()) {
            String text = weekday.format(fire.at()) + ", " + dateTime.format(fire.at());
            ZonedDateTime mine = fire.inReaderZone();
            if (mine != null) {
                String there = mine.toLocalDate().equals(fire.at().toLocalDate())
                        ? time.format(mine)
                        : weekday.format(mine) + ", " + dateTime.format(mine);
                text += " · " + getTranslation("job.form.yourTime", there, reader.getId());
            }
            fires.add(new ListItem(text));
        }
        check.dst().forEach(note -> {
            Paragraph warning = new Paragraph(VaadinIcon.WARNING.create(), new Span(note.message()));
            dst.add(warning);
        });
    }
}
