package io.jobdeck.jobs.code.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.router.QueryParameters;
import io.jobdeck.jobs.code.ImportPlan;
import io.jobdeck.testing.Isolated;
import io.jobdeck.testing.JobdeckApp;
import io.jobdeck.testing.Views;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The definitions page as an admin meets it: a document pasted, its difference shown, imported only once confirmed. */
@SpringBootTest
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@WithMockUser(
        username = "admin",
        roles = {"VIEWER", "OPERATOR", "ADMIN"})
class DefinitionsViewTest extends SpringBrowserlessTest {

    static final Path DATA = JobdeckApp.newDataDir();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        Isolated.quietApp(registry, DATA);
        registry.add("spring.quartz.scheduler-name", () -> "jobdeck-definitions-view-test");
    }

    static final String DOCUMENT = """
            version: 1
            jobs:
              - group: reports
                name: nightly
                type: HTTP
                properties: {http.url: "https://reports.example.com/run"}
                triggers: [{cron: "0 0 3 * * ?", zone: UTC}]
            """;

    @Autowired
    Scheduler scheduler;

    @BeforeEach
    void empty() throws Exception {
        scheduler.clear();
    }

    @Test
    @SuppressWarnings("unchecked")
    void a_pasted_document_shows_its_difference_and_is_imported_only_once_confirmed() throws Exception {
        navigate(DefinitionsView.class);
        test(find(TextArea.class).id("definitions-document")).setValue(DOCUMENT);
        Button apply = find(Button.class).id("definitions-apply");
        assertThat(apply.isEnabled()).isFalse();

        test(find(Button.class).id("definitions-check")).click();
        Views.awaitView(() -> assertThat(apply.isEnabled()).isTrue());
        Grid<ImportPlan.Change> changes = find(Grid.class).id("definitions-changes");
        assertThat(test(changes).size()).isEqualTo(1);
        assertThat(test(changes).getCellText(0, 0)).isEqualTo("added");
        assertThat(test(changes).getCellText(0, 2)).isEqualTo("reports.nightly");
        assertThat(find(Paragraph.class).id("definitions-summary").getText()).contains("adds 1 jobs");
        assertThat(scheduler.checkExists(JobKey.jobKey("nightly", "reports"))).isFalse();

        test(apply).click();
        test(find(Button.class).id("definitions-confirm-confirm")).click();
        Views.awaitView(() -> assertThat(scheduler.checkExists(JobKey.jobKey("nightly", "reports")))
                .isTrue());
    }

    @Test
    @SuppressWarnings("unchecked")
    void a_broken_document_shows_every_problem_with_its_path_and_cannot_be_imported() {
        navigate(DefinitionsView.class);
        test(find(TextArea.class).id("definitions-document"))
                .setValue(DOCUMENT.replace("0 0 3 * * ?", "nightly").replace("type: HTTP", "type: FTP"));

        test(find(Button.class).id("definitions-check")).click();
        Views.awaitView(
                () -> assertThat(find(Grid.class).id("definitions-problems").isVisible())
                        .isTrue());
        Grid<ImportPlan.Problem> problems = find(Grid.class).id("definitions-problems");
        assertThat(test(problems).getCellText(0, 0)).isEqualTo("jobs[0].type");
        assertThat(find(Button.class).id("definitions-apply").isEnabled()).isFalse();
    }

    @Test
    void the_jobs_chosen_on_the_jobs_page_are_exported_alone() throws Exception {
        navigate(DefinitionsView.class);
        test(find(TextArea.class).id("definitions-document")).setValue(DOCUMENT + """
                  - group: reports
                    name: weekly
                    type: HTTP
                    properties: {http.url: "https://reports.example.com/week"}
                    triggers: []
                """);
        test(find(Button.class).id("definitions-check")).click();
        Button apply = find(Button.class).id("definitions-apply");
        Views.awaitView(() -> assertThat(apply.isEnabled()).isTrue());
        test(apply).click();
        test(find(Button.class).id("definitions-confirm-confirm")).click();
        Views.awaitView(() -> assertThat(scheduler.checkExists(JobKey.jobKey("weekly", "reports")))
                .isTrue());

        // As the Jobs page's Export leads here with its selection.
        UI.getCurrent().navigate("definitions", QueryParameters.of("job", "reports/weekly"));
        assertThat(find(Span.class).id("definitions-chosen").getText()).isEqualTo("The 1 jobs chosen on the Jobs page");
        test(find(Button.class).id("definitions-export")).click();
        Views.awaitView(
                () -> assertThat(find(TextArea.class).id("definitions-exported").getValue())
                        .contains("name: weekly")
                        .doesNotContain("nightly"));
    }
}
