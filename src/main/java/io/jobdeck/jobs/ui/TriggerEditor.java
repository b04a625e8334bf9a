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
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.OrderedList;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.radiobutton.RadioGroupVariant;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.binder.Binder;
import com.vaadin.flow.data.value.ValueChangeMode;
import io.jobdeck.jobs.CronPreview;
import io.jobdeck.jobs.JobDefinitionChecks;
import io.jobdeck.jobs.JobDefinitions;
import io.jobdeck.jobs.Misfire;
import io.jobdeck.jobs.TriggerDefinition;
import io.jobdeck.ui.ConstraintBinder;
import io.jobdeck.ui.UserTime;
import jakarta.validation.Validator;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.FormatStyle;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * One trigger in the job form: cron, a fixed interval or once, in a time zone, between optional start and end, with
 * its priority, missed-fire choice and calendar. As it is edited it shows what it means in words, its next fires (in
 * its zone and the reader's, its calendar applied) and the daylight saving changes a cron expression meets. Its fields
 * report their problems through the form, under the names the services give them ({@code cron} for the first
 * trigger's, {@code trigger.1.cron} for the second's).
 */
class TriggerEditor extends Composite<Div> {

    private static final List<ChronoUnit> UNITS =
            List.of(ChronoUnit.SECONDS, ChronoUnit.MINUTES, ChronoUnit.HOURS, ChronoUnit.DAYS);

    private final JobDefinitions definitions;
    private final CronPreview preview;
    private final int index;
    private String name = "";

    private final RadioButtonGroup<TriggerDefinition.Kind> kind = new RadioButtonGroup<>();
    private final TextField cron = new TextField();
    private final IntegerField every = new IntegerField();
    private final Select<ChronoUnit> unit = new Select<>();
    private final IntegerField times = new IntegerField();
    private final DateTimePicker at = new DateTimePicker();
    private final ComboBox<String> zone = new ComboBox<>();
    private final DateTimePicker start = new DateTimePicker();
    private final DateTimePicker end = new DateTimePicker();
    private final IntegerField priority = new IntegerField();
    private final Select<String> calendar = new Select<>();
    private final RadioButtonGroup<Misfire> misfire = new RadioButtonGroup<>();

    private final Span words = new Span();
    private final Span firesTitle = new Span();
    private final OrderedList fires = new OrderedList();
    private final Div dst = new Div();

    /** The fields with rules of their own, each checked by its property's constraints as it changes. */
    private final ConstraintBinder<TriggerDefinition> binder;

    /** Counts previews asked for, so that a late answer does not overwrite a newer one. */
    private int previews;

    TriggerEditor(
            JobForm form,
            JobDefinitions definitions,
            CronPreview preview,
            Validator validator,
            int index,
            Runnable remove) {
        this.definitions = definitions;
        this.preview = preview;
        this.index = index;
        this.binder = new ConstraintBinder<>(TriggerDefinition.class, validator);

        kind.setItems(TriggerDefinition.Kind.values());
        kind.setItemLabelGenerator(k -> getTranslation("trigger.kind." + k));
        kind.setValue(TriggerDefinition.Kind.CRON);
        cron.setPlaceholder("0 0/15 * * * ?");
        cron.setValueChangeMode(ValueChangeMode.TIMEOUT);
        cron.setValueChangeTimeout(200);
        every.setStepButtonsVisible(true);
        unit.setItems(UNITS);
        unit.setItemLabelGenerator(u -> getTranslation("trigger.unit." + u.name()));
        unit.setValue(ChronoUnit.MINUTES);
        unit.setId(id("job-every-unit"));
        unit.setAriaLabel(getTranslation("trigger.unit"));
        times.setPlaceholder(getTranslation("trigger.times.forever"));
        zone.setItems(ZoneId.getAvailableZoneIds().stream().sorted().toList());
        zone.setValue(UserTime.zone().getId());
        zone.setAllowCustomValue(false);
        priority.setStepButtonsVisible(true);
        priority.setValue(TriggerDefinition.DEFAULT_PRIORITY);
        priority.setHelperText(getTranslation("trigger.priority.help"));
        calendar.setItems("");
        calendar.setValue("");
        calendar.setEmptySelectionAllowed(false);
        calendar.setItemLabelGenerator(c -> c.isEmpty() ? getTranslation("trigger.calendar.none") : c);
        misfire.setLabel(getTranslation("job.form.misfire"));
        misfire.setId(id("job-misfire"));
        misfire.setItems(Misfire.values());
        misfire.setValue(Misfire.FIRE_ONCE_NOW);
        misfire.addThemeVariants(RadioGroupVariant.LUMO_VERTICAL);
        misfire.setItemLabelGenerator(m -> getTranslation("misfire." + m + ".label"));
        // Each choice says in one sentence what it does.
        misfire.setRenderer(ChoiceWithHelp.renderer(
                m -> getTranslation("misfire." + m + ".label"), m -> getTranslation("misfire." + m + ".help")));

        field(form, kind, "kind", "trigger.kind");
        field(form, cron, "cron", "job.form.cron");
        field(form, every, "every", "trigger.every");
        field(form, times, "times", "trigger.times");
        field(form, at, "at", "trigger.at");
        field(form, zone, "zone", "job.form.zone");
        field(form, start, "start", "trigger.start");
        field(form, end, "end", "trigger.end");
        field(form, priority, "priority", "trigger.priority");
        field(form, calendar, "calendar", "trigger.calendar");
        // Their own rules (a length of at least a second, a priority from 1 to 10) are their properties' constraints.
        Binder.Binding<TriggerDefinition, @Nullable Duration> everyBinding = binder.forField(every)
                .withConverter(this::interval, d -> d == null ? null : (int) (d.toSeconds() / unitSeconds()))
                .bind("every");
        binder.forField(times).bind("times");
        binder.forField(priority).bind("priority");
        List.of("every", "times", "priority").forEach(f -> form.bound(JobDefinitionChecks.triggerField(index, f)));
        unit.addValueChangeListener(e -> {
            everyBinding.validate();
            form.changed();
        });
        misfire.addValueChangeListener(e -> form.changed());

        H4 title = new H4(getTranslation("trigger.title", index + 1));
        Button removeButton = new Button(VaadinIcon.TRASH.create(), e -> remove.run());
        removeButton.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
        removeButton.setAriaLabel(getTranslation("trigger.remove", index + 1));
        removeButton.setTooltipText(getTranslation("trigger.remove", index + 1));
        removeButton.setId(id("job-trigger-remove"));
        HorizontalLayout header = new HorizontalLayout(title, removeButton);
        header.setAlignItems(HorizontalLayout.Alignment.BASELINE);

        HorizontalLayout interval = new HorizontalLayout(every, unit);
        interval.setAlignItems(HorizontalLayout.Alignment.BASELINE);
        interval.setSpacing(true);
        FormLayout fields = new FormLayout(kind, cron, interval, times, at, zone, start, end, priority, calendar);
        fields.setColspan(kind, 2);
        FormLayout more = new FormLayout(misfire);

        words.setId(id("cron-description"));
        words.addClassName("jobdeck-cron-words");
        firesTitle.addClassName("jobdeck-hint");
        fires.setId(id("cron-fires"));
        dst.setId(id("cron-dst"));
        dst.addClassName("jobdeck-cron-dst");

        Div card = getContent();
        card.addClassName("jobdeck-trigger");
        card.setId(id("job-trigger"));
        card.add(header, fields, more, words, firesTitle, fires, dst);
        kind.addValueChangeListener(e -> showKind());
        showKind();
    }

    private String id(String base) {
        return index == 0 ? base : "trigger-" + index + "-" + base;
    }

    private <C extends Component & HasValue<?, ?> & HasValidation & HasLabel> void field(
            JobForm form, C component, String field, String label) {
        form.field(component, JobDefinitionChecks.triggerField(index, field), label);
        component.addValueChangeListener(e -> showPreview());
    }

    /** Only the fields of the chosen kind show. */
    private void showKind() {
        TriggerDefinition.Kind chosen = kind.getValue();
        cron.setVisible(chosen == TriggerDefinition.Kind.CRON);
        every.getParent().ifPresent(p -> p.setVisible(chosen == TriggerDefinition.Kind.INTERVAL));
        times.setVisible(chosen == TriggerDefinition.Kind.INTERVAL);
        at.setVisible(chosen == TriggerDefinition.Kind.ONCE);
        start.setVisible(chosen != TriggerDefinition.Kind.ONCE);
        end.setVisible(chosen != TriggerDefinition.Kind.ONCE);
    }

    /** The calendars a trigger may use (and the one it has, should it have gone meanwhile). */
    void calendars(List<String> names) {
        String chosen = calendar.getValue() == null ? "" : calendar.getValue();
        java.util.LinkedHashSet<String> items = new java.util.LinkedHashSet<>();
        items.add("");
        items.addAll(names);
        items.add(chosen);
        calendar.setItems(List.copyOf(items));
        calendar.setValue(chosen);
    }

    void fill(TriggerDefinition trigger) {
        name = trigger.name();
        kind.setValue(trigger.kind());
        cron.setValue(trigger.cron());
        Duration interval = trigger.every();
        if (interval != null) {
            ChronoUnit largest = ChronoUnit.SECONDS;
            for (ChronoUnit u : UNITS) {
                if (interval.toSeconds() % u.getDuration().toSeconds() == 0) {
                    largest = u;
                }
            }
            every.setValue((int) (interval.toSeconds() / largest.getDuration().toSeconds()));
            unit.setValue(largest);
        }
        times.setValue(trigger.times());
        at.setValue(trigger.at());
        zone.setValue(trigger.zone().getId());
        start.setValue(trigger.start());
        end.setValue(trigger.end());
        priority.setValue(trigger.priority());
        calendars(List.of(trigger.calendar()));
        calendar.setValue(trigger.calendar());
        misfire.setValue(trigger.misfire());
        showKind();
        showPreview();
    }

    /** What the fields say now, as a trigger. */
    TriggerDefinition trigger() {
        return new TriggerDefinition(
                name,
                kind.getValue() == null ? TriggerDefinition.Kind.CRON : kind.getValue(),
                cron.getValue(),
                interval(every.getValue()),
                times.getValue(),
                at.getValue(),
                zone(),
                start.getValue(),
                end.getValue(),
                priority.getValue() == null ? TriggerDefinition.DEFAULT_PRIORITY : priority.getValue(),
                misfire.getValue() == null ? Misfire.FIRE_ONCE_NOW : misfire.getValue(),
                calendar.getValue() == null ? "" : calendar.getValue());
    }

    /** Shows the problems of the fields with rules of their own, touched or not. */
    void validate() {
        binder.validate();
    }

    private @Nullable Duration interval(@Nullable Integer amount) {
        return amount == null ? null : Duration.ofSeconds(unitSeconds()).multipliedBy(amount);
    }

    private long unitSeconds() {
        return (unit.getValue() == null ? ChronoUnit.MINUTES : unit.getValue())
                .getDuration()
                .toSeconds();
    }

    private ZoneId zone() {
        String id = zone.getValue();
        return id == null ? UserTime.zone() : ZoneId.of(id);
    }

    /**
     * Words, next fires and daylight saving notes. Without a calendar it is pure computation, done at once; a calendar
     * must be read from the store, so then the preview is computed in the background and arrives by push.
     */
    void showPreview() {
        TriggerDefinition trigger = trigger();
        Locale locale = UserTime.locale();
        ZoneId reader = UserTime.zone();
        int asked = ++previews;
        if (trigger.calendar().isEmpty()) {
            show(preview.check(trigger, reader, null, locale), trigger.zone());
            return;
        }
        UI ui = UI.getCurrent();
        definitions
                .readPreview(trigger, reader, locale)
                .whenComplete((check, error) -> ui.access(() -> {
                    if (asked == previews && check != null) {
                        show(check, trigger.zone());
                    }
                }));
    }

    private void show(CronPreview.TriggerCheck check, ZoneId triggerZone) {
        Locale locale = UserTime.locale();
        ZoneId reader = UserTime.zone();
        fires.removeAll();
        dst.removeAll();
        words.setText(check.valid() ? check.description() : "");
        firesTitle.setText(check.valid() ? getTranslation("job.form.nextFires", triggerZone.getId()) : "");
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
        check.dst().forEach(note -> dst.add(new Paragraph(VaadinIcon.WARNING.create(), new Span(note.message()))));
    }
}
