package io.jobdeck.metrics.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.jobdeck.metrics.MetricsProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.JobKey;
import org.quartz.ListenerManager;
import org.quartz.Scheduler;

/**
 * Label cardinality: at most {@code max-job-labels} jobs get a label of their own, the first to run; every other job
 * counts under "other", so the number of series stays bounded however many jobs run, also when jobs run for the first
 * time on several threads at once.
 */
class ExecutionMetersTest {

    final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void beyond_the_cap_jobs_are_counted_under_other_and_the_series_stop_growing() throws Exception {
        ExecutionMeters meters = meters(3, List.of());

        for (int i = 0; i < 50; i++) {
            meters.jobWasExecuted(
                    context(JobKey.jobKey("job-" + i, "g")), i % 10 == 0 ? new JobExecutionException() : null);
        }

        assertThat(labels()).containsExactlyInAnyOrder("g.job-0", "g.job-1", "g.job-2", "other");
        assertThat(count("other", "succeeded")).isEqualTo(47 - 4);
        assertThat(count("other", "failed")).isEqualTo(4);
        assertThat(count("g.job-0", "failed")).isEqualTo(1);
        int series = registry.getMeters().size();
        for (int i = 50; i < 1_000; i++) {
            meters.jobWasExecuted(context(JobKey.jobKey("job-" + i, "g")), null);
        }
        assertThat(registry.getMeters()).hasSize(series);
    }

    @Test
    void a_job_labelled_once_keeps_its_label() {
        ExecutionMeters meters = meters(1, List.of());

        meters.jobWasExecuted(context(JobKey.jobKey("first", "g")), null);
        meters.jobWasExecuted(context(JobKey.jobKey("second", "g")), null);
        meters.jobWasExecuted(context(JobKey.jobKey("first", "g")), null);

        assertThat(count("g.first", "succeeded")).isEqualTo(2);
        assertThat(count("other", "succeeded")).isEqualTo(1);
    }

    @Test
    void only_the_configured_jobs_and_groups_get_a_label() {
        ExecutionMeters meters = meters(100, List.of("billing.*", "reports.nightly"));

        for (String job : List.of("billing.invoice", "billing.dunning", "reports.nightly", "reports.hourly", "x.y")) {
            meters.jobWasExecuted(
                    context(JobKey.jobKey(job.substring(job.indexOf('.') + 1), job.substring(0, job.indexOf('.')))),
                    null);
        }

        assertThat(labels())
                .containsExactlyInAnyOrder("billing.invoice", "billing.dunning", "reports.nightly", "other");
        assertThat(count("other", "succeeded")).isEqualTo(2);
    }

    @Test
    void first_runs_on_many_threads_at_once_never_label_more_jobs_than_the_cap() throws Exception {
        ExecutionMeters meters = meters(5, List.of());
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Void>> runs = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                JobKey job = JobKey.jobKey("job-" + i, "g");
                runs.add(() -> {
                    meters.jobWasExecuted(context(job), null);
                    return null;
                });
            }
            for (Future<Void> run : threads.invokeAll(runs)) {
                run.get();
            }
        } finally {
            threads.shutdownNow();
        }

        assertThat(labels()).hasSize(6).contains("other");
        double total = registry.find(ExecutionMeters.EXECUTIONS).tag("outcome", "succeeded").counters().stream()
                .mapToDouble(Counter::count)
                .sum();
        assertThat(total).isEqualTo(400);
    }

    @Test
    void no_labels_at_all_counts_every_job_under_other() {
        ExecutionMeters meters = meters(0, List.of());

        meters.jobWasExecuted(context(JobKey.jobKey("a", "g")), null);

        assertThat(labels()).containsExactly("other");
    }

    private ExecutionMeters meters(int max, List<String> jobs) {
        Scheduler scheduler = mock(Scheduler.class);
        try {
            when(scheduler.getListenerManager()).thenReturn(mock(ListenerManager.class));
            return new ExecutionMeters(
                    registry, new MetricsProperties(max, jobs, new MetricsProperties.Scrape(null)), scheduler);
        } catch (org.quartz.SchedulerException e) {
            throw new AssertionError(e);
        }
    }

    private static JobExecutionContext context(JobKey job) {
        JobExecutionContext context = mock(JobExecutionContext.class);
        JobDetail detail = mock(JobDetail.class);
        when(detail.getKey()).thenReturn(job);
        when(context.getJobDetail()).thenReturn(detail);
        when(context.getJobRunTime()).thenReturn(12L);
        when(context.getFireTime()).thenReturn(new Date(1_000));
        return context;
    }

    private Set<String> labels() {
        return registry.getMeters().stream()
                .map(Meter::getId)
                .filter(id -> id.getName().equals(ExecutionMeters.EXECUTIONS))
                .map(id -> id.getTag(ExecutionMeters.JOB))
                .collect(Collectors.toSet());
    }

    private double count(String label, String outcome) {
        return registry.get(ExecutionMeters.EXECUTIONS)
                .tag(ExecutionMeters.JOB, label)
                .tag(ExecutionMeters.OUTCOME, outcome)
                .counter()
                .count();
    }
}
