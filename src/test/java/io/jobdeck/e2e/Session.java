package io.jobdeck.e2e;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.TimeoutError;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.WaitForSelectorState;
import java.net.URI;

/** Logs a test user in and out through the real login page (passwords are {@code <user>-pass}). */
public final class Session {

    private Session() {}

    public static Page login(Browser browser, String baseUrl, String user) {
        // Only this host's cookies: a second user logs in at another name of the same server (127.0.0.1 beside
        // localhost), so that two users' tabs share one browser without sharing a session.
        browser.context()
                .clearCookies(new BrowserContext.ClearCookiesOptions()
                        .setDomain(URI.create(baseUrl).getHost()));
        Page page = browser.newPage();
        page.navigate(baseUrl + "/login");
        page.locator("input[name=username]").fill(user);
        page.locator("input[name=password]").fill(user + "-pass");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in"))
                .click();
        page.waitForURL(url -> !url.contains("/login"), new Page.WaitForURLOptions().setTimeout(30_000));
        Locator shown = page.locator("#current-user");
        try {
            shown.waitFor(new Locator.WaitForOptions()
                    .setState(WaitForSelectorState.VISIBLE)
                    .setTimeout(15_000));
        } catch (TimeoutError notTheDashboard) {
            // Logged in, but sent to a request saved before login that is not a page: open the start page.
            page.navigate(baseUrl + "/");
            shown.waitFor(new Locator.WaitForOptions()
                    .setState(WaitForSelectorState.VISIBLE)
                    .setTimeout(30_000));
        }
        return page;
    }
}
