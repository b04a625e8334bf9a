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
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.jobdeck.jobs.JobCalendars;
import io.jobdeck.support.DisplayText;
import io.jobdeck.support.Errors;
import io.jobdeck.ui.Notifications;
import io.jobdeck.ui.UserTime;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Validator;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Changes a calendar: read in the background, shown by push; its name stays. Saving recomputes the next fires of the
 * triggers that use it. Saving over a change someone else made since the page read the calendar (or after they
 * deleted it) is refused, and the page says so.
 */
@Route("calendars/:name/edit")
@PageTitle("Jobdeck · Edit calendar")
@RolesAllowed("ADMIN")
class EditCalendarView extends VerticalLayout implements BeforeEnterObserver {

    private final JobCalendars calendars;
    private final CalendarForm form;
    private final H2 title = new H2();
    private final Paragraph status = new Paragraph();
    private final HorizontalLayout buttons;
    private String name = "";
    private String version = "";

    EditCalendarView(JobCalendars calendars, Validator validator) {
        this.calendars = calendars;
        this.form = new CalendarForm(calendars, validator);
        setMaxWidth("60rem");
        title.setId("calendar-form-title");
        status.setId("calendar-form-status");
        Button save = new Button(getTranslation("calendar.form.save"));
        save.setId("calendar-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickListener(e ->
                form.send(save, draft -> calendars.update(name, version, draft, UserTime.locale()), saved -> {
                    Notifications.success(getTranslation("calendar.form.saved", DisplayText.safe(name, 200)));
                    UI.getCurrent().navigate("calendars");
                }));
        Button cancel =
                new Button(getTranslation("common.cancel"), e -> UI.getCurrent().navigate("calendars"));
        cancel.setId("calendar-cancel");
        buttons = new HorizontalLayout(save, cancel);
        form.setVisible(false);
        buttons.setVisible(false);
        add(title, status, form, buttons);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        name = event.getRouteParameters().get("name").orElse("");
        title.setText(getTranslation("calendar.form.editTitle", DisplayText.safe(name, 200)));
    }

    @Override
    protected void onAttach(AttachEvent event) {
        super.onAttach(event);
        UI ui = event.getUI();
        status.setText(getTranslation("calendar.form.loading"));
        calendars
                .readEditable(name, UserTime.locale())
                .whenComplete((found, error) -> ui.access(() -> show(found == null ? Optional.empty() : found, error)));
    }

    private void show(Optional<JobCalendars.Editable> found, @Nullable Throwable error) {
        if (error != null) {
            status.setText(getTranslation("calendar.form.readFailed", Errors.describe(error)));
        } else if (found.isEmpty()) {
            status.setText(getTranslation("calendar.form.none", DisplayText.safe(name, 200)));
        } else {
            status.setVisible(false);
            version = found.get().version();
            form.fill(found.get().calendar());
            form.setVisible(true);
            buttons.setVisible(true);
        }
    }
}
