package io.jobdeck.nodes;

import io.jobdeck.scheduler.SchedulerState;
import io.jobdeck.scheduler.StatusReason;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One node of the cluster as its last check-in described it (one start of a node: a restarted node is a new row under
 * the same name).
 *
 * @param id              the start's id (Quartz's instance id, what records carry)
 * @param name            the readable name people see
 * @param address         host:port, where it serves
 * @param version         the application's version it runs
 * @param startedAt       when this start began
 * @param presence        live, lost (silent past the check-in window) or left (shut down cleanly)
 * @param state           its scheduler's state as it last reported it
 * @param since           since when it is in that state
 * @param reason          why, as it reported it (e.g. drained for maintenance)
 * @param busyWorkers     worker threads busy
 * @param poolSize        worker threads in all
 * @param runningJobs     jobs running on it
 * @param firesLastMinute jobs it fired in the last minute
 * @param checkinAt       its last check-in, on the database's clock
 * @param checkinAge      how long ago that was, on the database's clock
 * @param skewMillis      its clock minus the database's, in milliseconds
 * @param lostAt          when another node found it lost and ended its running executions
 * @param thisNode        whether it is the node that serves this answer
 */
public record NodeInfo(
        String id,
        String name,
        @Nullable String address,
        @Nullable String version,
        Instant startedAt,
        Presence presence,
        SchedulerState state,
        Instant since,
        @Nullable StatusReason reason,
        int busyWorkers,
        int poolSize,
        int runningJobs,
        int firesLastMinute,
        Instant checkinAt,
        Duration checkinAge,
        long skewMillis,
        @Nullable Instant lostAt,
        boolean thisNode) {

    /** Whether a node is there. */
    public enum Presence {
        /** Checking in. */
        LIVE,
        /** Silent for longer than the check-in window: crashed, killed or cut off. */
        LOST,
        /** Shut down cleanly. */
        LEFT
    }

    public boolean live() {
        return presence == Presence.LIVE;
    }

    public boolean lost() {
        return presence == Presence.LOST;
    }

    /** True when it stands by because an operator drained it. */
    public boolean drained() {
        return reason != null && reason.code() == StatusReason.Code.DRAINED;
    }

    public Optional<StatusReason> reasonIfAny() {
        return Optional.ofNullable(reason);
    }
}
