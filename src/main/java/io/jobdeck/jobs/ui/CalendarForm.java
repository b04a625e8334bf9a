package io.jobdeck.jobs.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.HasLabel;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.HasValue;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import io.jobdeck.jobs.CalendarDraft;
import io.jobdeck.jobs.CronPreview;
import io.jobdeck.jobs.FieldProblem;
import io.jobdeck.jobs.JobCalendar;
import io.jobdeck.jobs.JobCalendarChecks;
import io.jobdeck.jobs.JobCalendars;
import io.jobdeck.ui.ConstraintBinder;
import io.jobdeck.ui.UserTime;
import jakarta.validation.Validator;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The fields of a calendar, shared by the new and edit pages: its kind chooses which fields show. Every field says what
 * is wrong with it next to it once touched (the name and description by their constraints, through a
 * {@link ConstraintBinder}; the others by the service's checks), and the preview below says, as the user types, what the calendar would
 * exclude in the coming days (computed on the server, bounded).
 */
class CalendarForm extends Composite<VerticalLayout> {

    private final JobCalendars calendars;

    private final TextField name = new TextField();
    private final TextArea description = new TextArea();
    private final RadioButtonGroup<JobCalendar.Kind> kind = new RadioButtonGroup<>();
    private final ComboBox<String> zone = new ComboBox<>();
    private final TextArea dates = new TextArea();
    private final TextField from = new TextField();
    private final TextField to = new TextField();
    private final Checkbox onlyWithin = new Checkbox();
    private final TextField cron = new TextField();

    private final Span previewTitle = new Span();
    private final UnorderedList previewSpans = new UnorderedList();
    private final Paragraph previewNote = new Paragraph();

    /** The fields by the names the service gives their problems. */
    private final FieldErrors errors = new FieldErrors();

    private final ConflictBanner conflict = new ConflictBanner("calendar-conflict");

    CalendarForm(JobCalendars calendars, Validator validator) {
        this.calendars = calendars;

        kind.setItems(JobCalendar.Kind.values());
        kind.setValue(JobCalendar.Kind.HOLIDAYS);
        kind.setItemLabelGenerator(k -> getTranslation("calendar.kind." + k));
        kind.setLabel(getTranslation("calendar.form.kind"));
        kind.setId("calendar-kind");
        kind.addValueChangeListener(e -> {
            showKind();
            refresh();
        });
        zone.setItems(ZoneId.getAvailableZoneIds().stream().sorted().toList());
        zone.setValue(UserTime.zone().getId());
        zone.setAllowCustomValue(false);
        dates.setPlaceholder("2026-12-25\n2026-12-26");
        dates.setMaxLength(JobCalendarChecks.MAX_DATES_TEXT);
        dates.setHelperText(getTranslation("calendar.form.dates.help"));
        from.setPlaceholder("22:00");
        to.setPlaceholder("06:00");
        to.setHelperText(getTranslation("calendar.form.times.help"));
        cron.setPlaceholder("* * 0-5 ? * *");
        cron.setMaxLength(CronPreview.MAX_LENGTH);
        cron.setHelperText(getTranslation("calendar.form.cron.help"));
        onlyWithin.setLabel(getTranslation("calendar.form.onlyWithin"));
        onlyWithin.setId("calendar-only-within");
        onlyWithin.addValueChangeListener(e -> refresh());

        field(name, "name", "calendar.form.name");
        field(description, "description", "calendar.form.description");
        field(zone, "zone", "calendar.form.zone");
        field(dates, "dates", "calendar.form.dates");
        field(from, "from", "calendar.form.from");
        field(to, "to", "calendar.form.to");
        field(cron, "cron", "calendar.form.cron");
        // The name's and description's own rules are their properties' constraints, checked as they are typed.
        ConstraintBinder<CalendarDraft> binder = new ConstraintBinder<>(CalendarDraft.class, validator);
        binder.bindText(name, "name");
        binder.bindText(description, "description");
        List.of("name", "description").forEach(errors::bound);
        for (var typed : List.of(dates, cron)) {
            typed.setValueChangeMode(ValueChangeMode.TIMEOUT);
            typed.setValueChangeTimeout(300);
        }
        dates.setMinHeight("8rem");
        cron.setWidthFull();

        FormLayout what = new FormLayout(name, zone, description, kind);
        what.setColspan(description, 2);
        what.setColspan(kind, 2);
        FormLayout settings = new FormLayout(dates, from, to, onlyWithin, cron);
        settings.setColspan(dates, 2);
        settings.setColspan(onlyWithin, 2);
        settings.setColspan(cron, 2);

        previewTitle.addClassName("jobdeck-hint");
        previewSpans.setId("calendar-preview-spans");
        previewNote.setId("calendar-preview-note");
        Div preview = new Div(previewTitle, previewSpans, previewNote);
        preview.setId("calendar-preview");

        VerticalLayout content = getContent();
        content.setPadding(false);
        content.add(conflict, what, settings, preview);
        showKind();
        refresh();
    }

    /** Shows a stored calendar; its name cannot change (triggers refer to it). */
    void fill(JobCalendar calendar) {
        CalendarDraft draft = CalendarDraft.of(calendar);
        name.setValue(draft.name());
        name.setReadOnly(true);
        description.setValue(draft.description());
        kind.setValue(draft.kind());
        zone.setValue(draft.zone());
        dates.setValue(draft.dates());
        from.setValue(draft.from());
        to.setValue(draft.to());
        onlyWithin.setValue(draft.onlyWithin());
        cron.setValue(draft.cron());
        refresh();
    }

    /** What the fields say now. */
    CalendarDraft draft() {
        return new CalendarDraft(
                name.getValue(),
                description.getValue(),
                kind.getValue() == null ? JobCalendar.Kind.HOLIDAYS : kind.getValue(),
                zone.getValue() == null ? "" : zone.getValue(),
                dates.getValue(),
                from.getValue(),
                to.getValue(),
                onlyWithin.getValue(),
                cron.getValue());
    }

    /**
     * Sends the draft with {@code action} in the background, if every field checks out; once answered (by push) the
     * button is usable again, and either {@code saved} runs, or the refused fields say why, or a banner says the
     * calendar changed meanwhile (nothing was saved), or a notification says what failed.
     */
    <T> void send(Button button, Function<CalendarDraft, CompletionStage<T>> action, Consumer<T> saved) {
        errors.touchAll(List.of());
        List<FieldProblem> problems = calendars.check(draft(), UserTime.locale());
        errors.show(problems, false, Map.of());
        if (problems.isEmpty()) {
            FieldErrors.send(
                    button,
                    conflict,
                    action.apply(draft()),
                    saved,
                    refused -> errors.show(refused, true, Map.of()),
                    "calendar.form.failed");
        }
    }

    private <C extends Component & HasValue<?, ?> & HasValidation & HasLabel> void field(
            C component, String field, String label) {
        component.setLabel(getTranslation(label));
        component.setId("calendar-" + field);
        errors.add(field, component);
        component.addValueChangeListener(e -> {
            if (e.isFromClient()) {
                errors.touched(field);
            }
            refresh();
        });
    }

    private void showKind() {
        JobCalendar.Kind k = kind.getValue();
        dates.setVisible(k == JobCalendar.Kind.HOLIDAYS);
        from.setVisible(k == JobCalendar.Kind.DAILY_WINDOW);
        to.setVisible(k == JobCalendar.Kind.DAILY_WINDOW);
        onlyWithin.setVisible(k == JobCalendar.Kind.DAILY_WINDOW);
        cron.setVisible(k == JobCalendar.Kind.CRON_BLACKOUT);
    }

    /** Checks the fields and shows what the calendar would exclude in the coming days. */
    private void refresh() {
        Locale locale = UserTime.locale();
        JobCalendarChecks.Preview preview = calendars.preview(draft(), locale);
        errors.show(preview.problems(), false, Map.of());
        previewSpans.removeAll();
        previewNote.setText(preview.midnightQuirk() ? getTranslation("calendar.preview.midnight") : "");
        previewNote.setVisible(preview.midnightQuirk());
        if (!preview.problems().isEmpty()) {
            previewTitle.setText("");
            return;
        }
        String zoneId = zone.getValue() == null ? "" : zone.getValue();
        previewTitle.setText(
                preview.spans().isEmpty()
                        ? getTranslation("calendar.preview.nothing", JobCalendarChecks.PREVIEW_DAYS)
                        : getTranslation("calendar.preview.title", JobCalendarChecks.PREVIEW_DAYS, zoneId));
        DateTimeFormatter day = DateTimeFormatter.ofPattern("EEE", locale).withLocale(locale);
        DateTimeFormatter date =
                DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale);
        DateTimeFormatter minutes = DateTimeFormatter.ofPattern("HH:mm", locale);
        DateTimeFormatter seconds = DateTimeFormatter.ofPattern("HH:mm:ss", locale);
        Function<ZonedDateTime, String> time = t -> (t.getSecond() == 0 ? minutes : seconds).format(t);
        for (JobCalendarChecks.Span span : preview.spans()) {
            ZonedDateTime a = span.from();
            ZonedDateTime b = span.to();
            String text;
            if (a.toLocalTime().equals(LocalTime.MIDNIGHT) && b.toLocalTime().equals(LocalTime.MIDNIGHT)) {
                ZonedDateTime last = b.minusDays(1);
                text = day.format(a) + ", " + date.format(a)
                        + (last.toLocalDate().equals(a.toLocalDate())
                                ? ""
                                : " – " + day.format(last) + ", " + date.format(last));
            } else {
                text = day.format(a) + ", " + date.format(a) + " " + time.apply(a) + " – "
                        + (b.toLocalDate().equals(a.toLocalDate()) ? "" : day.format(b) + ", " + date.format(b) + " ")
                        + time.apply(b);
            }
            previewSpans.add(new ListItem(text));
        }
        if (preview.more()) {
            previewSpans.add(new ListItem(getTranslation("calendar.preview.more")));
        }
    }
}
