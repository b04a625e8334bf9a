package io.jobdeck.nodes.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobdeck.nodes.NodeInfo;
import io.jobdeck.nodes.NodeNotice;
import io.jobdeck.scheduler.SchedulerState;
import io.jobdeck.scheduler.StatusReason;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The cluster's state from its nodes' check-ins: the same rows give the same answer on every node. */
class ClusterStateRulesTest {

    static final Instant T = Instant.parse("2026-12-07T06:00:00Z");

    @Test
    void running_only_if_at_least_one_node_fires() {
        var verdict = ClusterStateRules.judge(
                List.of(node("a", SchedulerState.RUNNING, 0, null), node("b", SchedulerState.RUNNING, 0, null)),
                true,
                false);
        assertThat(verdict.state()).isEqualTo(SchedulerState.RUNNING);
        assertThat(verdict.notices()).isEmpty();

        assertThat(ClusterStateRules.judge(List.of(node("a", SchedulerState.STARTING, 0, null)), true, false)
                        .state())
                .isEqualTo(SchedulerState.STARTING);
    }

    @Test
    void a_live_node_that_does_not_follow_the_desired_state_degrades_the_cluster_and_says_which() {
        var verdict = ClusterStateRules.judge(
                List.of(
                        node("a", SchedulerState.RUNNING, 0, null),
                        node("b", SchedulerState.DEGRADED, 0, StatusReason.of(StatusReason.Code.QUARTZ_NOT_FIRING))),
                true,
                false);
        assertThat(verdict.state()).isEqualTo(SchedulerState.DEGRADED);
        assertThat(verdict.notices())
                .extracting(NodeNotice::kind, NodeNotice::node)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(NodeNotice.Kind.DISAGREES, "b"));
    }

    @Test
    void a_drained_node_standing_by_does_not_disagree_while_the_others_fire() {
        StatusReason drained = StatusReason.of(StatusReason.Code.DRAINED, "admin");
        var verdict = ClusterStateRules.judge(
                List.of(node("a", SchedulerState.RUNNING, 0, null), node("b", SchedulerState.STOPPED, 0, drained)),
                true,
                false);
        assertThat(verdict.state()).isEqualTo(SchedulerState.RUNNING);
        assertThat(verdict.notices()).isEmpty();

        var onlyDrained = ClusterStateRules.judge(List.of(node("b", SchedulerState.STOPPED, 0, drained)), true, false);
        assertThat(onlyDrained.state()).as("nothing fires").isEqualTo(SchedulerState.DEGRADED);
    }

    @Test
    void a_node_still_stopping_is_a_transition_with_its_running_jobs() {
        var verdict = ClusterStateRules.judge(
                List.of(node("a", SchedulerState.STOPPED, 0, null), node("b", SchedulerState.STOPPING, 2, null)),
                false,
                false);
        assertThat(verdict.state()).isEqualTo(SchedulerState.STOPPING);
        assertThat(verdict.notices())
                .containsExactly(new NodeNotice(NodeNotice.Kind.TRANSITION, "b", SchedulerState.STOPPING, 2, null));

        var stopped = ClusterStateRules.judge(List.of(node("a", SchedulerState.STOPPED, 0, null)), false, false);
        assertThat(stopped.state()).isEqualTo(SchedulerState.STOPPED);
        var stillFiring = ClusterStateRules.judge(List.of(node("a", SchedulerState.RUNNING, 0, null)), false, false);
        assertThat(stillFiring.state()).as("asked to stop, still firing").isEqualTo(SchedulerState.DEGRADED);
    }

    @Test
    void a_lost_node_degrades_the_cluster_until_a_later_start_of_its_name_checks_in() {
        NodeInfo lost = with(node("b", SchedulerState.RUNNING, 1, null), NodeInfo.Presence.LOST);
        var verdict = ClusterStateRules.judge(List.of(node("a", SchedulerState.RUNNING, 0, null), lost), true, false);
        assertThat(verdict.state()).isEqualTo(SchedulerState.DEGRADED);
        assertThat(verdict.notices()).extracting(NodeNotice::kind).containsExactly(NodeNotice.Kind.LOST);

        var back = ClusterStateRules.judge(
                List.of(node("a", SchedulerState.RUNNING, 0, null), node("b", SchedulerState.RUNNING, 0, null), lost),
                true,
                false);
        assertThat(back.state()).isEqualTo(SchedulerState.RUNNING);

        NodeInfo left = with(node("c", SchedulerState.STOPPED, 0, null), NodeInfo.Presence.LEFT);
        assertThat(ClusterStateRules.judge(List.of(node("a", SchedulerState.RUNNING, 0, null), left), true, false)
                        .state())
                .as("a node that left cleanly is no problem")
                .isEqualTo(SchedulerState.RUNNING);
    }

    @Test
    void nodes_that_could_not_be_read_make_the_cluster_degraded() {
        assertThat(ClusterStateRules.judge(List.of(node("a", SchedulerState.RUNNING, 0, null)), true, true)
                        .state())
                .isEqualTo(SchedulerState.DEGRADED);
    }

    static NodeInfo node(String name, SchedulerState state, int running, @Nullable StatusReason reason) {
        return new NodeInfo(
                name + "-1-x",
                name,
                "host:8080",
                "dev",
                T,
                NodeInfo.Presence.LIVE,
                state,
                T,
                reason,
                running,
                10,
                running,
                0,
                T,
                Duration.ZERO,
                0,
                null,
                false);
    }

    static NodeInfo with(NodeInfo n, NodeInfo.Presence presence) {
        return new NodeInfo(
                n.id() + "-old",
                n.name(),
                n.address(),
                n.version(),
                n.startedAt(),
                presence,
                n.state(),
                n.since(),
                n.reason(),
                n.busyWorkers(),
                n.poolSize(),
                n.runningJobs(),
                n.firesLastMinute(),
                n.checkinAt(),
                Duration.ofMinutes(1),
                0,
                null,
                false);
    }
}
