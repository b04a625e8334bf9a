package io.jobdeck.e2e;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A headless Debian Chromium driven by Playwright, for end-to-end tests.
 *
 * <p>Uses the system browser at {@code /usr/bin/chromium}; Playwright never downloads a browser.
 * Each instance runs with a fresh, temporary profile that {@link #close()} deletes.
 *
 * <pre>{@code
 * static Browser browser;
 *
 * @BeforeAll
 * static void openBrowser() {
 *     browser = Browser.launch(); // skips the class when Chromium is missing, except on CI
 * }
 *
 * @Test
 * void opensDashboard() {
 *     Page page = browser.newPage();
 *     page.navigate("http://localhost:" + port + "/");
 *     Browser.screenshot(page, Path.of("target/screenshots/dashboard.png"));
 * }
 * }</pre>
 */
public final class Browser implements AutoCloseable {

    /** The Debian {@code chromium} package's launcher. */
    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    /** Flags that keep Chromium quiet on a closed network. Playwright adds {@code --headless} itself. */
    static final List<String> ARGS = List.of(
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync");

    private final Playwright playwright;
    private final BrowserContext context;
    private final Path userDataDir;

    private Browser(Playwright playwright, BrowserContext context, Path userDataDir) {
        this.playwright = playwright;
        this.context = context;
        this.userDataDir = userDataDir;
    }

    /**
     * Starts Playwright's driver and a headless Chromium with a fresh profile.
     *
     * @throws IllegalStateException if {@code /usr/bin/chromium} is missing
     */
    public static Browser launch() {
        if (!Files.isExecutable(CHROMIUM)) {
            String missing = CHROMIUM + " is missing: end-to-end tests need Debian's Chromium. "
                    + "Install it with: apt-get install -y --no-install-recommends chromium";
            if (required()) {
                throw new IllegalStateException(missing);
            }
            // A developer's fresh machine: the other tests still run; CI (CI=true) never skips these.
            System.err.println("WARNING: " + missing + " (end-to-end tests skipped)");
            Assumptions.abort(missing);
        }
        Path userDataDir;
        try {
            userDataDir = Files.createTempDirectory("jobdeck-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Playwright playwright = Playwright.create(
                new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        try {
            // launch() rejects --user-data-dir in args; a persistent context is how Playwright takes a profile dir.
            BrowserContext context = playwright
                    .chromium()
                    .launchPersistentContext(
                            userDataDir,
                            new BrowserType.LaunchPersistentContextOptions()
                                    .setExecutablePath(CHROMIUM)
                                    .setHeadless(true)
                                    .setArgs(ARGS)
                                    .setLocale("en-US") // the tests read English texts, whatever the machine's locale
                                    .setViewportSize(1280, 800));
            return new Browser(playwright, context, userDataDir);
        } catch (RuntimeException e) {
            try {
                playwright.close();
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            deleteRecursively(userDataDir);
            throw e;
        }
    }

    /** On CI ({@code CI=true}) or with {@code -Djobdeck.e2e.required=true}, a missing browser fails the tests. */
    private static boolean required() {
        return "true".equalsIgnoreCase(System.getenv("CI")) || Boolean.getBoolean("jobdeck.e2e.required");
    }

    /** Opens a new tab. */
    public Page newPage() {
        return context.newPage();
    }

    /** The underlying browser context, for cookies, tracing, default timeouts and so on. */
    public BrowserContext context() {
        return context;
    }

    /** Writes a full-page PNG of {@code page} to {@code file}, creating parent directories. */
    public static Path screenshot(Page page, Path file) {
        Path parent = file.toAbsolutePath().getParent();
        try {
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        page.screenshot(new Page.ScreenshotOptions().setPath(file).setFullPage(true));
        return file;
    }

    /**
     * A screenshot the README shows: written to {@code target/screenshots/<name>.png}, and with
     * {@code -Djobdeck.docs-screenshot=true} also to {@code docs/images/<name>.png} (off by default, so that a plain
     * build never changes a committed file).
     */
    public static void screenshotForDocs(Page page, String name) {
        Path file = screenshot(page, Path.of("target/screenshots", name + ".png"));
        if (!Boolean.getBoolean("jobdeck.docs-screenshot")) {
            return;
        }
        Path docs = Path.of("docs/images", name + ".png");
        try {
            Files.createDirectories(docs.getParent());
            Files.copy(file, docs, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Closes the browser and Playwright's driver, then deletes the temporary profile. */
    @Override
    public void close() {
        try {
            context.close();
        } finally {
            try {
                playwright.close();
            } finally {
                deleteRecursively(userDataDir);
            }
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort: a leftover temp profile is harmless
                }
            });
        } catch (IOException | UncheckedIOException ignored) {
            // best effort
        }
    }
}
