package io.jobdeck.e2e;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.WaitForSelectorState;

/** Logs a test user in and out through the real login page (passwords are {@code <user>-pass}). */
public final class Session {

    private Session() {}

    public static Page login(Browser browser, String baseUrl, String user) {
        browser.context().clearCookies();
        Page page = browser.newPage();
        page.navigate(baseUrl + "/login");
        page.locator("input[name=username]").fill(user);
        page.locator("input[name=password]").fill(user + "-pass");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
        page.locator("#current-user").waitFor(new com.microsoft.playwright.Locator.WaitForOptions()
                .setState(WaitForSelectorState.VISIBLE).setTimeout(30_000));
        return page;
    }
}
