package io.jobdeck.jobs.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobdeck.testing.ApiClient;
import io.jobdeck.testing.ApiClient.Answer;
import io.jobdeck.testing.Isolated;
import io.jobdeck.testing.JobdeckApp;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** The REST API does what the UI does, through the same services, and answers every refusal as a problem detail. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class JobsApiTest {

    static final Path DATA = JobdeckApp.newDataDir();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        Isolated.quietApp(registry, DATA);
        registry.add("spring.quartz.scheduler-name", () -> "jobdeck-jobs-api-test");
    }

    @LocalServerPort
    int port;

    ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(port).awaitReady();
    }

    static String job(String group, String name, String cron) {
        return """
                {"group": "%s", "name": "%s", "description": "nightly report", "type": "HTTP",
                 "data": {"http.url": "http://127.0.0.1:9/report"},
                 "triggers": [{"kind": "CRON", "cron": "%s", "zone": "Europe/Berlin"}]}""".formatted(group, name, cron);
    }

    @Test
    void a_job_is_created_read_updated_over_its_etag_and_deleted() {
        Answer created = api.call("POST", "/api/v1/jobs", "admin", job("reports", "nightly", "0 0 3 * * ?"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.header("Location")).endsWith("/api/v1/jobs/reports/nightly");

        Answer details = api.get("/api/v1/jobs/reports/nightly", "viewer");
        assertThat(details.status()).isEqualTo(200);
        assertThat(details.json().path("description").asString()).isEqualTo("nightly report");
        assertThat(details.json()
                        .path("triggers")
                        .get(0)
                        .path("schedule")
                        .path("expression")
                        .asString())
                .isEqualTo("0 0 3 * * ?");

        Answer read = api.get("/api/v1/jobs/reports/nightly/definition", "admin");
        String etag = read.header("ETag");
        assertThat(etag).startsWith("\"").endsWith("\"");
        assertThat(read.json().path("triggers").get(0).path("zone").asString()).isEqualTo("Europe/Berlin");

        String changed = job("ignored", "ignored", "0 30 4 * * ?");
        Answer noIfMatch = api.call("PUT", "/api/v1/jobs/reports/nightly", "admin", changed);
        assertThat(noIfMatch.status()).isEqualTo(428);
        assertThat(noIfMatch.isProblem()).isTrue();
        Answer wrongVersion =
                api.call("PUT", "/api/v1/jobs/reports/nightly", "admin", changed, "If-Match", "\"not-the-version\"");
        assertThat(wrongVersion.status()).isEqualTo(412);
        assertThat(wrongVersion.isProblem()).isTrue();
        assertThat(api.get("/api/v1/jobs/reports/nightly/definition", "admin").header("ETag"))
                .as("nothing saved")
                .isEqualTo(etag);

        Answer updated = api.call("PUT", "/api/v1/jobs/reports/nightly", "admin", changed, "If-Match", etag);
        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        assertThat(updated.json().path("changes").asString()).contains("0 30 4 * * ?");
        assertThat(updated.header("ETag")).isNotEmpty().isNotEqualTo(etag);
        assertThat(api.get("/api/v1/jobs/reports/nightly", "viewer").body()).contains("0 30 4 * * ?");

        Answer stale = api.call("PUT", "/api/v1/jobs/reports/nightly", "admin", changed, "If-Match", etag);
        assertThat(stale.status()).as("a second writer with the old version").isEqualTo(412);

        assertThat(api.call("DELETE", "/api/v1/jobs/reports/nightly", "admin", null)
                        .status())
                .isEqualTo(204);
        Answer gone = api.get("/api/v1/jobs/reports/nightly", "viewer");
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.isProblem()).isTrue();
        assertThat(api.call("DELETE", "/api/v1/jobs/reports/nightly", "admin", null)
                        .status())
                .isEqualTo(404);
        assertThat(api.call("PUT", "/api/v1/jobs/reports/nightly", "admin", changed, "If-Match", etag)
                        .status())
                .isEqualTo(404);
        assertThat(api.get("/api/v1/jobs/reports/nightly/definition", "admin").status())
                .isEqualTo(404);
    }

    @Test
    void a_refused_definition_answers_422_naming_each_field_and_saves_nothing() {
        Answer refused = api.call("POST", "/api/v1/jobs", "admin", """
                {"group": "bad", "name": "job!", "type": "HTTP", "data": {},
                 "triggers": [{"kind": "CRON", "cron": "every day"}]}""");

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.isProblem()).isTrue();
        assertThat(fields(refused)).contains("name", "cron", "http.url");
        assertThat(api.get("/api/v1/jobs?group=bad", "viewer")
                        .json()
                        .path("total")
                        .asLong())
                .isZero();

        Answer noType = api.call("POST", "/api/v1/jobs", "admin", "{\"group\": \"bad\", \"name\": \"job\"}");
        assertThat(noType.status()).isEqualTo(422);
        assertThat(fields(noType)).containsExactly("type");
    }

    @Test
    void a_retry_policy_is_part_of_the_definition_and_a_bad_one_answers_422_naming_its_fields() {
        Answer created = api.call("POST", "/api/v1/jobs", "admin", """
                {"group": "retried", "name": "sync", "type": "HTTP", "data": {"http.url": "http://127.0.0.1:9/x"},
                 "retry": {"maxAttempts": 4, "backoff": "EXPONENTIAL", "delay": "PT0.2S", "maxDelay": "PT1M",
                           "jitter": 25, "failures": ["TIMED_OUT"], "errorContains": "503"}}""");
        assertThat(created.status()).as(created.body()).isEqualTo(201);

        tools.jackson.databind.JsonNode retry =
                api.get("/api/v1/jobs/retried/sync/definition", "admin").json().path("retry");
        assertThat(retry.path("maxAttempts").asInt()).isEqualTo(4);
        assertThat(retry.path("backoff").asString()).isEqualTo("EXPONENTIAL");
        assertThat(retry.path("delay").asString()).isEqualTo("PT0.2S");
        assertThat(retry.path("maxDelay").asString()).isEqualTo("PT1M");
        assertThat(retry.path("jitter").asInt()).isEqualTo(25);
        assertThat(retry.path("failures").get(0).asString()).isEqualTo("TIMED_OUT");
        assertThat(retry.path("errorContains").asString()).isEqualTo("503");

        Answer refused = api.call("POST", "/api/v1/jobs", "admin", """
                {"group": "retried", "name": "bad", "type": "HTTP", "data": {"http.url": "http://127.0.0.1:9/x"},
                 "retry": {"maxAttempts": 0, "delay": "-PT1S", "jitter": 101}}""");
        assertThat(refused.status()).isEqualTo(422);
        assertThat(fields(refused)).contains("retry.maxAttempts", "retry.jitter");
        Answer refusedAgain = api.call("POST", "/api/v1/jobs", "admin", """
                {"group": "retried", "name": "bad", "type": "HTTP", "data": {"http.url": "http://127.0.0.1:9/x"},
                 "retry": {"maxAttempts": 2, "backoff": "EXPONENTIAL", "delay": "PT1M", "maxDelay": "PT1S",
                           "failures": []}}""");
        assertThat(refusedAgain.status()).isEqualTo(422);
        assertThat(fields(refusedAgain)).contains("retry.maxDelay", "retry.failures");
        assertThat(api.get("/api/v1/jobs/retried/bad", "viewer").status()).isEqualTo(404);
    }

    @Test
    void malformed_json_and_unknown_enum_values_answer_400_naming_the_field() {
        Answer malformed = api.call("POST", "/api/v1/jobs", "admin", "{\"group\": ");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.isProblem()).isTrue();

        Answer unknownType = api.call("POST", "/api/v1/jobs", "admin", "{\"type\": \"FTP\"}");
        assertThat(unknownType.status()).isEqualTo(400);
        assertThat(fields(unknownType)).containsExactly("type");
        assertThat(unknownType.json().path("errors").get(0).path("message").asString())
                .contains("HTTP, SHELL, JAVA");

        Answer unknownKind = api.call(
                "POST", "/api/v1/jobs", "admin", "{\"type\": \"HTTP\", \"triggers\": [{\"kind\": \"<b>DAILY</b>\"}]}");
        assertThat(unknownKind.status()).isEqualTo(400);
        assertThat(fields(unknownKind)).containsExactly("triggers[0].kind");
        assertThat(unknownKind.body()).doesNotContain("<b>");

        Answer unknownState = api.get("/api/v1/jobs?state=SLEEPING", "viewer");
        assertThat(unknownState.status()).isEqualTo(400);
        assertThat(fields(unknownState)).containsExactly("state");

        Answer hugePage = api.get("/api/v1/jobs?limit=100000", "viewer");
        assertThat(hugePage.status()).isEqualTo(400);
        assertThat(hugePage.isProblem()).isTrue();
    }

    @Test
    void the_list_is_searched_filtered_and_paged_as_in_the_ui() {
        for (String name : List.of("alpha", "beta", "gamma")) {
            assertThat(api.call("POST", "/api/v1/jobs", "admin", job("listing", name, "0 0 3 * * ?"))
                            .status())
                    .isEqualTo(201);
        }

        JsonNode page = api.get("/api/v1/jobs?group=listing&limit=2", "viewer").json();
        assertThat(page.path("total").asLong()).isEqualTo(3);
        assertThat(names(page)).containsExactly("alpha", "beta");
        assertThat(names(api.get("/api/v1/jobs?group=listing&limit=2&offset=2", "viewer")
                        .json()))
                .containsExactly("gamma");
        assertThat(names(api.get("/api/v1/jobs?text=AMM", "viewer").json())).containsExactly("gamma");
        assertThat(api.get("/api/v1/jobs/filters", "viewer")
                        .json()
                        .path("groups")
                        .toString())
                .contains("listing");
    }

    @Test
    void an_operator_pauses_resumes_and_runs_jobs_with_parameters() {
        api.call("POST", "/api/v1/jobs", "admin", job("ops", "daily", "0 0 3 * * ?"));
        String trigger = api.get("/api/v1/jobs/ops/daily", "viewer")
                .json()
                .path("triggers")
                .get(0)
                .path("name")
                .asString();

        assertThat(api.call("POST", "/api/v1/jobs/ops/daily/pause", "operator", null)
                        .status())
                .isEqualTo(204);
        assertThat(paused()).isTrue();
        assertThat(api.call("POST", "/api/v1/jobs/ops/daily/resume", "operator", null)
                        .status())
                .isEqualTo(204);
        assertThat(paused()).isFalse();
        assertThat(api.call("POST", "/api/v1/jobs/ops/daily/triggers/" + trigger + "/pause", "operator", null)
                        .status())
                .isEqualTo(204);
        assertThat(paused()).isTrue();
        assertThat(api.call("POST", "/api/v1/groups/ops/resume", "operator", null)
                        .status())
                .isEqualTo(204);
        assertThat(paused()).isFalse();
        assertThat(api.call("POST", "/api/v1/jobs/pause", "operator", null).status())
                .isEqualTo(204);
        assertThat(paused()).isTrue();
        assertThat(api.call("POST", "/api/v1/jobs/resume", "operator", null).status())
                .isEqualTo(204);
        assertThat(paused()).isFalse();
        assertThat(api.call("POST", "/api/v1/jobs/ops/daily/triggers/nope/pause", "operator", null)
                        .status())
                .isEqualTo(404);
        assertThat(api.call("POST", "/api/v1/jobs/ops/missing/pause", "operator", null)
                        .status())
                .isEqualTo(404);

        Answer run = api.call(
                "POST", "/api/v1/jobs/ops/daily/run", "operator", "{\"parameters\": {\"day\": \"2026-12-24\"}}");
        assertThat(run.status()).as(run.body()).isEqualTo(202);
        assertThat(run.json().path("outcome").asString()).isEqualTo("QUEUED_UNTIL_START");
        Answer badParameter =
                api.call("POST", "/api/v1/jobs/ops/daily/run", "operator", "{\"parameters\": {\"<x>\": \"1\"}}");
        assertThat(badParameter.status()).isEqualTo(422);
        assertThat(fields(badParameter)).containsExactly("parameters");
        Answer ownData = api.call(
                "POST", "/api/v1/jobs/ops/daily/run", "operator", "{\"parameters\": {\"http.url\": \"http://x/\"}}");
        assertThat(ownData.status()).isEqualTo(409);
        assertThat(api.call("POST", "/api/v1/jobs/ops/missing/run", "operator", null)
                        .status())
                .isEqualTo(404);
        assertThat(api.call("POST", "/api/v1/executions/nope/interrupt", "operator", null)
                        .status())
                .isEqualTo(404);
        assertThat(api.get("/api/v1/executions/running", "viewer").status()).isEqualTo(200);
        assertThat(api.get("/api/v1/upcoming?limit=10", "viewer")
                        .json()
                        .path("perHour")
                        .size())
                .isEqualTo(24);
    }

    @Test
    void a_job_is_copied_under_a_new_key_with_its_triggers() {
        api.call("POST", "/api/v1/jobs", "admin", job("copies", "original", "0 15 2 * * ?"));

        Answer copy = api.call(
                "POST", "/api/v1/jobs/copies/original/copy", "admin", "{\"group\": \"copies\", \"name\": \"twin\"}");
        assertThat(copy.status()).as(copy.body()).isEqualTo(201);
        assertThat(api.get("/api/v1/jobs/copies/twin", "viewer").body()).contains("0 15 2 * * ?");
        Answer taken = api.call(
                "POST", "/api/v1/jobs/copies/original/copy", "admin", "{\"group\": \"copies\", \"name\": \"twin\"}");
        assertThat(taken.status()).isEqualTo(422);
        assertThat(fields(taken)).containsExactly("name");
        assertThat(api.call("POST", "/api/v1/jobs/copies/none/copy", "admin", "{\"group\": \"a\", \"name\": \"b\"}")
                        .status())
                .isEqualTo(404);
    }

    @Test
    void calendars_are_created_read_changed_and_deleted_once_no_trigger_uses_them() {
        String holidays = "{\"name\": \"holidays\", \"kind\": \"HOLIDAYS\", \"zone\": \"Europe/Berlin\","
                + " \"dates\": [\"2026-12-25\", \"2026-12-26\"]}";
        Answer created = api.call("POST", "/api/v1/calendars", "admin", holidays);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(api.get("/api/v1/calendars/holidays", "admin")
                        .json()
                        .path("dates")
                        .size())
                .isEqualTo(2);
        assertThat(api.get("/api/v1/calendars", "viewer").json().path("total").asInt())
                .isEqualTo(1);

        String newYear = "{\"kind\": \"HOLIDAYS\", \"zone\": \"Europe/Berlin\", \"dates\": [\"2026-12-31\"]}";
        assertThat(api.call("PUT", "/api/v1/calendars/holidays", "admin", newYear)
                        .status())
                .as("an update without the version it was read at")
                .isEqualTo(428);
        String etag = api.get("/api/v1/calendars/holidays", "admin").header("ETag");
        Answer changed = api.call("PUT", "/api/v1/calendars/holidays", "admin", newYear, "If-Match", etag);
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        Answer stale = api.call("PUT", "/api/v1/calendars/holidays", "admin", newYear, "If-Match", etag);
        assertThat(stale.status())
                .as("over a version someone else changed meanwhile")
                .isEqualTo(412);
        assertThat(stale.isProblem()).isTrue();
        assertThat(api.get("/api/v1/calendars/holidays", "admin").body()).contains("2026-12-31");

        String user = """
                {"group": "cal", "name": "user", "type": "HTTP", "data": {"http.url": "http://127.0.0.1:9/"},
                 "triggers": [{"kind": "CRON", "cron": "0 0 3 * * ?", "calendar": "holidays"}]}""";
        assertThat(api.call("POST", "/api/v1/jobs", "admin", user).status()).isEqualTo(201);
        Answer inUse = api.call("DELETE", "/api/v1/calendars/holidays", "admin", null);
        assertThat(inUse.status()).isEqualTo(409);
        assertThat(inUse.isProblem()).isTrue();

        api.call("DELETE", "/api/v1/jobs/cal/user", "admin", null);
        assertThat(api.call("DELETE", "/api/v1/calendars/holidays", "admin", null)
                        .status())
                .isEqualTo(204);
        assertThat(api.get("/api/v1/calendars/holidays", "admin").status()).isEqualTo(404);
        assertThat(api.call("PUT", "/api/v1/calendars/holidays", "admin", holidays, "If-Match", etag)
                        .status())
                .isEqualTo(404);

        Answer noKind = api.call("POST", "/api/v1/calendars", "admin", "{\"name\": \"x\"}");
        assertThat(noKind.status()).isEqualTo(422);
        assertThat(fields(noKind)).containsExactly("kind");
        Answer badDate = api.call(
                "POST",
                "/api/v1/calendars",
                "admin",
                "{\"name\": \"x\", \"kind\": \"HOLIDAYS\", \"dates\": [\"soon\"]}");
        assertThat(badDate.status()).isEqualTo(400);
        assertThat(fields(badDate)).containsExactly("dates[0]");
    }

    @Test
    void roles_are_the_services_and_the_audit_log_is_for_admins() {
        Answer viewer = api.call("POST", "/api/v1/jobs", "viewer", job("roles", "x", "0 0 3 * * ?"));
        assertThat(viewer.status()).isEqualTo(403);
        assertThat(viewer.isProblem()).isTrue();
        assertThat(api.get("/api/v1/audit", "operator").status()).isEqualTo(403);
        assertThat(api.call("GET", "/api/v1/jobs", null, null).status()).isEqualTo(401);

        api.call("POST", "/api/v1/jobs", "admin", job("roles", "audited", "0 0 3 * * ?"));
        Answer audit = api.get("/api/v1/audit?action=CREATE_JOB", "admin");
        assertThat(audit.status()).isEqualTo(200);
        assertThat(audit.body()).contains("job roles.audited");
        assertThat(api.get("/api/v1/audit?action=NOPE", "admin").status()).isEqualTo(400);
    }

    private boolean paused() {
        return api.get("/api/v1/jobs/ops/daily", "viewer")
                .json()
                .path("triggers")
                .get(0)
                .path("paused")
                .asBoolean();
    }

    private static List<String> fields(Answer answer) {
        List<String> fields = new ArrayList<>();
        answer.json().path("errors").forEach(e -> fields.add(e.path("field").asString()));
        return fields;
    }

    private static List<String> names(JsonNode page) {
        List<String> names = new ArrayList<>();
        page.path("rows").forEach(r -> names.add(r.path("name").asString()));
        return names;
    }
}
