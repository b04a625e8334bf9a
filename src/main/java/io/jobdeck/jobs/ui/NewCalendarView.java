package io.jobdeck.jobs.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.jobdeck.jobs.JobCalendars;
import io.jobdeck.support.DisplayText;
import io.jobdeck.ui.Notifications;
import io.jobdeck.ui.UserTime;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Validator;

/** A new calendar ({@link CalendarForm}); once saved, back to the list, where it shows. */
@Route("calendars/new")
@PageTitle("Jobdeck · New calendar")
@RolesAllowed("ADMIN")
class NewCalendarView extends VerticalLayout {

    NewCalendarView(JobCalendars calendars, Validator validator) {
        setMaxWidth("60rem");
        CalendarForm form = new CalendarForm(calendars, validator);
        Button save = new Button(getTranslation("calendar.form.create"));
        save.setId("calendar-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickListener(e -> form.send(save, draft -> calendars.create(draft, UserTime.locale()), saved -> {
            Notifications.success(getTranslation("calendar.form.created", DisplayText.safe(saved.name(), 200)));
            UI.getCurrent().navigate("calendars");
        }));
        Button cancel =
                new Button(getTranslation("common.cancel"), e -> UI.getCurrent().navigate("calendars"));
        cancel.setId("calendar-cancel");
        add(new H2(getTranslation("calendar.form.title")), form, new HorizontalLayout(save, cancel));
    }
}
