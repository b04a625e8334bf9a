package io.jobdeck.e2e;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The whole application on a random port, with a headless Chromium for the test class (Vaadin in development mode,
 * which needs no Node while the app has no frontend bundle). Each test class gets its own data directory and Quartz
 * scheduler name through {@link #app}, and its application is closed after the class.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
abstract class ChromiumTestBase {

    static Browser browser;

    @LocalServerPort
    int port;

    @BeforeAll
    static void openBrowser() {
        browser = Browser.launch();
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    /** A data directory and scheduler name of the test class's own; dev mode's tools overlay off (not the product). */
    static void app(DynamicPropertyRegistry registry, Path dataDir, String schedulerName) {
        registry.add("jobdeck.data-dir", dataDir::toString);
        registry.add("spring.quartz.scheduler-name", () -> schedulerName);
        registry.add("vaadin.devmode.devTools.enabled", () -> "false");
    }

    String baseUrl() {
        return "http://localhost:" + port;
    }
}
