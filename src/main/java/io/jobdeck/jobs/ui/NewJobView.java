package io.jobdeck.jobs.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.jobdeck.jobs.CronPreview;
import io.jobdeck.jobs.JobDefinitions;
import io.jobdeck.ui.Notifications;
import io.jobdeck.ui.UserTime;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Validator;

/** A new job with a cron trigger ({@link JobForm}); once saved, back to the dashboard, where it shows. */
@Route("jobs/new")
@PageTitle("Jobdeck · New job")
@Menu(title = "nav.newJob", icon = "vaadin:plus-circle-o", order = 5)
@RolesAllowed("ADMIN")
class NewJobView extends VerticalLayout {

    NewJobView(JobDefinitions definitions, CronPreview preview, Validator validator) {
        setMaxWidth("60rem");
        JobForm form = new JobForm(definitions, preview, validator);
        Button save = new Button(getTranslation("job.form.save"));
        save.setId("job-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickListener(e ->
                form.send(save, definition -> definitions.create(definition, UserTime.locale()), created -> {
                    Notifications.success(getTranslation("job.form.created", created.group() + "." + created.name()));
                    UI.getCurrent().navigate("");
                }));
        Button cancel =
                new Button(getTranslation("common.cancel"), e -> UI.getCurrent().navigate(""));
        add(new H2(getTranslation("job.form.title")), form, new HorizontalLayout(save, cancel));
    }
}
