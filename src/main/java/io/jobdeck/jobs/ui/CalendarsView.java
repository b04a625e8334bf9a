package io.jobdeck.jobs.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import io.jobdeck.jobs.JobCalendars;
import io.jobdeck.security.Role;
import io.jobdeck.support.DisplayText;
import io.jobdeck.support.Errors;
import io.jobdeck.ui.Confirm;
import io.jobdeck.ui.Notifications;
import io.jobdeck.ui.Reloader;
import io.jobdeck.ui.UserTime;
import jakarta.annotation.security.PermitAll;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.util.UriUtils;

/**
 * The scheduler's calendars, a page at a time: what each excludes and how many triggers use it. Everyone sees them; an
 * admin also creates, edits and deletes them (the service checks the role again). Pages are read in the background
 * and arrive by push.
 */
@Route("calendars")
@PageTitle("Jobdeck · Calendars")
@Menu(title = "nav.calendars", icon = "vaadin:calendar", order = 4)
@PermitAll
class CalendarsView extends VerticalLayout {

    static final int PAGE_SIZE = 50;

    private final JobCalendars calendars;
    private final boolean canAdminister;
    private final Grid<JobCalendars.Row> grid = new Grid<>();
    private final Span range = new Span();
    private final Paragraph status = new Paragraph();
    private final Button previous = new Button(VaadinIcon.ANGLE_LEFT.create());
    private final Button next = new Button(VaadinIcon.ANGLE_RIGHT.create());
    private int offset;
    private int total;
    private @Nullable Reloader<JobCalendars.Page> pages;

    CalendarsView(JobCalendars calendars, AuthenticationContext auth) {
        this.calendars = calendars;
        this.canAdminister = auth.hasRole(Role.ADMIN.name());
        setSizeFull();

        Button create = new Button(getTranslation("calendars.new"), VaadinIcon.PLUS.create());
        create.setId("calendars-new");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.addClickListener(e -> UI.getCurrent().navigate("calendars/new"));
        create.setVisible(canAdminister);

        grid.setId("calendars-list");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT);
        grid.addColumn(r -> DisplayText.safe(r.name(), 200))
                .setHeader(getTranslation("calendars.name"))
                .setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(r -> r.kind() == null ? r.type() : getTranslation("calendar.kind." + r.kind()))
                .setHeader(getTranslation("calendars.kind"))
                .setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(r -> DisplayText.safe(r.words(), 300))
                .setHeader(getTranslation("calendars.words"))
                .setFlexGrow(3);
        grid.addColumn(r -> DisplayText.safe(r.description(), 250))
                .setHeader(getTranslation("calendars.description"))
                .setFlexGrow(2);
        grid.addColumn(JobCalendars.Row::triggers)
                .setHeader(getTranslation("calendars.triggers"))
                .setAutoWidth(true)
                .setFlexGrow(0);
        if (canAdminister) {
            grid.addComponentColumn(this::actions)
                    .setKey("actions")
                    .setHeader(getTranslation("calendars.actions"))
                    .setAutoWidth(true)
                    .setFlexGrow(0);
        }
        grid.setEmptyStateText(getTranslation("calendars.none"));

        previous.setId("calendars-previous");
        previous.setAriaLabel(getTranslation("jobs.list.previous"));
        previous.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        previous.addClickListener(e -> move(-PAGE_SIZE));
        next.setId("calendars-next");
        next.setAriaLabel(getTranslation("jobs.list.next"));
        next.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        next.addClickListener(e -> move(PAGE_SIZE));
        range.setId("calendars-range");
        status.setId("calendars-status");
        status.setVisible(false);

        HorizontalLayout top = new HorizontalLayout(new H2(getTranslation("calendars.title")), create);
        top.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        HorizontalLayout paging = new HorizontalLayout(previous, range, next);
        paging.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
        add(top, new Paragraph(getTranslation("calendars.intro")), status, grid, paging);
        setFlexGrow(1, grid);
    }

    private HorizontalLayout actions(JobCalendars.Row row) {
        HorizontalLayout buttons = new HorizontalLayout();
        String id = "calendars-" + DisplayText.safe(row.name(), 80).replaceAll("[^\\p{L}\\p{N}_-]", "_");
        if (row.kind() != null) {
            Button edit = new Button(
                    getTranslation("calendars.edit"),
                    e -> UI.getCurrent()
                            .navigate("calendars/" + UriUtils.encodePathSegment(row.name(), StandardCharsets.UTF_8)
                                    + "/edit"));
            edit.setId(id + "-edit");
            edit.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
            buttons.add(edit);
        }
        Button delete = new Button(getTranslation("calendars.delete"));
        delete.setId(id + "-delete");
        delete.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
        delete.addClickListener(e -> Confirm.ask(
                "calendars-delete-dialog",
                getTranslation("calendars.delete.title", DisplayText.safe(row.name(), 200)),
                getTranslation("calendars.delete.text"),
                getTranslation("calendars.delete"),
                () -> delete(row.name(), delete)));
        buttons.add(delete);
        return buttons;
    }

    /** Deletes in the background; the answer (done, or why not: triggers still use it) arrives by push. */
    private void delete(String name, Button button) {
        UI ui = UI.getCurrent();
        button.setEnabled(false);
        CompletionStage<JobCalendars.Saved> done;
        try {
            done = calendars.delete(name, UserTime.locale());
        } catch (AccessDeniedException refused) {
            button.setEnabled(true);
            Notifications.error(getTranslation("access.denied"));
            return;
        }
        done.whenComplete((saved, error) -> ui.access(() -> {
            button.setEnabled(true);
            if (error != null) {
                Notifications.error(getTranslation("calendars.delete.failed", Errors.describe(error)));
            } else {
                Notifications.success(getTranslation("calendars.delete.done", DisplayText.safe(name, 200)));
                reload();
            }
        }));
    }

    @Override
    protected void onAttach(AttachEvent event) {
        super.onAttach(event);
        UI ui = event.getUI();
        pages = new Reloader<>(ui, () -> calendars.list(offset, PAGE_SIZE, UserTime.locale()), this::show);
        reload();
    }

    private void move(int by) {
        offset = Math.max(0, offset + by);
        reload();
    }

    private void reload() {
        if (pages != null) {
            pages.request();
        }
    }

    private void show(JobCalendars.@Nullable Page page, @Nullable Throwable error) {
        if (error != null || page == null) {
            status.setText(getTranslation("calendars.failed", error == null ? "" : Errors.describe(error)));
            status.setVisible(true);
            return;
        }
        status.setVisible(false);
        if (page.rows().isEmpty() && offset > 0 && page.total() > 0) {
            offset = Math.max(0, (page.total() - 1) / PAGE_SIZE * PAGE_SIZE);
            reload();
            return;
        }
        total = page.total();
        grid.setItems(page.rows());
        range.setText(
                total == 0
                        ? ""
                        : getTranslation(
                                "calendars.range",
                                offset + 1,
                                offset + page.rows().size(),
                                total));
        previous.setEnabled(offset > 0);
        next.setEnabled(offset + PAGE_SIZE < total);
    }
}
