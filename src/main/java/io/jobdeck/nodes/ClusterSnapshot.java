package io.jobdeck.nodes;

import io.jobdeck.scheduler.SchedulerState;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The cluster as this node last read it (every second, off any request thread).
 *
 * @param clustered      whether this node is one of a cluster; if not, {@code nodes} is this node only
 * @param state          the cluster's state: RUNNING only if at least one node fires, DEGRADED when a live node does
 *                       not follow the desired state, a node is lost or the nodes could not be read
 * @param desiredRunning what the operators last asked the cluster for; null before anyone asked
 * @param nodes          the nodes, by name, the newest start of a name first
 * @param notices        per-node states worth saying (transitions, disagreements, lost nodes)
 * @param readAt         when the nodes were last read
 * @param problem        why they could not be read lately, if they could not
 */
public record ClusterSnapshot(
        boolean clustered,
        SchedulerState state,
        @Nullable Boolean desiredRunning,
        List<NodeInfo> nodes,
        List<NodeNotice> notices,
        Instant readAt,
        @Nullable String problem) {

    public ClusterSnapshot {
        nodes = List.copyOf(nodes);
        notices = List.copyOf(notices);
    }

    public Optional<String> problemIfAny() {
        return Optional.ofNullable(problem);
    }

    /** The same nodes as last read, DEGRADED because of {@code why} (they could not be read since). */
    public ClusterSnapshot degraded(String why) {
        return new ClusterSnapshot(clustered, SchedulerState.DEGRADED, desiredRunning, nodes, notices, readAt, why);
    }

    public long liveCount() {
        return nodes.stream().filter(NodeInfo::live).count();
    }
}
