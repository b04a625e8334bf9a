package io.jobdeck.nodes.internal;

import io.jobdeck.nodes.NodeInfo;
import io.jobdeck.nodes.NodeNotice;
import io.jobdeck.scheduler.SchedulerState;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The cluster's state from its nodes' last check-ins and the desired state: pure, so that every node computes the same
 * answer from the same rows.
 *
 * <ul>
 *   <li>A live node disagrees when its state is not the desired one: with RUNNING desired, anything but RUNNING (a node
 *       drained for maintenance standing by does not disagree, nor one still STARTING, which is on its way); with
 *       STOPPED desired, anything but STOPPED (STOPPING with jobs still running is on its way).
 *   <li>A lost node counts until a later start of the same name checks in.
 *   <li>DEGRADED when a node disagrees, a node is lost, or the nodes could not be read; otherwise RUNNING only if at
 *       least one node fires, STARTING or STOPPING while nodes are on their way, else STOPPED.
 * </ul>
 */
public final class ClusterStateRules {

    private ClusterStateRules() {}

    /** The cluster's state and its per-node notices. */
    public record Verdict(SchedulerState state, List<NodeNotice> notices) {}

    public static Verdict judge(List<NodeInfo> nodes, @Nullable Boolean desiredRunning, boolean unreadable) {
        List<NodeNotice> notices = new ArrayList<>();
        Set<String> liveNames =
                nodes.stream().filter(NodeInfo::live).map(NodeInfo::name).collect(Collectors.toSet());
        boolean anyFiring = false;
        boolean anyStarting = false;
        boolean anyStopping = false;
        boolean degraded = unreadable;
        for (NodeInfo node : nodes) {
            if (node.lost()) {
                if (!liveNames.contains(node.name())) {
                    degraded = true;
                    notices.add(notice(NodeNotice.Kind.LOST, node));
                }
                continue;
            }
            if (!node.live()) {
                continue;
            }
            SchedulerState state = node.state();
            anyFiring |= state == SchedulerState.RUNNING;
            boolean wantRunning = desiredRunning == null ? state != SchedulerState.STOPPED : desiredRunning;
            if (state == SchedulerState.STARTING && wantRunning) {
                anyStarting = true;
                notices.add(notice(NodeNotice.Kind.TRANSITION, node));
            } else if (state == SchedulerState.STOPPING && (!wantRunning || node.drained())) {
                anyStopping |= !wantRunning;
                notices.add(notice(NodeNotice.Kind.TRANSITION, node));
            } else if (disagrees(node, wantRunning)) {
                degraded = true;
                notices.add(notice(NodeNotice.Kind.DISAGREES, node));
            }
        }
        SchedulerState cluster;
        if (degraded) {
            cluster = SchedulerState.DEGRADED;
        } else if (anyFiring) {
            cluster = SchedulerState.RUNNING;
        } else if (anyStarting) {
            cluster = SchedulerState.STARTING;
        } else if (Boolean.TRUE.equals(desiredRunning) && nodes.stream().anyMatch(NodeInfo::live)) {
            // Asked to run, every live node drained: nothing fires.
            cluster = SchedulerState.DEGRADED;
        } else if (anyStopping) {
            cluster = SchedulerState.STOPPING;
        } else {
            cluster = SchedulerState.STOPPED;
        }
        return new Verdict(cluster, notices);
    }

    private static boolean disagrees(NodeInfo node, boolean wantRunning) {
        if (node.drained()) {
            return node.state() != SchedulerState.STOPPED;
        }
        return wantRunning ? node.state() != SchedulerState.RUNNING : node.state() != SchedulerState.STOPPED;
    }

    private static NodeNotice notice(NodeNotice.Kind kind, NodeInfo node) {
        return new NodeNotice(kind, node.name(), node.state(), node.runningJobs(), node.reason());
    }
}
