package io.jobdeck.scheduler.internal;

import io.jobdeck.scheduler.SchedulerMonitor;
import io.jobdeck.scheduler.SchedulerState;
import io.jobdeck.scheduler.SchedulerStatus;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health} component "scheduler": what the dashboard says, for monitoring. A scheduler stopped by
 * its operator is healthy (UP); DEGRADED is its own status (HTTP 200, so a load balancer keeps the node, whose UI
 * still works); FAILED is DOWN. The status description carries the reason.
 */
@Component("scheduler")
class SchedulerHealth implements HealthIndicator {

    static final Status DEGRADED = new Status("DEGRADED");

    private final SchedulerMonitor monitor;

    SchedulerHealth(SchedulerMonitor monitor) {
        this.monitor = monitor;
    }

    @Override
    public Health health() {
        SchedulerStatus status = monitor.status();
        String description = status.state().name()
                + (status.reason() == null ? "" : ": " + status.reason().text());
        Status code = switch (status.state()) {
            case DEGRADED -> DEGRADED;
            case FAILED -> Status.DOWN;
            case RUNNING, STOPPED, STOPPING, STARTING -> Status.UP;
        };
        return Health.status(new Status(code.getCode(), description))
                .withDetail("state", status.state())
                .withDetail("since", status.since())
                .withDetail("node", status.node())
                .withDetail("running", status.state() == SchedulerState.RUNNING)
                .build();
    }
}
