package io.jobdeck.metrics.internal;

import io.jobdeck.events.EventHub;
import io.jobdeck.history.ExecutionHistory;
import io.jobdeck.scheduler.SchedulerMonitor;
import io.jobdeck.scheduler.SchedulerState;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.stereotype.Component;

/**
 * What the scheduler, the history recorder and the event hub say about themselves, read when a scrape asks: each a
 * snapshot that never blocks ({@link SchedulerMonitor#status()}, {@link ExecutionHistory#health()},
 * {@link EventHub#droppedTotal()}), so a scrape costs Quartz's threads nothing.
 */
@Component
class SchedulerGauges implements MeterBinder {

    static final String STATE = "jobdeck.scheduler.state";

    private final SchedulerMonitor monitor;
    private final ExecutionHistory history;
    private final EventHub hub;

    SchedulerGauges(SchedulerMonitor monitor, ExecutionHistory history, EventHub hub) {
        this.monitor = monitor;
        this.history = history;
        this.hub = hub;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("jobdeck.jobs.running", monitor, m -> m.status().runningJobs())
                .description("Jobs executing on this node now")
                .register(registry);
        Gauge.builder("jobdeck.workers.busy", monitor, m -> m.status().busyThreads())
                .description("Worker threads busy now")
                .register(registry);
        Gauge.builder("jobdeck.workers.pool", monitor, m -> m.status().poolSize())
                .description("Worker threads in all")
                .register(registry);
        // One series per state, 1 for the current one and 0 for the others: a panel or an alert reads a state by
        // name (jobdeck_scheduler_state{state="DEGRADED"} == 1), never by a number to decode.
        for (SchedulerState state : SchedulerState.values()) {
            Gauge.builder(STATE, monitor, m -> m.status().state() == state ? 1 : 0)
                    .description("1 for the scheduler's current state, 0 for the others")
                    .tag("state", state.name())
                    .register(registry);
        }
        Gauge.builder("jobdeck.recorder.queue", history, h -> h.health().waiting())
                .description("Execution starts and ends waiting to be written to the history")
                .register(registry);
        FunctionCounter.builder(
                        "jobdeck.recorder.lost", history, h -> h.health().lost())
                .description("Execution starts and ends the history lost because its queue was full")
                .register(registry);
        FunctionCounter.builder("jobdeck.events.dropped", hub, EventHub::droppedTotal)
                .description("Live events dropped because the event hub's queue was full")
                .register(registry);
    }
}
