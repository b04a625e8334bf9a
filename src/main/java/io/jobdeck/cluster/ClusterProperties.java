package io.jobdeck.cluster;

import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code jobdeck.cluster.*}: several Jobdeck nodes sharing one PostgreSQL database through Quartz's own clustering.
 *
 * @param enabled         run as one node of a cluster (PostgreSQL only; the embedded H2 database is one node)
 * @param nodeName        this node's readable name, shown wherever a node matters; the host name when unset. Names
 *                        should be unique in a cluster: a restarted node keeps its name (its drain, its rows)
 * @param checkinInterval how often each node checks in (Quartz's {@code clusterCheckinInterval}); a node that has not
 *                        checked in for this plus {@link #LOST_MARGIN} is lost, and its triggers are recovered
 * @param recheckEvery    how often each node re-reads the cluster's desired state, should a notification be missed
 */
@Validated
@ConfigurationProperties("jobdeck.cluster")
public record ClusterProperties(
        @DefaultValue("false") boolean enabled,

        @Nullable
        @Pattern(
                regexp = "[A-Za-z0-9][A-Za-z0-9._-]{0,59}",
                message =
                        "must be 1 to 60 letters, digits, dots, dashes or underscores, starting with a letter or digit")
        String nodeName,

        @DefaultValue("5s") @DurationMin(millis = 500) @DurationMax(minutes = 1)
        Duration checkinInterval,

        @DefaultValue("5s") @DurationMin(millis = 100) @DurationMax(minutes = 1)
        Duration recheckEvery) {

    /** Quartz's own margin: an instance is taken as failed this long after a check-in it missed. */
    public static final Duration LOST_MARGIN = Duration.ofMillis(7_500);

    /** How long after its last check-in a node counts as lost (and Quartz recovers its triggers). */
    public Duration lostAfter() {
        return checkinInterval.plus(LOST_MARGIN);
    }
}
