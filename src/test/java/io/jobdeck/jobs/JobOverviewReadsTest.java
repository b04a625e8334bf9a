package io.jobdeck.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jobdeck.events.EventHub;
import io.jobdeck.events.SchedulerEvent;
import io.jobdeck.scheduler.SchedulerControl;
import io.jobdeck.security.Role;
import io.jobdeck.support.Subscription;
import io.jobdeck.testing.As;
import io.jobdeck.testing.JobdeckApp;
import io.jobdeck.testing.Postgres;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobExecutionContext;
import org.quartz.Scheduler;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.TriggerBuilder;

/**
 * The dashboard's job list stays current while jobs fire, on H2 and on PostgreSQL, yet reads the job store at most once per
 * {@link JobOverviewService#MIN_REFRESH_GAP}, however often they fire. It used to re-read the jobs that fired at every
 * tick of the event hub, four times a second: on a busy PostgreSQL cluster that was about one extra read of a job,
 * its triggers and their states per fire, and cost each node a third of bare Quartz's throughput.
 */
class JobOverviewReadsTest {

    /** Does nothing, quickly. */
    public static class Quick implements Job {
        @Override
        public void execute(JobExecutionContext context) {}
    }

    @ParameterizedTest(name = "on {0}")
    @ValueSource(strings = {"H2", "PostgreSQL"})
    void jobs_firing_fifty_times_a_second_are_read_at_most_once_per_refresh_gap_and_the_list_keeps_up(String database)
            throws Exception {
        Postgres postgres = database.equals("PostgreSQL") ? Postgres.start() : null;
        Map<String, Object> settings = new java.util.HashMap<>(Map.of("jobdeck.demo.enabled", "false"));
        if (postgres != null) {
            settings.putAll(postgres.datasource());
        }
        try (postgres;
                JobdeckApp app = JobdeckApp.start(JobdeckApp.newDataDir(), settings)) {
            Scheduler scheduler = app.bean(Scheduler.class);
            for (int i = 0; i < 5; i++) {
                scheduler.scheduleJob(
                        JobBuilder.newJob(Quick.class)
                                .withIdentity("busy-" + i, "reads")
                                .build(),
                        TriggerBuilder.newTrigger()
                                .withIdentity("busy-" + i, "reads")
                                .withSchedule(SimpleScheduleBuilder.simpleSchedule()
                                        .withIntervalInMilliseconds(100)
                                        .repeatForever())
                                .build());
            }
            List<Long> reads = new CopyOnWriteArrayList<>();
            AtomicLong started = new AtomicLong();
            Subscription counting = app.bean(EventHub.class).addProcessor(batch -> {
                for (SchedulerEvent e : batch.events()) {
                    if (e instanceof SchedulerEvent.CatalogRefreshed) {
                        reads.add(System.nanoTime());
                    } else if (e instanceof SchedulerEvent.JobStarted) {
                        started.incrementAndGet();
                    }
                }
            });
            try {
                As.call(Role.OPERATOR, () -> app.bean(SchedulerControl.class).start())
                        .toCompletableFuture()
                        .get(10, TimeUnit.SECONDS);
                await().atMost(Duration.ofSeconds(20)).until(() -> started.get() >= 50);
                long from = started.get();
                Instant before = fire(app, JobOverview::previousFire);
                Instant next = fire(app, JobOverview::nextFire);
                await().atMost(Duration.ofSeconds(30)).until(() -> started.get() >= from + 200);

                // The list kept up: the jobs' last and next fires moved on.
                await().atMost(Duration.ofSeconds(5))
                        .until(() -> fire(app, JobOverview::previousFire).isAfter(before)
                                && fire(app, JobOverview::nextFire).isAfter(next));
                // ... from a handful of reads: 4 s of fires at 50 a second, 200 fires, are a handful of reads, each
                // delivered at the next tick of the hub, so at least MIN_REFRESH_GAP less one tick apart.
                List<Long> gaps = new ArrayList<>();
                for (int i = 2; i < reads.size(); i++) {
                    gaps.add(TimeUnit.NANOSECONDS.toMillis(reads.get(i) - reads.get(i - 1)));
                }
                assertThat(gaps).hasSizeGreaterThanOrEqualTo(2);
                assertThat(gaps)
                        .allSatisfy(gap -> assertThat(gap)
                                .isGreaterThanOrEqualTo(JobOverviewService.MIN_REFRESH_GAP
                                                .minus(EventHub.TICK)
                                                .toMillis()
                                        - 50));
            } finally {
                counting.close();
            }
        }
    }

    private static Instant fire(JobdeckApp app, java.util.function.Function<JobOverview, @Nullable Instant> which) {
        return app.bean(JobOverviewService.class).jobs().stream()
                .filter(j -> j.group().equals("reads") && j.name().equals("busy-0"))
                .findFirst()
                .map(which)
                .filter(java.util.Objects::nonNull)
                .orElse(Instant.EPOCH);
    }
}
