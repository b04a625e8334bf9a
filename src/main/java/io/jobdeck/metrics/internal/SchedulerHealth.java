package io.jobdeck.metrics.internal;

import io.jobdeck.scheduler.SchedulerMonitor;
import io.jobdeck.scheduler.SchedulerStatus;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health} component "scheduler": the status the dashboard shows, for monitoring. RUNNING, STOPPED (by
 * its operator) and the passing STARTING and STOPPING are UP; DEGRADED is OUT_OF_SERVICE (it recovers by itself once
 * what it needs answers again); FAILED is DOWN (a command failed: an operator must act). See decision 28. Everyone sees
 * the status; the details (state, since, reason, node, workers) are for admins, since a reason may quote a database
 * error.
 */
@Component("scheduler")
class SchedulerHealth implements HealthIndicator {

    private final SchedulerMonitor monitor;

    SchedulerHealth(SchedulerMonitor monitor) {
        this.monitor = monitor;
    }

    @Override
    public Health health() {
        return of(monitor.status());
    }

    /** The health of a scheduler in this status: a pure function of it. */
    static Health of(SchedulerStatus status) {
        Status code = switch (status.state()) {
            case RUNNING, STOPPED, STARTING, STOPPING -> Status.UP;
            case DEGRADED -> Status.OUT_OF_SERVICE;
            case FAILED -> Status.DOWN;
        };
        Health.Builder health = Health.status(code)
                .withDetail("state", status.state())
                .withDetail("since", status.since())
                .withDetail("node", status.node())
                .withDetail("runningJobs", status.runningJobs())
                .withDetail("busyWorkers", status.busyThreads())
                .withDetail("poolSize", status.poolSize());
        status.reasonIfAny().ifPresent(reason -> health.withDetail("reason", reason.text()));
        return health.build();
    }
}
