package io.jobdeck.jobs.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.jobdeck.jobs.CronPreview;
import io.jobdeck.jobs.JobDefinitions;
import io.jobdeck.jobs.JobPaths;
import io.jobdeck.ui.Notifications;
import io.jobdeck.ui.UserTime;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Validator;

/**
 * Changes a job defined in the browser. Its group and name stay; secrets show masked and, left so, keep their values.
 * Saving over a change someone else made since the page read the job is refused, and the page says so.
 */
@Route("jobs/:group/:name/edit")
@PageTitle("Jobdeck · Edit job")
@RolesAllowed("ADMIN")
class EditJobView extends StoredJobFormView {

    private String version = "";

    EditJobView(JobDefinitions definitions, CronPreview preview, Validator validator) {
        super(definitions, preview, validator);
        save.setText(getTranslation("job.edit.save"));
    }

    @Override
    protected String title(String job) {
        return getTranslation("job.edit.title", job);
    }

    @Override
    protected boolean savesOverTheJob() {
        return true;
    }

    @Override
    protected void fill(JobDefinitions.Editable editable) {
        version = editable.version();
        form.fill(editable.definition(), true);
    }

    @Override
    protected void save() {
        form.send(
                save,
                definition -> definitions.update(group, name, version, definition, UserTime.locale()),
                updated -> {
                    Notifications.success(getTranslation("job.edit.saved", group + "." + name));
                    UI.getCurrent().navigate(JobPaths.page(group, name));
                });
    }
}
