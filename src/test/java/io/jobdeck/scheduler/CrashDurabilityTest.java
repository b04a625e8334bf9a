package io.jobdeck.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobdeck.testing.AppProcess;
import io.jobdeck.testing.JobdeckApp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A command answered as saved survives a crash: the app runs as a process of its own, on its embedded H2 database;
 * each Start or Stop is answered {@code 200 "saved": true}, and the process is killed with SIGKILL at once. After the
 * restart the scheduler is in the state the last command asked for, and that command's audit record is stored.
 */
class CrashDurabilityTest {

    private static final int TRIALS = 4;

    @Test
    void a_command_answered_as_saved_survives_a_kill_9_right_after_the_answer() throws Exception {
        Path data = JobdeckApp.newDataDir();
        AppProcess app = start(data);
        try (HttpClient http = HttpClient.newHttpClient()) {
            for (int trial = 0; trial < TRIALS; trial++) {
                String command = trial % 2 == 0 ? "stop" : "start";
                HttpResponse<String> answer = post(http, "/api/v1/scheduler/" + command);
                assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
                assertThat(answer.body()).contains("\"saved\":true");
                app.kill();

                assertThat(auditedCommands(data))
                        .as("trial " + trial)
                        .endsWith(command.toUpperCase(java.util.Locale.ROOT));
                app = start(data);
                String status = get(http, "/api/v1/scheduler").body();
                assertThat(status)
                        .as("trial %d: after %s and a crash", trial, command)
                        .contains(command.equals("stop") ? "\"state\":\"STOPPED\"" : "\"state\":\"RUNNING\"");
            }
        } finally {
            app.kill();
        }
    }

    private int port;

    private AppProcess start(Path data) {
        AppProcess app = AppProcess.start(data);
        port = app.port();
        return app;
    }

    /** The lifecycle actions in the audit table, oldest first, read from the database file while the app is down. */
    private static List<String> auditedCommands(Path data) throws Exception {
        List<String> actions = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + data.resolve("jobdeck"), "sa", "");
                PreparedStatement s = c.prepareStatement("SELECT ACTION FROM JOBDECK_AUDIT WHERE ACTION IN"
                        + " ('START', 'STOP') AND OUTCOME = 'SUCCESS' ORDER BY ID");
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                actions.add(rs.getString(1));
            }
        }
        return actions;
    }

    private HttpResponse<String> post(HttpClient http, String path) throws Exception {
        return http.send(
                request(path).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(HttpClient http, String path) throws Exception {
        return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(20))
                .header(
                        "Authorization",
                        "Basic "
                                + Base64.getEncoder()
                                        .encodeToString("operator:operator-pass".getBytes(StandardCharsets.UTF_8)));
    }
}
