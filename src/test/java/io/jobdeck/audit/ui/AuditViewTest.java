package io.jobdeck.audit.ui;

import static io.jobdeck.testing.Views.awaitView;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.TextField;
import io.jobdeck.audit.AuditAction;
import io.jobdeck.audit.AuditEntry;
import io.jobdeck.audit.AuditLog;
import io.jobdeck.audit.AuditOutcome;
import io.jobdeck.security.Actor;
import io.jobdeck.testing.Isolated;
import io.jobdeck.testing.JobdeckApp;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@WithMockUser(
        username = "admin",
        roles = {"VIEWER", "OPERATOR", "ADMIN"})
class AuditViewTest extends SpringBrowserlessTest {

    static final Path DATA = JobdeckApp.newDataDir();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        Isolated.quietApp(registry, DATA);
    }

    static boolean seeded;

    @Autowired
    AuditLog audit;

    @BeforeAll
    static void reset() {
        seeded = false;
    }

    void seed() throws Exception {
        if (seeded) {
            return;
        }
        seeded = true;
        var writes = IntStream.range(0, 120)
                .mapToObj(i -> audit.record(
                                new Actor(i % 2 == 0 ? "alice" : "bob", "10.0.0." + i),
                                i % 3 == 0 ? AuditAction.STOP : AuditAction.START,
                                "scheduler jobdeck",
                                AuditOutcome.SUCCESS,
                                null)
                        .toCompletableFuture())
                .toArray(CompletableFuture[]::new);
        audit.record(
                        new Actor("<img src=x onerror=alert(1)>", null),
                        AuditAction.LOGIN_FAILED,
                        "<b>bold</b>",
                        AuditOutcome.FAILED,
                        "Bad credentials")
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        CompletableFuture.allOf(writes).get(10, TimeUnit.SECONDS);
    }

    @Test
    void entries_are_paged_on_the_server_newest_first() throws Exception {
        seed();
        navigate(AuditView.class);
        Span page = find(Span.class).withId("audit-page").single();

        awaitView(() -> assertThat(page.getText()).isEqualTo("Page 1 of 3 · 121 entries"));
        assertThat(test(grid()).size()).isEqualTo(50);
        assertThat(test(grid()).getRow(0).actor()).isEqualTo("<img src=x onerror=alert(1)>");

        test(find(Button.class).withId("audit-next").single()).click();
        awaitView(() -> assertThat(page.getText()).isEqualTo("Page 2 of 3 · 121 entries"));
        test(find(Button.class).withId("audit-next").single()).click();
        awaitView(() -> assertThat(page.getText()).isEqualTo("Page 3 of 3 · 121 entries"));
        assertThat(test(grid()).size()).isEqualTo(21);
        assertThat(find(Button.class).withId("audit-next").single().isEnabled()).isFalse();
    }

    @Test
    void filters_narrow_the_trail_and_typed_markup_is_shown_as_text() throws Exception {
        seed();
        navigate(AuditView.class);
        Span page = find(Span.class).withId("audit-page").single();
        awaitView(() -> assertThat(page.getText()).endsWith("121 entries"));

        test(find(TextField.class).withId("audit-actor").single()).setValue("onerror");

        awaitView(() -> assertThat(page.getText()).isEqualTo("Page 1 of 1 · 1 entries"));
        assertThat(test(grid()).getCellText(0, 1)).isEqualTo("<img src=x onerror=alert(1)>");
        assertThat(test(grid()).getCellText(0, 4)).isEqualTo("<b>bold</b>");
    }

    @Test
    void a_from_after_to_is_refused_next_to_the_field() {
        navigate(AuditView.class);
        var pickers = find(DateTimePicker.class).all();
        LocalDateTime now = LocalDateTime.now();
        test(pickers.get(0)).setValue(now);
        test(pickers.get(1)).setValue(now.minusDays(1));

        assertThat(pickers.get(1).isInvalid()).isTrue();
        assertThat(pickers.get(1).getErrorMessage()).isEqualTo("“From” must be before “To”");
    }

    @SuppressWarnings("unchecked")
    private Grid<AuditEntry> grid() {
        return find(Grid.class).withId("audit-grid").single();
    }
}
