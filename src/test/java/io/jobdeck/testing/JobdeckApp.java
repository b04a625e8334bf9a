package io.jobdeck.testing;

import static org.awaitility.Awaitility.await;

import io.jobdeck.Application;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts the real application (on a random port) on its own H2 file database, for tests that restart it or need
 * several instances. Closing it asserts that every Jobdeck and Quartz thread is gone.
 */
public final class JobdeckApp implements AutoCloseable {

    private final ConfigurableApplicationContext context;
    private final Set<Thread> threadsBefore;

    private JobdeckApp(ConfigurableApplicationContext context, Set<Thread> threadsBefore) {
        this.context = context;
        this.threadsBefore = threadsBefore;
    }

    /** A fresh data directory, deleted when the test JVM ends. */
    public static Path newDataDir() {
        try {
            Path dir = Files.createTempDirectory("jobdeck-test-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(dir), "delete-" + dir.getFileName()));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Best effort: by JVM exit the applications are closed and H2 has released its files. */
    private static void deleteQuietly(Path dir) {
        try (java.util.stream.Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // a leftover temp dir is harmless
        }
    }

    /** Starts the app on {@code dataDir} with the demo jobs off; {@code properties} add to or override that. */
    public static JobdeckApp start(Path dataDir, Map<String, Object> properties) {
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("jobdeck.data-dir", dataDir);
        all.put("jobdeck.demo.enabled", false);
        all.put("server.port", 0);
        all.put("jobdeck.scheduler.probe-interval", "200ms");
        all.put("jobdeck.scheduler.shutdown-timeout", "3s"); // a demo report left running must not hold every test
        all.putAll(properties);
        List<String> args = new ArrayList<>();
        all.forEach((k, v) -> args.add("--" + k + "=" + v));
        Set<Thread> before = schedulerThreads();
        ConfigurableApplicationContext context = new SpringApplicationBuilder(Application.class)
                .web(WebApplicationType.SERVLET)
                .run(args.toArray(String[]::new));
        return new JobdeckApp(context, before);
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    /** The HTTP port the app listens on. */
    public int port() {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port", "0"));
    }

    public String baseUrl() {
        return "http://localhost:" + port();
    }

    @Override
    public void close() {
        context.close();
        await("Jobdeck and Quartz threads end with the application")
                .atMost(Duration.ofSeconds(20))
                .until(() -> threadsBefore.containsAll(schedulerThreads()));
    }

    /** Live threads that belong to Jobdeck or a Quartz scheduler (other tests' applications may own some). */
    public static Set<Thread> schedulerThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .filter(t -> t.getName().startsWith("jobdeck") || t.getName().contains("QuartzSchedulerThread"))
                // Hikari's own short-lived helpers (e.g. "jobdeck-db:connection-closer") are the pool's, not ours.
                .filter(t -> !t.getName().startsWith("jobdeck-db:"))
                .collect(Collectors.toSet());
    }
}
