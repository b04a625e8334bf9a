package io.jobdeck.jobs.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import io.jobdeck.jobs.CronPreview;
import io.jobdeck.jobs.JobDefinitions;
import io.jobdeck.jobs.JobPaths;
import io.jobdeck.support.Errors;
import jakarta.validation.Validator;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A form that starts from a stored job ({@code jobs/{group}/{name}/...}): its definition is read in the background, with
 * secrets masked, and fills the form by push; until then, and if it cannot be read, the page says so instead.
 */
abstract class StoredJobFormView extends VerticalLayout implements BeforeEnterObserver {

    protected final JobDefinitions definitions;
    protected final JobForm form;
    protected final Button save = new Button();
    private final H2 title = new H2();
    private final Paragraph status = new Paragraph();
    private final HorizontalLayout buttons;
    protected String group = "";
    protected String name = "";

    StoredJobFormView(JobDefinitions definitions, CronPreview preview, Validator validator) {
        this.definitions = definitions;
        this.form = new JobForm(definitions, preview, validator);
        setMaxWidth("60rem");
        title.setId("job-form-title");
        status.setId("job-form-status");
        save.setText(getTranslation("job.form.save"));
        save.setId("job-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickListener(e -> save());
        Button cancel =
                new Button(getTranslation("common.cancel"), e -> UI.getCurrent().navigate(JobPaths.page(group, name)));
        buttons = new HorizontalLayout(save, cancel);
        form.setVisible(false);
        buttons.setVisible(false);
        add(title, status, form, buttons);
    }

    /** The page's title for the job {@code group.name}. */
    protected abstract String title(String job);

    /** Fills the form from the stored definition, remembering what saving needs. */
    protected abstract void fill(JobDefinitions.Editable editable);

    protected abstract void save();

    /** Whether the form saves over the job it read (an edit), which a job managed by a definitions file refuses. */
    protected boolean savesOverTheJob() {
        return false;
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        group = event.getRouteParameters().get("group").orElse("");
        name = event.getRouteParameters().get("name").orElse("");
        title.setText(title(group + "." + name));
    }

    @Override
    protected void onAttach(AttachEvent event) {
        super.onAttach(event);
        UI ui = event.getUI();
        status.setText(getTranslation("job.detail.loading"));
        definitions
                .readEditable(group, name)
                .whenComplete((found, error) -> ui.access(() -> show(found == null ? Optional.empty() : found, error)));
    }

    private void show(Optional<JobDefinitions.Editable> found, @Nullable Throwable error) {
        if (error != null) {
            status.setText(getTranslation("job.detail.failed", Errors.describe(error)));
        } else if (found.isEmpty()) {
            status.setText(getTranslation("job.detail.none", group + "." + name));
        } else if (savesOverTheJob() && found.get().managedBy() != null) {
            status.setText(getTranslation("code.managed", found.get().managedBy()));
        } else {
            status.setVisible(false);
            fill(found.get());
            form.setVisible(true);
            buttons.setVisible(true);
        }
    }
}
