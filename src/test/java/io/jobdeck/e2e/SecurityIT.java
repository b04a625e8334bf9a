package io.jobdeck.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.TimeoutError;
import com.microsoft.playwright.options.AriaRole;
import io.jobdeck.audit.AuditAction;
import io.jobdeck.audit.AuditLog;
import io.jobdeck.audit.AuditOutcome;
import io.jobdeck.security.Actor;
import io.jobdeck.testing.JobdeckApp;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Roles and logins as a person meets them in Chromium: what a viewer cannot do, an operator's stop in the audit view,
 * the one message a locked user sees, and long typed-in names in the audit grid.
 */
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

    @Autowired
    AuditLog audit;

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
                  const r = await fetch('/api/v1/scheduler/stop', {method: 'POST',
                      headers: {Authorization: 'Basic ' + btoa('viewer:viewer-pass')}});
                  return {status: r.status, body: await r.json()};
                }""");
        assertThat(answer.get("status")).isEqualTo(403);
        assertThat(((Map<?, ?>) answer.get("body")).get("detail")).isEqualTo("Your role does not allow this action");
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
    void a_locked_user_who_then_types_the_right_password_sees_one_true_message() {
        browser.context().clearCookies();
        Page page = browser.newPage();
        // From an address of its own, so that the lock does not touch the other tests' logins.
        page.setExtraHTTPHeaders(Map.of("X-Forwarded-For", "192.0.2.99"));
        for (int i = 0; i < 5; i++) {
            signIn(page, "viewer", "wrong-" + i);
            assertThat(page.locator("#login-notice")).containsText("Wrong user name or password");
        }

        signIn(page, "viewer", "viewer-pass");

        assertThat(page.locator("#login-notice"))
                .hasText("Too many failed attempts for this user. Wait a few minutes, then try again.");
        assertThat(page.getByText("Wrong user name or password")).hasCount(0);
        Browser.screenshot(page, Path.of("target/screenshots/login-locked.png"));
        page.close();
    }

    @Test
    void a_viewer_opening_the_audit_log_by_its_address_is_told_it_is_not_allowed() {
        Page page = Session.login(browser, base(), "viewer");

        page.navigate(base() + "/audit");

        assertThat(page.locator("#access-denied h2")).hasText("You don’t have access to this page");
        page.locator("#access-denied-home").click();
        assertThat(page.locator("#scheduler-state")).isVisible();
        page.close();
    }

    @Test
    void a_300_character_user_name_does_not_push_the_audit_columns_off_screen() throws Exception {
        audit.record(
                        new Actor("n".repeat(300), "203.0.113.5"),
                        AuditAction.LOGIN_FAILED,
                        "n".repeat(300),
                        AuditOutcome.FAILED,
                        "Bad credentials")
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        Page admin = Session.login(browser, base(), "admin");
        admin.navigate(base() + "/audit");
        admin.locator("#audit-actor input").fill("nnnnnnnnnn");
        assertThat(admin.locator("#audit-page")).hasText("Page 1 of 1 · 1 entries");

        Object overflow = admin.evaluate(
                "() => { const t = document.querySelector('#audit-grid').shadowRoot.querySelector('#table');"
                        + " return t.scrollWidth - t.clientWidth; }");
        assertThat(((Number) overflow).intValue())
                .as("horizontal overflow in px")
                .isLessThanOrEqualTo(0);
        var outcome = admin.locator(
                        "#audit-grid vaadin-grid-cell-content", new Page.LocatorOptions().setHasText("Outcome"))
                .first()
                .boundingBox();
        assertThat(outcome.x + outcome.width)
                .as("the Outcome column is on screen")
                .isLessThanOrEqualTo(1280);
        Browser.screenshot(admin, Path.of("target/screenshots/audit-long-name.png"));
        admin.close();
    }

    @Test
    void logging_out_lands_on_the_login_page_and_ends_the_session() {
        Page page = Session.login(browser, base(), "viewer");

        page.locator("#logout").click();

        awaitUrlEnding(page, "/login?logout");
        assertThat(page.locator("#login-notice")).hasText("You are signed out.");
        page.navigate(base() + "/");
        awaitUrlEnding(page, "/login");
        page.close();
    }

    /** Waits for the page to be at a URL; if it never gets there, says where it is and keeps a screenshot. */
    private static void awaitUrlEnding(Page page, String suffix) {
        try {
            page.waitForURL(url -> url.endsWith(suffix));
        } catch (TimeoutError stuck) {
            Browser.screenshot(
                    page, Path.of("target/screenshots/stuck-before-" + suffix.replaceAll("\\W", "_") + ".png"));
            throw new AssertionError("Still at " + page.url() + ", waiting for a URL ending in " + suffix, stuck);
        }
    }

    private void signIn(Page page, String user, String password) {
        page.navigate(base() + "/login");
        page.locator("input[name=username]").fill(user);
        page.locator("input[name=password]").fill(password);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in"))
                .click();
        page.waitForURL(url -> url.contains("/login?"));
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
        Browser.screenshotForDocs(again, "dashboard-dark-ru");

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
