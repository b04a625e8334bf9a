package io.jobdeck.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.quartz.JobBuilder.newJob;

import io.jobdeck.scheduler.SchedulerControl;
import io.jobdeck.security.Role;
import io.jobdeck.security.WebClient;
import io.jobdeck.testing.ApiClient;
import io.jobdeck.testing.As;
import io.jobdeck.testing.Isolated;
import io.jobdeck.testing.JobdeckApp;
import io.jobdeck.tokens.ApiTokens;
import io.jobdeck.tokens.TokenDraft;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.quartz.Job;
import org.quartz.JobDataMap;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Actuator's Prometheus endpoint through the real filter chain, after known runs: three runs of a job, one failing,
 * are counted under the job's own label and their outcomes, a job outside {@code jobdeck.metrics.jobs} under "other";
 * the endpoint answers admins and the scrape token, and refuses everyone else with a JSON body. The health of the
 * scheduler is open to everyone, its details are not.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PrometheusScrapeTest {

    static final Path DATA = JobdeckApp.newDataDir();
    static final String SCRAPE_TOKEN = "scrape-token-for-the-test-0123456789abcdefghij";
    static final JobKey COUNTED = JobKey.jobKey("outcomes", "metrics");
    static final JobKey UNLISTED = JobKey.jobKey("unlisted", "elsewhere");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        Isolated.quietApp(registry, DATA);
        registry.add("spring.quartz.scheduler-name", () -> "jobdeck-metrics-test");
        registry.add("jobdeck.metrics.jobs[0]", () -> "metrics.*");
        registry.add("jobdeck.metrics.scrape.token-hash", () -> sha256(SCRAPE_TOKEN));
    }

    /** Fails when its run's data says {@code fail=true}, succeeds otherwise. */
    public static class OutcomeJob implements Job {
        @Override
        public void execute(JobExecutionContext context) throws JobExecutionException {
            if (context.getMergedJobDataMap().getBooleanValueFromString("fail")) {
                throw new JobExecutionException("failed on purpose");
            }
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    Scheduler scheduler;

    @Autowired
    SchedulerControl control;

    @Autowired
    ApiTokens tokens;

    ApiClient api;

    @BeforeAll
    void run_known_jobs() throws Exception {
        api = new ApiClient(port).awaitReady();
        As.call(Role.OPERATOR, () -> control.start().toCompletableFuture().get(10, TimeUnit.SECONDS));
        for (JobKey key : List.of(COUNTED, UNLISTED)) {
            scheduler.addJob(
                    newJob(OutcomeJob.class).withIdentity(key).storeDurably().build(), false);
        }
        for (boolean fail : new boolean[] {false, true, false}) {
            JobDataMap data = new JobDataMap();
            data.put("fail", Boolean.toString(fail));
            scheduler.triggerJob(COUNTED, data);
        }
        scheduler.triggerJob(UNLISTED);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> scrape("admin").contains("job_key=\"other\",outcome=\"succeeded\"} 1.0"));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> scrape("admin").contains("job_key=\"metrics.outcomes\",outcome=\"succeeded\"} 2.0"));
    }

    @AfterAll
    void stop() throws Exception {
        As.call(Role.OPERATOR, () -> control.stop().toCompletableFuture().get(20, TimeUnit.SECONDS));
        As.nobody();
    }

    @Test
    void three_runs_one_failing_are_counted_by_outcome_under_the_jobs_own_label() {
        String metrics = scrape("admin");

        assertThat(metrics)
                .contains("jobdeck_executions_total{job_key=\"metrics.outcomes\",outcome=\"succeeded\"} 2.0")
                .contains("jobdeck_executions_total{job_key=\"metrics.outcomes\",outcome=\"failed\"} 1.0")
                .contains("jobdeck_executions_total{job_key=\"metrics.outcomes\",outcome=\"interrupted\"} 0.0")
                .contains("jobdeck_execution_duration_seconds_count{job_key=\"metrics.outcomes\"} 3")
                .contains("jobdeck_execution_duration_seconds_bucket{job_key=\"metrics.outcomes\",le=\"+Inf\"} 3");
        assertThat(metrics).contains("jobdeck_fire_lag_seconds_count 4");
    }

    @Test
    void a_job_that_jobdeck_metrics_jobs_does_not_name_is_counted_under_other() {
        String metrics = scrape("admin");

        assertThat(metrics)
                .contains("jobdeck_executions_total{job_key=\"other\",outcome=\"succeeded\"} 1.0")
                .doesNotContain("elsewhere.unlisted");
    }

    @Test
    void the_scheduler_workers_recorder_and_event_hub_are_measured() {
        String metrics = scrape("admin");

        assertThat(metrics)
                .contains("jobdeck_scheduler_state{state=\"RUNNING\"} 1.0")
                .contains("jobdeck_scheduler_state{state=\"STOPPED\"} 0.0")
                .contains("jobdeck_scheduler_state{state=\"DEGRADED\"} 0.0")
                .contains("jobdeck_workers_pool 10.0")
                .contains("jobdeck_workers_busy ")
                .contains("jobdeck_jobs_running ")
                .contains("jobdeck_recorder_queue ")
                .contains("jobdeck_recorder_lost_total 0.0")
                .contains("jobdeck_events_dropped_total 0.0")
                .as("Spring Boot's own meters are there too")
                .contains("jvm_memory_used_bytes")
                .contains("hikaricp_connections");
    }

    @Test
    void the_grafana_dashboard_reads_only_metrics_that_jobdeck_exports() throws Exception {
        String dashboard = Files.readString(Path.of("docs/grafana/jobdeck.json"));
        Set<String> used = Pattern.compile("jobdeck_[a-z_]+")
                .matcher(dashboard)
                .results()
                .map(MatchResult::group)
                .collect(Collectors.toCollection(TreeSet::new));
        String metrics = scrape("admin");

        assertThat(used).hasSizeGreaterThan(10);
        assertThat(used).allSatisfy(name -> assertThat(metrics).as(name).contains(name));
    }

    @Test
    void the_scrape_token_reads_the_metrics_and_nothing_else() {
        ApiClient.Answer scraped =
                api.call("GET", "/actuator/prometheus", null, null, "Authorization", "Bearer " + SCRAPE_TOKEN);

        assertThat(scraped.status()).isEqualTo(200);
        assertThat(scraped.body())
                .contains("jobdeck_executions_total{job_key=\"metrics.outcomes\",outcome=\"failed\"}");
        for (String elsewhere : List.of("/api/v1/scheduler", "/actuator/info", "/actuator/health/liveness")) {
            ApiClient.Answer refused =
                    api.call("GET", elsewhere, null, null, "Authorization", "Bearer " + SCRAPE_TOKEN);
            assertThat(refused.body()).as(elsewhere).doesNotContain("jobdeck_");
            if (!elsewhere.startsWith("/actuator/health")) {
                assertThat(refused.status()).as(elsewhere).isIn(302, 401, 403);
            }
        }
    }

    @Test
    void an_api_token_acting_as_admin_reads_the_metrics_and_one_acting_lower_is_refused() throws Exception {
        String admin = token("prometheus-admin", Role.ADMIN);
        String operator = token("prometheus-operator", Role.OPERATOR);

        assertThat(api.call("GET", "/actuator/prometheus", null, null, "Authorization", "Bearer " + admin)
                        .status())
                .isEqualTo(200);
        assertRefused(api.call("GET", "/actuator/prometheus", null, null, "Authorization", "Bearer " + operator), 403);
    }

    @Test
    void without_credentials_as_a_lower_role_or_with_a_wrong_token_the_metrics_are_refused_with_a_json_body() {
        assertRefused(api.get("/actuator/prometheus", null), 401);
        assertRefused(api.get("/actuator/prometheus", "viewer"), 403);
        assertRefused(api.get("/actuator/prometheus", "operator"), 403);
        assertRefused(
                api.call("GET", "/actuator/prometheus", null, null, "Authorization", "Bearer " + SCRAPE_TOKEN + "x"),
                401);
        assertRefused(
                api.call("GET", "/actuator/prometheus", null, null, "Authorization", "Basic YWRtaW46d3Jvbmc="), 401);
    }

    @Test
    void everyone_sees_that_the_running_scheduler_is_up_but_not_its_details() {
        ApiClient.Answer health = api.get("/actuator/health", null);

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json()
                        .path("components")
                        .path("scheduler")
                        .path("status")
                        .asString())
                .isEqualTo("UP");
        assertThat(health.json().path("components").path("scheduler").has("details"))
                .isFalse();
        assertThat(health.body()).doesNotContain("busyWorkers").doesNotContain("poolSize");
    }

    @Test
    void an_admin_logged_in_in_a_browser_reads_the_metrics_and_the_schedulers_health_details() {
        WebClient admin = new WebClient(port);
        admin.login("admin", "admin-pass");
        WebClient viewer = new WebClient(port);
        viewer.login("viewer", "viewer-pass");

        HttpResponse<String> metrics = admin.get("/actuator/prometheus");
        HttpResponse<String> health = admin.get("/actuator/health");

        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("jobdeck_executions_total");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body())
                .contains("\"state\":\"RUNNING\"")
                .contains("\"busyWorkers\":")
                .contains("\"poolSize\":10");
        assertThat(viewer.get("/actuator/prometheus").statusCode()).isEqualTo(403);
        assertThat(viewer.get("/actuator/health").body()).doesNotContain("poolSize");
    }

    private static void assertRefused(ApiClient.Answer answer, int status) {
        assertThat(answer.status()).isEqualTo(status);
        assertThat(answer.isProblem()).as(answer.type() + " " + answer.body()).isTrue();
        assertThat(answer.body()).doesNotContain("jobdeck_");
    }

    private String scrape(String user) {
        ApiClient.Answer answer = api.get("/actuator/prometheus", user);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.body();
    }

    private String token(String name, Role role) throws Exception {
        return As.call(
                Role.ADMIN,
                () -> tokens.create(new TokenDraft(name, role, 1))
                        .toCompletableFuture()
                        .get(10, TimeUnit.SECONDS)
                        .secret());
    }

    private static String sha256(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
