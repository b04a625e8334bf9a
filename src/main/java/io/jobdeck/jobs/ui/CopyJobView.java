package io.jobdeck.jobs.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.jobdeck.jobs.CronPreview;
import io.jobdeck.jobs.JobDefinition;
import io.jobdeck.jobs.JobDefinitions;
import io.jobdeck.jobs.JobPaths;
import io.jobdeck.ui.Notifications;
import io.jobdeck.ui.UserTime;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Validator;

/**
 * A new job that starts as a copy of another: the same request and schedule under a new name ({@code name-copy}).
 * Secrets show masked and, left so, are copied from the original on the server.
 */
@Route("jobs/:group/:name/copy")
@PageTitle("Jobdeck · Copy job")
@RolesAllowed("ADMIN")
class CopyJobView extends StoredJobFormView {

    CopyJobView(JobDefinitions definitions, CronPreview preview, Validator validator) {
        super(definitions, preview, validator);
    }

    @Override
    protected String title(String job) {
        return getTranslation("job.copy.title", job);
    }

    @Override
    protected void fill(JobDefinitions.Editable editable) {
        JobDefinition original = editable.definition();
        // A copy gets triggers of its own: the same schedules, new names.
        form.fill(
                original.as(
                        original.group(),
                        original.name() + "-copy",
                        original.triggers().stream().map(t -> t.named("")).toList()),
                false);
    }

    @Override
    protected void save() {
        form.send(save, definition -> definitions.copy(group, name, definition, UserTime.locale()), created -> {
            Notifications.success(getTranslation("job.form.created", created.group() + "." + created.name()));
            UI.getCurrent().navigate(JobPaths.page(created.group(), created.name()));
        });
    }
}
