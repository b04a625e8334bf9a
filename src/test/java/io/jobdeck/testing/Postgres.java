package io.jobdeck.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server process (embedded binaries from Maven, no Docker) that a test can stop, restart on the
 * same data and port, or freeze and thaw ({@code SIGSTOP}/{@code SIGCONT} on every PostgreSQL process), as a
 * database that hangs rather than refuses.
 */
public final class Postgres implements AutoCloseable {

    private final Path dataDir;
    private final int port;
    private EmbeddedPostgres server;

    private Postgres(Path dataDir, int port) throws IOException {
        this.dataDir = dataDir;
        this.port = port;
        this.server = start(dataDir, port);
    }

    /** A fresh server on a free port. */
    public static Postgres start() {
        try {
            return new Postgres(JobdeckApp.newDataDir(), freePort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The settings a user would give Jobdeck: the datasource and nothing else. */
    public Map<String, Object> datasource() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("spring.datasource.url", "jdbc:postgresql://localhost:" + port + "/postgres");
        settings.put("spring.datasource.username", "postgres");
        settings.put("spring.datasource.password", "postgres");
        return settings;
    }

    /** Runs SQL as the superuser, on a connection of its own. */
    public void execute(String sql) {
        try (Connection c = server.getPostgresDatabase().getConnection();
                Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A connection of its own, as the superuser (for a test that holds a lock). */
    public Connection connection() throws SQLException {
        return server.getPostgresDatabase().getConnection();
    }

    /** Stops the server (connections are refused). */
    public void stop() throws IOException {
        server.close();
    }

    /** Starts it again on the same data and port. */
    public void restart() throws IOException {
        server = start(dataDir, port);
    }

    /** Freezes every PostgreSQL process: connections stay open, nothing answers. */
    public void freeze() {
        signal("STOP");
    }

    public void thaw() {
        signal("CONT");
    }

    private void signal(String signal) {
        List<String> pids = processes().map(p -> String.valueOf(p.pid())).toList();
        if (pids.isEmpty()) {
            throw new IllegalStateException("No PostgreSQL process found for " + dataDir);
        }
        try {
            Process kill = new ProcessBuilder(Stream.concat(Stream.of("kill", "-" + signal), pids.stream())
                            .toList())
                    .inheritIO()
                    .start();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill -" + signal + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The postmaster (its pid is the first line of postmaster.pid) and every process it started. */
    private Stream<ProcessHandle> processes() {
        try {
            long pid = Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid"))
                    .getFirst()
                    .strip());
            ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow();
            return Stream.concat(Stream.of(postmaster), postmaster.descendants());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        thawQuietly();
        server.close();
    }

    private void thawQuietly() {
        try {
            signal("CONT");
        } catch (RuntimeException ignored) {
            // not running, or not frozen
        }
    }

    private static EmbeddedPostgres start(Path dataDir, int port) throws IOException {
        return EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setPort(port)
                .start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
