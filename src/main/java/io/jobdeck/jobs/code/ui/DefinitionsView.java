package io.jobdeck.jobs.code.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import com.vaadin.flow.server.streams.UploadHandler;
import io.jobdeck.jobs.JobList;
import io.jobdeck.jobs.StoredCatalog;
import io.jobdeck.jobs.code.DocumentFormat;
import io.jobdeck.jobs.code.ImportPlan;
import io.jobdeck.jobs.code.JobsAsCode;
import io.jobdeck.support.DisplayText;
import io.jobdeck.support.Errors;
import io.jobdeck.ui.Confirm;
import io.jobdeck.ui.Notifications;
import io.jobdeck.ui.UserTime;
import jakarta.annotation.security.RolesAllowed;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Jobs as code in the browser (ADMIN). Export: the whole catalog, or some groups, as YAML or JSON, shown and offered as a
 * download. Import: a document uploaded (or pasted) is checked whole and its difference with the store shown (added,
 * changed field by field, removed, unchanged), or every problem with its path; only then can it be imported, after a
 * confirmation, all or nothing. Every call runs in the background and answers by push.
 */
@Route("definitions")
@PageTitle("Jobdeck · Definitions")
@Menu(title = "nav.definitions", icon = "vaadin:file-code", order = 6)
@RolesAllowed("ADMIN")
class DefinitionsView extends VerticalLayout implements BeforeEnterObserver {

    /** The largest upload: the longest document a server reads. */
    static final int MAX_UPLOAD_BYTES = DocumentFormat.MAX_CHARS;

    private final JobsAsCode jobs;
    private final JobList list;
    private final MultiSelectComboBox<String> groups = new MultiSelectComboBox<>();
    private final Select<DocumentFormat> format = new Select<>();
    private final Button export = new Button();
    private final TextArea exported = new TextArea();
    private final Anchor download = new Anchor();
    private final TextArea document = new TextArea();
    private final Select<ImportPlan.Mode> mode = new Select<>();
    private final Button check = new Button();
    private final Button apply = new Button();
    private final Paragraph summary = new Paragraph();
    private final Grid<ImportPlan.Problem> problems = new Grid<>();
    private final Grid<ImportPlan.Change> changes = new Grid<>();
    /** The jobs chosen on the Jobs page ({@code ?job=group/name}, repeated); none: by groups, or all. */
    private Set<StoredCatalog.Key> chosen = Set.of();

    private final Span chosenNote = new Span();

    /** The text and mode the shown plan is of; importing needs them unchanged since. */
    private @Nullable String checkedText;

    DefinitionsView(JobsAsCode jobs, JobList list) {
        this.jobs = jobs;
        this.list = list;
        setMaxWidth("80rem");

        groups.setId("definitions-groups");
        groups.setLabel(getTranslation("code.export.groups"));
        groups.setPlaceholder(getTranslation("code.export.all"));
        format.setId("definitions-format");
        format.setLabel(getTranslation("code.export.format"));
        format.setItems(DocumentFormat.values());
        format.setValue(DocumentFormat.YAML);
        export.setText(getTranslation("code.export"));
        export.setId("definitions-export");
        export.setIcon(VaadinIcon.DOWNLOAD.create());
        export.addClickListener(e -> export());
        exported.setId("definitions-exported");
        exported.setReadOnly(true);
        exported.setWidthFull();
        exported.setMaxHeight("20rem");
        exported.setVisible(false);
        download.setId("definitions-download");
        download.setText(getTranslation("code.export.download"));
        download.setVisible(false);
        chosenNote.setId("definitions-chosen");
        chosenNote.setVisible(false);
        HorizontalLayout exportBar = new HorizontalLayout(groups, chosenNote, format, export, download);
        exportBar.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);

        Upload upload = new Upload(UploadHandler.inMemory((metadata, bytes) -> {
            String text = new String(bytes, StandardCharsets.UTF_8);
            UI ui = getUI().orElse(null);
            if (ui != null) {
                ui.access(() -> document.setValue(text));
            }
        }));
        upload.setId("definitions-upload");
        upload.setMaxFileSize(MAX_UPLOAD_BYTES);
        upload.setAcceptedFileTypes(".yaml", ".yml", ".json");
        document.setId("definitions-document");
        document.setLabel(getTranslation("code.import.document"));
        document.setWidthFull();
        document.setMaxHeight("20rem");
        document.setMaxLength(DocumentFormat.MAX_CHARS);
        document.addValueChangeListener(e -> apply.setEnabled(false));
        mode.setId("definitions-mode");
        mode.setLabel(getTranslation("code.import.mode"));
        mode.setItems(ImportPlan.Mode.values());
        mode.setValue(ImportPlan.Mode.MERGE);
        mode.setItemLabelGenerator(m -> getTranslation("code.import.mode." + m));
        mode.addValueChangeListener(e -> apply.setEnabled(false));
        check.setText(getTranslation("code.import.check"));
        check.setId("definitions-check");
        check.addClickListener(e -> check());
        apply.setText(getTranslation("code.import.apply"));
        apply.setId("definitions-apply");
        apply.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        apply.setEnabled(false);
        apply.addClickListener(e -> confirmApply());
        HorizontalLayout importBar = new HorizontalLayout(mode, check, apply);
        importBar.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);

        summary.setId("definitions-summary");
        problems.setId("definitions-problems");
        problems.addThemeVariants(GridVariant.LUMO_COMPACT);
        problems.addColumn(p -> DisplayText.safe(p.path(), 200))
                .setHeader(getTranslation("code.import.path"))
                .setAutoWidth(true);
        problems.addColumn(p -> DisplayText.safe(p.message(), 500)).setHeader(getTranslation("code.import.problem"));
        problems.setAllRowsVisible(true);
        problems.setVisible(false);
        changes.setId("definitions-changes");
        changes.addThemeVariants(GridVariant.LUMO_COMPACT);
        changes.addColumn(c -> getTranslation("code.action." + c.action()))
                .setHeader(getTranslation("code.import.action"))
                .setAutoWidth(true);
        changes.addColumn(c -> getTranslation("code.subject." + c.subject())).setAutoWidth(true);
        changes.addColumn(c -> DisplayText.safe(c.key(), 200))
                .setHeader(getTranslation("code.import.key"))
                .setAutoWidth(true);
        changes.addColumn(c -> c.fields().stream()
                        .map(f -> DisplayText.safe(f.field(), 100) + ": " + DisplayText.safe(f.before(), 120) + " → "
                                + DisplayText.safe(f.after(), 120))
                        .collect(Collectors.joining("; ")))
                .setHeader(getTranslation("code.import.fields"))
                .setFlexGrow(3);
        changes.setVisible(false);

        add(
                new H2(getTranslation("code.title")),
                new Paragraph(getTranslation("code.intro")),
                new H3(getTranslation("code.export.title")),
                exportBar,
                exported,
                new H3(getTranslation("code.import.title")),
                upload,
                document,
                importBar,
                summary,
                problems,
                changes);
    }

    /** Jobs chosen on the Jobs page replace the choice of groups (a key is {@code group/name}: no key has a slash). */
    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        List<String> keys =
                event.getLocation().getQueryParameters().getParameters().getOrDefault("job", List.of());
        chosen = keys.stream()
                .filter(k -> k.indexOf('/') > 0)
                .map(k -> new StoredCatalog.Key(k.substring(0, k.indexOf('/')), k.substring(k.indexOf('/') + 1)))
                .collect(Collectors.toUnmodifiableSet());
        groups.setVisible(chosen.isEmpty());
        chosenNote.setVisible(!chosen.isEmpty());
        chosenNote.setText(getTranslation("code.export.chosen", chosen.size()));
    }

    @Override
    protected void onAttach(AttachEvent event) {
        super.onAttach(event);
        UI ui = event.getUI();
        list.readChoices()
                .whenComplete((choices, error) -> ui.access(() -> {
                    if (choices != null) {
                        groups.setItems(choices.groups());
                    }
                }));
    }

    private void export() {
        UI ui = UI.getCurrent();
        DocumentFormat chosen = format.getValue();
        Set<String> selected = groups.getValue();
        export.setEnabled(false);
        jobs.readExport(new JobsAsCode.Selection(selected, this.chosen), chosen)
                .whenComplete((done, error) -> ui.access(() -> {
                    export.setEnabled(true);
                    if (done == null) {
                        Notifications.error(getTranslation("action.failed", Errors.describe(error)));
                        return;
                    }
                    exported.setValue(done.text());
                    exported.setHelperText(
                            getTranslation("code.export.done", done.jobs(), done.calendars(), done.skipped()));
                    exported.setVisible(true);
                    byte[] bytes = done.text().getBytes(StandardCharsets.UTF_8);
                    String name = "jobdeck-definitions." + chosen.extension();
                    download.setHref(DownloadHandler.fromInputStream(d -> new DownloadResponse(
                            new ByteArrayInputStream(bytes), name, chosen.mediaType(), bytes.length)));
                    download.getElement().setAttribute("download", name);
                    download.setVisible(true);
                }));
    }

    private void check() {
        UI ui = UI.getCurrent();
        String text = document.getValue();
        ImportPlan.Mode chosen = mode.getValue();
        check.setEnabled(false);
        apply.setEnabled(false);
        summary.setText(getTranslation("code.import.checking"));
        jobs.readPlan(text, chosen, UserTime.locale())
                .whenComplete((plan, error) -> ui.access(() -> {
                    check.setEnabled(true);
                    if (plan == null) {
                        summary.setText(getTranslation("action.failed", Errors.describe(error)));
                        return;
                    }
                    show(plan);
                    checkedText = text;
                    apply.setEnabled(plan.valid() && plan.changesAnything());
                }));
    }

    private void show(ImportPlan plan) {
        problems.setVisible(!plan.valid());
        problems.setItems(plan.problems());
        changes.setVisible(plan.valid());
        changes.setItems(plan.changes());
        summary.setText(
                plan.valid()
                        ? getTranslation(
                                "code.import.plan",
                                plan.count(ImportPlan.Subject.JOB, ImportPlan.Action.ADDED),
                                plan.count(ImportPlan.Subject.JOB, ImportPlan.Action.CHANGED),
                                plan.count(ImportPlan.Subject.JOB, ImportPlan.Action.REMOVED),
                                plan.count(ImportPlan.Subject.JOB, ImportPlan.Action.UNCHANGED),
                                plan.count(ImportPlan.Subject.CALENDAR, ImportPlan.Action.ADDED)
                                        + plan.count(ImportPlan.Subject.CALENDAR, ImportPlan.Action.CHANGED))
                        : getTranslation("code.import.problems", plan.problems().size()));
    }

    private void confirmApply() {
        String text = checkedText;
        if (text == null || !text.equals(document.getValue())) {
            apply.setEnabled(false);
            return;
        }
        ImportPlan.Mode chosen = mode.getValue();
        Confirm.ask(
                "definitions-confirm",
                getTranslation("code.import.confirm.title"),
                summary.getText(),
                getTranslation("code.import.apply"),
                () -> applyChecked(text, chosen));
    }

    private void applyChecked(String text, ImportPlan.Mode chosen) {
        UI ui = UI.getCurrent();
        apply.setEnabled(false);
        jobs.apply(text, chosen, null, UserTime.locale())
                .whenComplete((done, error) -> ui.access(() -> {
                    if (done == null) {
                        if (error instanceof JobsAsCode.Invalid
                                || error != null && error.getCause() instanceof JobsAsCode.Invalid) {
                            check(); // the store changed since the dry run: show what is wrong now
                        }
                        Notifications.error(getTranslation("action.failed", Errors.describe(error)));
                        return;
                    }
                    Notifications.success(
                            getTranslation("code.import.done", done.plan().summary()));
                    show(done.plan());
                    checkedText = null;
                }));
    }
}
