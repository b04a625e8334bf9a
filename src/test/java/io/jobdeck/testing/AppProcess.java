package io.jobdeck.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The application as a process of its own (a JVM on the test classpath) on a data directory, which a test kills as a
 * crash would ({@code SIGKILL}): nothing of it runs on, no shutdown hook, no last write. Its output goes to
 * {@code app-N.log} in the data directory.
 */
public final class AppProcess implements AutoCloseable {

    private static final AtomicInteger STARTS = new AtomicInteger();

    private final Process process;
    private final int port;

    private AppProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * Starts the app on {@code data} with the demo jobs off and the scheduler started, plus {@code arguments}
     * ({@code --name=value}), and waits until it is ready.
     */
    public static AppProcess start(Path data, String... arguments) {
        AppProcess app = launch(data, arguments);
        app.awaitReady();
        return app;
    }

    /** Starts the app as {@link #start} does, without waiting: several nodes start at once, then each is awaited. */
    public static AppProcess launch(Path data, String... arguments) {
        int port = freePort();
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(
                java,
                "-Xmx512m",
                // The same Vaadin mode as this test JVM (production in the build: no dev bundle, no Node).
                "-Dvaadin.productionMode=" + Boolean.getBoolean("vaadin.productionMode"),
                "-cp",
                System.getProperty("java.class.path"),
                "io.jobdeck.Application",
                "--server.port=" + port,
                "--jobdeck.data-dir=" + data,
                "--jobdeck.demo.enabled=false",
                "--jobdeck.scheduler.auto-start=true",
                "--vaadin.devmode.devTools.enabled=false"));
        command.addAll(List.of(arguments));
        Process process;
        try {
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(data.resolve("app-" + STARTS.getAndIncrement() + ".log")
                            .toFile())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new AppProcess(process, port);
    }

    /**
     * Waits until it answers ready (up to 3 minutes: three nodes starting at once on two cores that other builds use
     * too took over 90 s here, most of it JIT and class loading).
     */
    public AppProcess awaitReady() {
        ApiClient api = api();
        await("the app process on port " + port + " is ready")
                .atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(200))
                .ignoreExceptions()
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("the app process ended with " + process.exitValue());
                    }
                    return api.get("/actuator/health/readiness", "operator").status() == 200;
                });
        return this;
    }

    /** True until it ends or is killed. */
    public boolean isAlive() {
        return process.isAlive();
    }

    public int port() {
        return port;
    }

    public ApiClient api() {
        return new ApiClient(port);
    }

    /** Kills it at once, as a crash, and the processes it started (a shell job's commands, left behind otherwise). */
    public void kill() {
        List<ProcessHandle> children = process.descendants().toList();
        try {
            process.destroyForcibly().waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        children.forEach(ProcessHandle::destroyForcibly);
    }

    @Override
    public void close() {
        kill();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
