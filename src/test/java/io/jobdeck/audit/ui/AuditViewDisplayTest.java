package io.jobdeck.audit.ui;

import static io.jobdeck.testing.Views.awaitView;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.TextField;
import io.jobdeck.audit.AuditAction;
import io.jobdeck.audit.AuditEntry;
import io.jobdeck.audit.AuditLog;
import io.jobdeck.audit.AuditOutcome;
import io.jobdeck.audit.internal.AuditRepository;
import io.jobdeck.security.Actor;
import io.jobdeck.testing.Isolated;
import io.jobdeck.testing.JobdeckApp;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** How typed-in text and times look in the audit grid: cut, whole in a tooltip, neutralised, dated when old. */
@SpringBootTest
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@WithMockUser(
        username = "admin",
        roles = {"VIEWER", "OPERATOR", "ADMIN"})
class AuditViewDisplayTest extends SpringBrowserlessTest {

    static final Path DATA = JobdeckApp.newDataDir();
    static final String LONG_NAME = "x".repeat(300);
    static boolean seeded;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        Isolated.quietApp(registry, DATA);
        registry.add("spring.quartz.scheduler-name", () -> "jobdeck-audit-view-display-test");
    }

    @Autowired
    AuditLog audit;

    @Autowired
    AuditRepository repository;

    @BeforeEach
    void seed() throws Exception {
        if (seeded) {
            return;
        }
        seeded = true;
        audit.record(new Actor(LONG_NAME, "10.0.0.1"), AuditAction.LOGIN_FAILED, LONG_NAME, AuditOutcome.FAILED, null)
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        audit.record(
                        new Actor("admin\u202Enimda", "10.0.0.2"),
                        AuditAction.LOGIN,
                        "admin\u202Enimda",
                        AuditOutcome.SUCCESS,
                        null)
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        repository.insertAll(List.of(new AuditEntry(
                0,
                Instant.now().minus(Duration.ofDays(3)),
                "old-timer",
                null,
                AuditAction.STOP,
                "scheduler jobdeck",
                AuditOutcome.SUCCESS,
                null,
                "node-1")));
        audit.record(new Actor("new-comer", null), AuditAction.START, "scheduler jobdeck", AuditOutcome.SUCCESS, null)
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
    }

    @Test
    void a_300_character_user_name_is_cut_and_whole_in_a_tooltip_without_sizing_its_column() {
        showOnly("xxxxxxxxxx");

        var actor = test(grid()).getColumn("actor");
        String shown = test(grid()).getCellText(0, test(grid()).getColumnPosition("actor"));
        assertThat(shown).hasSize(AuditView.ACTOR_SHOWN).endsWith("…");
        assertThat(actor.getTooltipGenerator().apply(test(grid()).getRow(0)))
                .as("the tooltip has the whole stored name (the trail keeps 200 characters)")
                .hasSize(200)
                .startsWith("xxxxxxxxxx");
        assertThat(actor.isAutoWidth())
                .as("its width does not follow its content")
                .isFalse();
        assertThat(test(grid()).getCellText(0, test(grid()).getColumnPosition("target")))
                .hasSize(AuditView.TARGET_SHOWN);
    }

    @Test
    void bidi_controls_in_a_user_name_are_shown_neutralised() {
        showOnly("nimda");

        String shown = test(grid()).getCellText(0, test(grid()).getColumnPosition("actor"));

        assertThat(shown).isEqualTo("admin\uFFFDnimda").doesNotContain("\u202E");
        assertThat(test(grid())
                        .getColumn("actor")
                        .getTooltipGenerator()
                        .apply(test(grid()).getRow(0)))
                .doesNotContain("\u202E");
    }

    @Test
    void entries_older_than_today_show_their_date_and_todays_only_the_time() {
        showOnly("old-timer");
        AuditEntry old = test(grid()).getRow(0);
        String oldDate = DateTimeFormatter.ofLocalizedDate(FormatStyle.SHORT)
                .withLocale(UI.getCurrent().getLocale())
                .withZone(ZoneId.systemDefault())
                .format(old.at());
        assertThat(test(grid()).getCellText(0, 0)).contains(oldDate);

        showOnly("new-comer");
        String today = DateTimeFormatter.ofLocalizedDate(FormatStyle.SHORT)
                .withLocale(UI.getCurrent().getLocale())
                .withZone(ZoneId.systemDefault())
                .format(test(grid()).getRow(0).at());
        assertThat(test(grid()).getCellText(0, 0)).doesNotContain(today);
    }

    private void showOnly(String actorPart) {
        navigate(AuditView.class);
        Span page = find(Span.class).withId("audit-page").single();
        awaitView(() -> assertThat(page.getText()).endsWith("entries"));
        test(find(TextField.class).withId("audit-actor").single()).setValue(actorPart);
        awaitView(() -> assertThat(page.getText()).isEqualTo("Page 1 of 1 · 1 entries"));
    }

    @SuppressWarnings("unchecked")
    private Grid<AuditEntry> grid() {
        return find(Grid.class).withId("audit-grid").single();
    }
}
