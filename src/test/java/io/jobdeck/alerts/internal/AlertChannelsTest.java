package io.jobdeck.alerts.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.jobdeck.alerts.AlertDelivery;
import io.jobdeck.alerts.AlertPhase;
import io.jobdeck.alerts.AlertRule;
import io.jobdeck.alerts.Alerts;
import io.jobdeck.alerts.Channel;
import io.jobdeck.alerts.DeliveryPage;
import io.jobdeck.alerts.RuleDraft;
import io.jobdeck.alerts.RuleKind;
import io.jobdeck.events.JobOutcome;
import io.jobdeck.jobs.RetryPolicy;
import io.jobdeck.scheduler.SchedulerControl;
import io.jobdeck.security.Role;
import io.jobdeck.testing.As;
import io.jobdeck.testing.Isolated;
import io.jobdeck.testing.JobdeckApp;
import io.jobdeck.testing.MutableClock;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDataMap;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.impl.matchers.KeyMatcher;
import org.quartz.listeners.JobListenerSupport;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The channels on real parts: a webhook receiver the test starts (it answers 500 once, and the sender tries again), a
 * real SMTP server in process, a real Quartz job that fails after its retries, and a clock the test moves for the
 * missed-run rule.
 */
@SpringBootTest
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class AlertChannelsTest {

    static final Path DATA = JobdeckApp.newDataDir();
    static final String SECRET = "webhook-secret";
    static final MockWebServer RECEIVER = new MockWebServer();
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final Duration PATIENCE = Duration.ofSeconds(20);

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(ServerSetupTest.SMTP);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        Isolated.quietApp(registry, DATA);
        RECEIVER.start();
        registry.add("spring.quartz.scheduler-name", () -> "jobdeck-alert-channels-test");
        registry.add("jobdeck.alerts.check-every", () -> "100ms");
        registry.add("jobdeck.alerts.first-backoff", () -> "10ms");
        registry.add("jobdeck.alerts.max-attempts", () -> "3");
        registry.add("jobdeck.alerts.webhook.url", () -> RECEIVER.url("/hook").toString());
        registry.add("jobdeck.alerts.webhook.secret", () -> SECRET);
        registry.add("jobdeck.alerts.mail.to", () -> "ops@example.com");
        registry.add("jobdeck.alerts.mail.from", () -> "jobdeck@example.com");
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> ServerSetupTest.SMTP.getPort());
    }

    @TestConfiguration
    static class Clocks {
        @Bean
        @Primary
        MutableClock mutableClock() {
            return new MutableClock();
        }
    }

    @Autowired
    Alerts alerts;

    @Autowired
    AlertEngine engine;

    @Autowired
    AlertListener listener;

    @Autowired
    Dispatcher dispatcher;

    @Autowired
    Scheduler scheduler;

    @Autowired
    SchedulerControl control;

    @Autowired
    MutableClock clock;

    @BeforeAll
    static void startScheduler(@Autowired SchedulerControl control) throws Exception {
        As.call(Role.OPERATOR, () -> control.start().toCompletableFuture().get(10, TimeUnit.SECONDS));
    }

    @AfterAll
    static void stopReceiver() throws IOException {
        RECEIVER.close();
    }

    /** Fails while {@link #FAILING} is set; its retry policy gives each run two attempts. */
    public static class FlakyJob implements Job {
        static final AtomicBoolean FAILING = new AtomicBoolean(true);

        @Override
        public void execute(JobExecutionContext context) throws JobExecutionException {
            if (FAILING.get()) {
                throw new JobExecutionException("disk full");
            }
        }
    }

    @Test
    void a_run_that_failed_for_good_sends_one_signed_alert_within_the_window_and_a_recovery_after() throws Exception {
        RECEIVER.enqueue(new MockResponse().setResponseCode(500));
        for (int i = 0; i < 5; i++) {
            RECEIVER.enqueue(new MockResponse().setResponseCode(204));
        }
        JobKey job = JobKey.jobKey("flaky", "alerts");
        save(new RuleDraft(0, RuleKind.JOB_FAILED, true, "alerts.flaky", 0, 3600, Set.of(Channel.WEBHOOK), false));
        scheduler.addJob(
                JobBuilder.newJob(FlakyJob.class)
                        .withIdentity(job)
                        .storeDurably()
                        .usingJobData(new JobDataMap(
                                RetryPolicy.fixed(2, Duration.ofMillis(10)).toData()))
                        .build(),
                false);
        AtomicInteger ended = new AtomicInteger();
        scheduler
                .getListenerManager()
                .addJobListener(
                        new JobListenerSupport() {
                            @Override
                            public String getName() {
                                return "alert-test-ends";
                            }

                            @Override
                            public void jobWasExecuted(
                                    JobExecutionContext context, @Nullable JobExecutionException error) {
                                ended.incrementAndGet();
                            }
                        },
                        KeyMatcher.keyEquals(job));

        // Three runs, each failing twice (its retry included): three failed runs inside the window.
        for (int run = 1; run <= 3; run++) {
            scheduler.triggerJob(job);
            int attempts = run * 2;
            await().atMost(PATIENCE).until(() -> ended.get() == attempts);
        }
        engine.check();
        await().atMost(PATIENCE).until(() -> dispatcher.busy() == 0);

        assertThat(RECEIVER.getRequestCount())
                .as("the 500, its retry, and nothing more")
                .isEqualTo(2);
        RecordedRequest refused = RECEIVER.takeRequest(1, TimeUnit.SECONDS);
        RecordedRequest delivered = RECEIVER.takeRequest(1, TimeUnit.SECONDS);
        assertThat(refused).isNotNull();
        assertThat(delivered).isNotNull();
        String body = delivered.getBody().readUtf8();
        assertThat(delivered.getHeader("X-Jobdeck-Signature")).isEqualTo("sha256=" + hmac(SECRET, body));
        assertThat(delivered.getHeader("Content-Type")).startsWith("application/json");
        JsonNode payload = JSON.readTree(body);
        assertThat(payload.get("phase").asString()).isEqualTo("FIRING");
        assertThat(payload.get("kind").asString()).isEqualTo("JOB_FAILED");
        assertThat(payload.get("subject").asString()).isEqualTo("alerts.flaky");
        assertThat(payload.get("message").asString())
                .contains("after 2 attempts")
                .contains("disk full");
        assertThat(refused.getHeader("X-Jobdeck-Alert"))
                .as("the retry sends the same alert")
                .isEqualTo(delivered.getHeader("X-Jobdeck-Alert"));
        assertThat(delivered.getHeader("X-Jobdeck-Alert"))
                .isEqualTo(payload.get("id").asString());

        FlakyJob.FAILING.set(false);
        scheduler.triggerJob(job);
        await().atMost(PATIENCE).until(() -> ended.get() == 7);
        RecordedRequest recovery = RECEIVER.takeRequest(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        assertThat(recovery).isNotNull();
        String recoveryBody = recovery.getBody().readUtf8();
        assertThat(JSON.readTree(recoveryBody).get("phase").asString()).isEqualTo("RECOVERED");
        assertThat(recovery.getHeader("X-Jobdeck-Signature")).isEqualTo("sha256=" + hmac(SECRET, recoveryBody));

        await().atMost(PATIENCE)
                .untilAsserted(() -> assertThat(deliveries(RuleKind.JOB_FAILED))
                        .extracting(
                                AlertDelivery::phase,
                                AlertDelivery::channel,
                                AlertDelivery::attempts,
                                AlertDelivery::success)
                        .containsExactly(
                                org.assertj.core.groups.Tuple.tuple(AlertPhase.RECOVERED, Channel.WEBHOOK, 1, true),
                                org.assertj.core.groups.Tuple.tuple(AlertPhase.FIRING, Channel.WEBHOOK, 2, true)));
    }

    @Test
    void a_test_alert_arrives_by_mail_at_the_configured_recipients() throws Exception {
        AlertRule rule = save(
                new RuleDraft(0, RuleKind.SCHEDULER_NOT_RUNNING, false, "", 60, 3600, Set.of(Channel.EMAIL), false));

        As.call(
                Role.ADMIN,
                () -> alerts.sendTest(rule.id()).toCompletableFuture().get(10, TimeUnit.SECONDS));

        assertThat(MAIL.waitForIncomingEmail(PATIENCE.toMillis(), 1)).isTrue();
        MimeMessage mail = MAIL.getReceivedMessages()[0];
        assertThat(mail.getAllRecipients()).extracting(Object::toString).containsExactly("ops@example.com");
        assertThat(mail.getFrom()).extracting(Object::toString).containsExactly("jobdeck@example.com");
        assertThat(mail.getSubject()).isEqualTo("[Jobdeck] TEST SCHEDULER_NOT_RUNNING: test");
        assertThat(com.icegreen.greenmail.util.GreenMailUtil.getBody(mail)).contains("the channel works");
        await().atMost(PATIENCE)
                .untilAsserted(() -> assertThat(deliveries(RuleKind.SCHEDULER_NOT_RUNNING))
                        .extracting(AlertDelivery::phase, AlertDelivery::channel, AlertDelivery::success)
                        .containsExactly(org.assertj.core.groups.Tuple.tuple(AlertPhase.TEST, Channel.EMAIL, true)));
    }

    @Test
    void a_job_that_does_not_succeed_within_its_window_is_a_missed_run_until_it_succeeds() throws Exception {
        save(new RuleDraft(0, RuleKind.MISSED_RUN, true, "alerts.nightly", 7200, 3600, Set.of(Channel.IN_APP), false));
        Facts.Job nightly = new Facts.Job("alerts", "nightly");

        clock.advance(Duration.ofMinutes(119));
        engine.check();
        assertThat(deliveries(RuleKind.MISSED_RUN))
                .as("within the first window")
                .isEmpty();

        clock.advance(Duration.ofMinutes(2));
        engine.check();
        engine.check();
        await().atMost(PATIENCE)
                .untilAsserted(() -> assertThat(deliveries(RuleKind.MISSED_RUN))
                        .extracting(AlertDelivery::phase, AlertDelivery::subject)
                        .containsExactly(org.assertj.core.groups.Tuple.tuple(AlertPhase.FIRING, "alerts.nightly")));
        assertThat(deliveries(RuleKind.MISSED_RUN).getFirst().message())
                .contains("has not succeeded for")
                .contains("at least every 2 h");

        listener.offer(new Facts.Ended(nightly, JobOutcome.SUCCEEDED, true, 1, null, clock.instant()));
        engine.check();
        await().atMost(PATIENCE)
                .untilAsserted(() -> assertThat(deliveries(RuleKind.MISSED_RUN))
                        .extracting(AlertDelivery::phase)
                        .containsExactly(AlertPhase.RECOVERED, AlertPhase.FIRING));

        clock.advance(Duration.ofMinutes(121));
        engine.check();
        await().atMost(PATIENCE)
                .untilAsserted(() -> assertThat(deliveries(RuleKind.MISSED_RUN))
                        .extracting(AlertDelivery::phase)
                        .as("missed again two hours after that success")
                        .containsExactly(AlertPhase.FIRING, AlertPhase.RECOVERED, AlertPhase.FIRING));
    }

    private AlertRule save(RuleDraft draft) throws Exception {
        return As.call(
                Role.ADMIN,
                () -> alerts.save(draft, Locale.ENGLISH).toCompletableFuture().get(10, TimeUnit.SECONDS));
    }

    private List<AlertDelivery> deliveries(RuleKind kind) throws Exception {
        DeliveryPage page = As.call(
                Role.ADMIN,
                () -> alerts.readDeliveries(0, 200).toCompletableFuture().get(10, TimeUnit.SECONDS));
        return page.rows().stream().filter(d -> d.kind() == kind).toList();
    }

    /** The signature as a receiver computes it, with nothing of Jobdeck's. */
    private static String hmac(String secret, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }
}
