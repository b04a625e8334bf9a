package io.jobdeck.jobs.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import io.jobdeck.jobs.CalendarDraft;
import io.jobdeck.jobs.JobCalendar;
import io.jobdeck.jobs.JobCalendars;
import io.jobdeck.security.Role;
import io.jobdeck.testing.As;
import io.jobdeck.testing.Isolated;
import io.jobdeck.testing.JobdeckApp;
import io.jobdeck.testing.Views;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.quartz.Scheduler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Calendars in the browser: an admin creates one and sees it listed; bad input is said next to its field; a viewer only looks. */
@SpringBootTest
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@WithMockUser(
        username = "admin",
        roles = {"VIEWER", "OPERATOR", "ADMIN"})
class CalendarsViewTest extends SpringBrowserlessTest {

    static final Path DATA = JobdeckApp.newDataDir();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        Isolated.quietApp(registry, DATA);
        registry.add("spring.quartz.scheduler-name", () -> "jobdeck-calendars-view-test");
    }

    @Autowired
    Scheduler scheduler;

    @Autowired
    JobCalendars calendars;

    @Test
    @SuppressWarnings("unchecked")
    void an_admin_creates_a_daily_window_sees_what_it_excludes_as_they_type_and_then_sees_it_listed() throws Exception {
        navigate("calendars/new", NewCalendarView.class);
        test(text("calendar-name")).setValue("quiet-nights");
        test((RadioButtonGroup<JobCalendar.Kind>) $(RadioButtonGroup.class).id("calendar-kind"))
                .selectItem("Daily window");
        test($(com.vaadin.flow.component.combobox.ComboBox.class).id("calendar-zone"))
                .selectItem("UTC");
        test(text("calendar-from")).setValue("22:00");
        test(text("calendar-to")).setValue("06:00");

        assertThat(previewItems())
                .hasSizeGreaterThanOrEqualTo(14)
                .anySatisfy(item -> assertThat(item).contains("22:00 – ").endsWith("06:00"));
        test($(Button.class).id("calendar-save")).click();

        Views.awaitView(() -> assertThat(notifications()).contains("Calendar quiet-nights created"));
        Views.awaitView(() -> {
            Grid<JobCalendars.Row> grid = $(Grid.class).id("calendars-list");
            assertThat(grid.getListDataView().getItems().toList())
                    .extracting(JobCalendars.Row::name, JobCalendars.Row::words)
                    .contains(org.assertj.core.groups.Tuple.tuple(
                            "quiet-nights", "Only from 06:00 to 22:00 each day, excluded otherwise (UTC)"));
        });
        assertThat(scheduler.getCalendar("quiet-nights")).isNotNull();
    }

    @Test
    void a_bad_date_is_said_next_to_the_dates_and_nothing_is_saved() throws Exception {
        navigate("calendars/new", NewCalendarView.class);
        test(text("calendar-name")).setValue("bad-holidays");
        test($(TextArea.class).id("calendar-dates")).setValue("2026-12-25\n2026-02-30");

        test($(Button.class).id("calendar-save")).click();

        TextArea dates = $(TextArea.class).id("calendar-dates");
        assertThat(dates.isInvalid()).isTrue();
        assertThat(dates.getErrorMessage()).isEqualTo("Line 2: \"2026-02-30\" is not a date like 2026-12-25");
        assertThat(scheduler.getCalendar("bad-holidays")).isNull();
        assertThat(scheduler.getCalendarNames()).doesNotContain("bad-holidays");
    }

    @Test
    @WithMockUser(username = "viewer", roles = "VIEWER")
    @SuppressWarnings("unchecked")
    void a_viewer_sees_the_calendars_but_no_way_to_create_edit_or_delete_them() throws Exception {
        As.call(
                Role.ADMIN,
                () -> calendars
                        .create(
                                new CalendarDraft(
                                        "viewer-sees",
                                        "",
                                        JobCalendar.Kind.CRON_BLACKOUT,
                                        "UTC",
                                        "",
                                        "",
                                        "",
                                        false,
                                        "* * 0-5 ? * *"),
                                Locale.ENGLISH)
                        .toCompletableFuture()
                        .get(10, TimeUnit.SECONDS));

        navigate(CalendarsView.class);

        Views.awaitView(() -> {
            Grid<JobCalendars.Row> grid = $(Grid.class).id("calendars-list");
            assertThat(grid.getListDataView().getItems().toList())
                    .extracting(JobCalendars.Row::name)
                    .contains("viewer-sees");
        });
        assertThat($(Button.class).withId("calendars-new").exists())
                .as("no New")
                .isFalse();
        Grid<JobCalendars.Row> grid = $(Grid.class).id("calendars-list");
        assertThat(grid.getColumnByKey("actions")).as("no Edit, no Delete").isNull();
    }

    @Test
    @SuppressWarnings("unchecked")
    void an_admin_deletes_a_calendar_after_confirming_it() throws Exception {
        calendars
                .create(
                        new CalendarDraft(
                                "to-delete", "", JobCalendar.Kind.HOLIDAYS, "UTC", "2030-01-01", "", "", false, ""),
                        Locale.ENGLISH)
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        navigate(CalendarsView.class);
        Grid<JobCalendars.Row> grid = $(Grid.class).id("calendars-list");
        Views.awaitView(() -> assertThat(names(grid)).contains("to-delete"));

        Component actions = test(grid).getCellComponent(names(grid).indexOf("to-delete"), "actions");
        Button delete = (Button) actions.getChildren()
                .filter(c -> c.getId().orElse("").equals("calendars-to-delete-delete"))
                .findFirst()
                .orElseThrow();
        delete.click();
        test($(Button.class).id("calendars-delete-dialog-confirm")).click();

        Views.awaitView(() -> assertThat(notifications()).contains("Calendar to-delete deleted"));
        assertThat(scheduler.getCalendar("to-delete")).isNull();
        Views.awaitView(() -> assertThat(names(grid)).doesNotContain("to-delete"));
    }

    @Test
    void an_admin_edits_a_calendar_starting_from_what_is_stored_and_its_name_stays() throws Exception {
        calendars
                .create(
                        new CalendarDraft(
                                "office-hours",
                                "",
                                JobCalendar.Kind.DAILY_WINDOW,
                                "Europe/Berlin",
                                "",
                                "09:00",
                                "17:00",
                                false,
                                ""),
                        Locale.ENGLISH)
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        navigate("calendars/office-hours/edit", EditCalendarView.class);
        Views.awaitView(() -> assertThat(text("calendar-from").getValue()).isEqualTo("09:00"));
        assertThat(text("calendar-to").getValue()).isEqualTo("17:00");
        assertThat(text("calendar-name").isReadOnly()).as("the name stays").isTrue();
        assertThat($(com.vaadin.flow.component.html.Paragraph.class)
                        .id("calendar-preview-note")
                        .getText())
                .as("Quartz's midnight quirk is said")
                .contains("00:00");

        test(text("calendar-to")).setValue("18:00");
        test($(Button.class).id("calendar-save")).click();

        Views.awaitView(() -> assertThat(notifications()).contains("Calendar office-hours saved"));
        JobCalendar stored = editable("office-hours").calendar();
        assertThat(((JobCalendar.DailyWindow) stored).to()).isEqualTo(java.time.LocalTime.of(18, 0));
    }

    @Test
    void saving_over_someone_elses_change_shows_a_banner_with_a_reload_and_overwrites_nothing() throws Exception {
        calendars
                .create(holidays("shared-holidays", "2030-12-25"), Locale.ENGLISH)
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        navigate("calendars/shared-holidays/edit", EditCalendarView.class);
        Views.awaitView(() -> assertThat(area("calendar-dates").getValue()).isEqualTo("2030-12-25"));
        assertThat($(Div.class).withId("calendar-conflict").exists())
                .as("no banner yet")
                .isFalse();

        // Someone else saves first.
        As.call(
                Role.ADMIN,
                () -> calendars
                        .update(
                                "shared-holidays",
                                editable("shared-holidays").version(),
                                holidays("shared-holidays", "2030-12-24\n2030-12-25"),
                                Locale.ENGLISH)
                        .toCompletableFuture()
                        .get(10, TimeUnit.SECONDS));
        test(area("calendar-dates")).setValue("2030-12-25\n2030-12-26");
        test($(Button.class).id("calendar-save")).click();

        Views.awaitView(() -> {
            Div conflict = $(Div.class).id("calendar-conflict");
            assertThat(conflict.isVisible()).isTrue();
            assertThat(conflict.getElement().getTextRecursively())
                    .contains("Someone changed calendar shared-holidays after this page read it: nothing was saved");
        });
        assertThat($(Button.class).id("calendar-conflict-reload").isVisible()).isTrue();
        assertThat(((JobCalendar.Holidays) editable("shared-holidays").calendar()).dates())
                .as("their change stays")
                .containsExactly(java.time.LocalDate.of(2030, 12, 24), java.time.LocalDate.of(2030, 12, 25));
        assertThat(area("calendar-dates").getValue())
                .as("what was typed is still there")
                .isEqualTo("2030-12-25\n2030-12-26");
    }

    private JobCalendars.Editable editable(String name) throws Exception {
        return calendars
                .readEditable(name, Locale.ENGLISH)
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS)
                .orElseThrow();
    }

    private static CalendarDraft holidays(String name, String dates) {
        return new CalendarDraft(name, "", JobCalendar.Kind.HOLIDAYS, "UTC", dates, "", "", false, "");
    }

    private TextArea area(String id) {
        return $(TextArea.class).id(id);
    }

    private static List<String> names(Grid<JobCalendars.Row> grid) {
        return grid.getListDataView().getItems().map(JobCalendars.Row::name).toList();
    }

    private TextField text(String id) {
        return $(TextField.class).id(id);
    }

    private List<String> previewItems() {
        return $(ListItem.class).all().stream().map(ListItem::getText).toList();
    }

    private List<String> notifications() {
        return $(Notification.class).all().stream()
                .filter(Notification::isOpened)
                .map(n -> test(n).getText())
                .toList();
    }
}
