package io.jobdeck.security.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import io.jobdeck.testing.Isolated;
import io.jobdeck.testing.JobdeckApp;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@WithMockUser(
        username = "viewer",
        roles = {"VIEWER"})
class AccessDeniedViewTest extends SpringBrowserlessTest {

    static final Path DATA = JobdeckApp.newDataDir();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        Isolated.quietApp(registry, DATA);
        registry.add("spring.quartz.scheduler-name", () -> "jobdeck-access-denied-view-test");
    }

    @Test
    void a_viewer_opening_the_audit_log_by_its_url_is_told_it_is_not_allowed_and_shown_the_way_home() {
        navigate("audit", AccessDeniedView.class);

        assertThat(find(H2.class).single().getText()).isEqualTo("You don’t have access to this page");
        Anchor home = find(Anchor.class).withId("access-denied-home").single();
        assertThat(home.getText()).isEqualTo("Go to the start page");
        assertThat(home.getHref()).isEqualTo(".");
        assertThat(find(Grid.class).all()).as("no audit entries shown").isEmpty();
    }

    @Test
    void the_message_is_in_the_users_language() {
        UI.getCurrent().setLocale(Locale.forLanguageTag("ru"));

        navigate("audit", AccessDeniedView.class);

        assertThat(find(H2.class).single().getText()).isEqualTo("У вас нет доступа к этой странице");
    }
}
