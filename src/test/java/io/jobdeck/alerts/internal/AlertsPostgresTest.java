package io.jobdeck.alerts.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jobdeck.alerts.AlertDelivery;
import io.jobdeck.alerts.AlertPhase;
import io.jobdeck.alerts.AlertRule;
import io.jobdeck.alerts.Alerts;
import io.jobdeck.alerts.Channel;
import io.jobdeck.alerts.RuleDraft;
import io.jobdeck.alerts.RuleKind;
import io.jobdeck.events.JobOutcome;
import io.jobdeck.security.Role;
import io.jobdeck.testing.As;
import io.jobdeck.testing.JobdeckApp;
import io.jobdeck.testing.Postgres;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The alert tables on PostgreSQL: the migration applies, and a rule fires, is recorded and recovers there. */
class AlertsPostgresTest {

    @Test
    void a_rule_is_saved_fires_and_recovers_on_postgresql() throws Exception {
        try (Postgres postgres = Postgres.start()) {
            Map<String, Object> settings = new LinkedHashMap<>(postgres.datasource());
            settings.put("jobdeck.demo.enabled", false);
            settings.put("jobdeck.scheduler.auto-start", false);
            try (JobdeckApp app = JobdeckApp.start(JobdeckApp.newDataDir(), settings)) {
                Alerts alerts = app.bean(Alerts.class);
                AlertEngine engine = app.bean(AlertEngine.class);
                AlertListener listener = app.bean(AlertListener.class);
                AlertRule rule = As.call(
                        Role.ADMIN,
                        () -> alerts.save(
                                        new RuleDraft(
                                                0,
                                                RuleKind.JOB_FAILED,
                                                true,
                                                "pg.job",
                                                0,
                                                3600,
                                                Set.of(Channel.IN_APP),
                                                false),
                                        Locale.ENGLISH)
                                .toCompletableFuture()
                                .get(10, TimeUnit.SECONDS));
                assertThat(rule.id()).isPositive();
                assertThat(rule.job()).isEqualTo("pg.job");

                Facts.Job job = new Facts.Job("pg", "job");
                listener.offer(new Facts.Ended(job, JobOutcome.FAILED, true, 1, "boom", Instant.now()));
                engine.check();
                listener.offer(new Facts.Ended(job, JobOutcome.SUCCEEDED, true, 1, null, Instant.now()));
                engine.check();

                await().atMost(Duration.ofSeconds(10))
                        .untilAsserted(() -> assertThat(deliveries(alerts))
                                .extracting(AlertDelivery::phase, AlertDelivery::success)
                                // two senders may record them in either order
                                .containsExactlyInAnyOrder(
                                        org.assertj.core.groups.Tuple.tuple(AlertPhase.RECOVERED, true),
                                        org.assertj.core.groups.Tuple.tuple(AlertPhase.FIRING, true)));
                assertThat(As.call(
                                Role.ADMIN,
                                () -> alerts.delete(rule.id())
                                        .toCompletableFuture()
                                        .get(10, TimeUnit.SECONDS)))
                        .isTrue();
            }
        }
    }

    private static List<AlertDelivery> deliveries(Alerts alerts) throws Exception {
        return As.call(
                        Role.ADMIN,
                        () -> alerts.readDeliveries(0, 50).toCompletableFuture().get(10, TimeUnit.SECONDS))
                .rows();
    }
}
