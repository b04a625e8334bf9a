package io.jobdeck.jobs.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.jobdeck.jobs.JobDefinitions;
import io.jobdeck.jobs.JobDetails;
import io.jobdeck.jobs.ScheduleDescriber;
import io.jobdeck.support.Errors;
import io.jobdeck.ui.UserTime;
import jakarta.annotation.security.PermitAll;
import java.time.Clock;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One job's page: what it does (secrets masked), and each trigger with its schedule in words, whether it is paused, and
 * when it fires next and fired last. Read in the background; the page fills in by push.
 */
@Route("jobs/:group/:name")
@PageTitle("Jobdeck · Job")
@PermitAll
class JobDetailView extends VerticalLayout implements BeforeEnterObserver {

    private final JobDefinitions definitions;
    private final ScheduleDescriber describer;
    private final Clock clock;
    private final H2 title = new H2();
    private final Div body = new Div();
    private String group = "";
    private String name = "";

    JobDetailView(JobDefinitions definitions, ScheduleDescriber describer, Clock clock) {
        this.definitions = definitions;
        this.describer = describer;
        this.clock = clock;
        setMaxWidth("60rem");
        title.setId("job-title");
        body.setId("job-details");
        add(title, body);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        group = event.getRouteParameters().get("group").orElse("");
        name = event.getRouteParameters().get("name").orElse("");
        title.setText(group + "." + name);
    }

    @Override
    protected void onAttach(AttachEvent event) {
        super.onAttach(event);
        UI ui = event.getUI();
        body.removeAll();
        body.add(new Paragraph(getTranslation("job.detail.loading")));
        definitions
                .read(group, name)
                .whenComplete((found, error) -> ui.access(() -> show(found == null ? Optional.empty() : found, error)));
    }

    private void show(Optional<JobDetails> found, @Nullable Throwable error) {
        body.removeAll();
        if (error != null) {
            body.add(new Paragraph(getTranslation("job.detail.failed", Errors.describe(error))));
            return;
        }
        if (found.isEmpty()) {
            body.add(new Paragraph(getTranslation("job.detail.none", group + "." + name)));
            return;
        }
        JobDetails job = found.get();
        if (job.description() != null) {
            body.add(new Paragraph(job.description()));
        }
        body.add(new H3(getTranslation("job.detail.what", job.kind())));
        for (JobDetails.Field field : job.definition()) {
            Div row = new Div(new Span(getTranslation(field.label())), new Pre(field.value()));
            row.addClassName("jobdeck-detail-field");
            body.add(row);
        }
        body.add(new H3(getTranslation("job.detail.triggers")));
        UnorderedList triggers = new UnorderedList();
        triggers.setId("job-triggers");
        for (JobDetails.TriggerDetails trigger : job.triggers()) {
            String text = describer.describe(trigger.schedule(), UserTime.locale(), UserTime.zone()) + " · "
                    + (trigger.paused()
                            ? getTranslation("job.detail.paused")
                            : getTranslation("job.detail.next", UserTime.format(trigger.nextFire(), clock.instant())))
                    + " · "
                    + getTranslation("job.detail.previous", UserTime.format(trigger.previousFire(), clock.instant()));
            triggers.add(new ListItem(text));
        }
        if (job.triggers().isEmpty()) {
            triggers.add(new ListItem(getTranslation("schedule.none")));
        }
        body.add(triggers);
    }
}
