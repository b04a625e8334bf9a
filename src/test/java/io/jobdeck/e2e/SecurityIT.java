package io.jobdeck.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.jobdeck.testing.JobdeckApp;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Roles as a person meets them in Chromium: what a viewer cannot do, and an operator's stop in the audit view. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SecurityIT {

    static final Path DATA = JobdeckApp.newDataDir();
    static Browser browser;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("jobdeck.data-dir", DATA::toString);
        registry.add("jobdeck.scheduler.auto-start", () -> "true");
    }

    @LocalServerPort
    int port;

    @BeforeAll
    static void openBrowser() {
        browser = Browser.launch();
        browser.context().setDefaultTimeout(20_000);
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    private String base() {
        return "http://localhost:" + port;
    }

    @Test
    void a_viewer_finds_start_and_stop_disabled_and_calling_stop_anyway_is_refused() {
        Page page = Session.login(browser, base(), "viewer");
        assertThat(page.locator("#scheduler-state")).hasAttribute("data-state", "RUNNING");
        assertThat(page.locator("#start")).isDisabled();
        assertThat(page.locator("#stop")).isDisabled();
        assertThat(page.locator("#stop-interrupt")).isDisabled();

        // Enabling the button in the browser does not help: the server ignores clicks on disabled components.
        page.evaluate("document.querySelector('#stop').removeAttribute('disabled')");
        page.locator("#stop").click(new com.microsoft.playwright.Locator.ClickOptions().setForce(true));

        // Nor does calling the API directly: the service refuses a viewer.
        @SuppressWarnings("unchecked")
        Map<String, Object> answer = (Map<String, Object>) page.evaluate("""
                async () => {
                  const r = await fetch('/api/scheduler/stop', {method: 'POST',
                      headers: {Authorization: 'Basic ' + btoa('viewer:viewer-pass')}});
                  return {status: r.status, body: await r.json()};
                }""");
        assertThat(answer.get("status")).isEqualTo(403);
        assertThat(((Map<?, ?>) answer.get("body")).get("message")).isEqualTo("Your role does not allow this action");
        assertThat(page.locator("#scheduler-state")).hasAttribute("data-state", "RUNNING");
        page.close();
    }

    @Test
    void an_operators_stop_appears_in_the_admins_audit_view() {
        Page operator = Session.login(browser, base(), "operator");
        assertThat(operator.locator("#scheduler-state")).hasAttribute("data-state", "RUNNING");
        operator.locator("#stop").click();
        assertThat(operator.locator("#scheduler-state")).hasAttribute("data-state", Pattern.compile("STOPP(ING|ED)"));
        operator.locator("#start").click();
        assertThat(operator.locator("#scheduler-state")).hasAttribute("data-state", "RUNNING");
        operator.close();

        Page admin = Session.login(browser, base(), "admin");
        admin.locator("vaadin-side-nav-item[path='audit']").click();
        assertThat(admin.locator("#audit-grid")).containsText("operator");
        admin.locator("#audit-actor input").fill("operator");
        assertThat(admin.locator("#audit-grid")).containsText("Stop");
        assertThat(admin.locator("#audit-grid")).containsText("Success");
        assertThat(admin.locator("#audit-page")).containsText("Page 1 of 1");
        Browser.screenshot(admin, Path.of("target/screenshots/audit.png"));
        admin.close();
    }

    @Test
    void dark_mode_and_language_are_remembered_for_the_user() {
        Page page = Session.login(browser, base(), "admin");
        assertThat(page.locator("#theme-toggle")).hasAttribute("data-scheme", "light");
        page.locator("#theme-toggle").click();
        assertThat(page.locator("#theme-toggle")).hasAttribute("data-scheme", "dark");
        page.locator("#language").click();
        page.getByRole(AriaRole.OPTION, new Page.GetByRoleOptions().setName("Русский"))
                .click();
        assertThat(page.locator("h2")).containsText("Планировщик");
        page.close();

        Page again = Session.login(browser, base(), "admin");
        assertThat(again.locator("#theme-toggle")).hasAttribute("data-scheme", "dark");
        assertThat(again.locator("h2")).containsText("Планировщик");
        Browser.screenshot(again, Path.of("target/screenshots/dashboard-dark-ru.png"));

        // Leave the admin as the other tests expect it: light, English.
        again.locator("#theme-toggle").click();
        assertThat(again.locator("#theme-toggle")).hasAttribute("data-scheme", "light");
        again.locator("#language").click();
        again.getByRole(AriaRole.OPTION, new Page.GetByRoleOptions().setName("English"))
                .click();
        assertThat(again.locator("h2")).containsText("Scheduler");
        again.close();
    }
}
