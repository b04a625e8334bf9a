package io.jobdeck.scheduler.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobdeck.scheduler.internal.ClusterFollower.Desired;
import io.jobdeck.scheduler.internal.ClusterFollower.Local;
import io.jobdeck.scheduler.internal.ClusterFollower.Step;
import io.jobdeck.scheduler.internal.DesiredStateStore.Saved;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What a node applies to follow the cluster, as a pure function of what it read and what it applied. */
class ClusterFollowerTest {

    /** Running, following version 5, nothing of its own pending, not drained. */
    private static final Local RUNNING_AT_5 = new Local(true, null, 5, 3, false);

    private static Desired read(boolean running, long version) {
        return new Desired(Optional.of(new Saved(running, version)), null);
    }

    @Test
    void a_newer_stop_is_followed() {
        Step step = ClusterFollower.step(read(false, 6), RUNNING_AT_5);

        assertThat(step.run()).contains(false);
        assertThat(step.followedVersion()).isEqualTo(6);
        assertThat(step.drainChanged()).isFalse();
    }

    @Test
    void a_newer_choice_equal_to_the_applied_one_changes_nothing_but_the_version() {
        Step step = ClusterFollower.step(read(true, 9), RUNNING_AT_5);

        assertThat(step.changesAnything()).isFalse();
        assertThat(step.followedVersion()).isEqualTo(9);
    }

    @Test
    void a_read_older_than_what_was_followed_is_ignored() {
        Step step = ClusterFollower.step(read(false, 4), RUNNING_AT_5);

        assertThat(step.changesAnything()).isFalse();
        assertThat(step.followedVersion()).isEqualTo(5);
    }

    @Test
    void a_read_older_than_this_nodes_own_last_save_is_ignored() {
        // This node stopped and saved version 8; a read of version 7 (a start) was taken before that save.
        Local stoppedAndSaved = new Local(false, null, 5, 8, false);

        Step step = ClusterFollower.step(read(true, 7), stoppedAndSaved);

        assertThat(step.changesAnything()).isFalse();
    }

    @Test
    void the_reread_of_this_nodes_own_save_changes_nothing() {
        Local stoppedAndSaved = new Local(false, null, 5, 8, false);

        assertThat(ClusterFollower.step(read(false, 8), stoppedAndSaved).changesAnything())
                .isFalse();
    }

    @Test
    void a_local_command_not_yet_saved_is_never_reverted() {
        // This node was just told to stop; its save is on the way. The database still holds the older start.
        Local stopPending = new Local(false, null, 5, 3, true);

        Step step = ClusterFollower.step(read(true, 6), stopPending);

        assertThat(step.run()).isEmpty();
        assertThat(step.followedVersion())
                .as("the read is not taken as followed: it is read again after the save")
                .isEqualTo(5);
    }

    @Test
    void a_choice_saved_by_another_node_after_this_nodes_own_is_followed() {
        Local stoppedAndSaved = new Local(false, null, 5, 8, false);

        assertThat(ClusterFollower.step(read(true, 9), stoppedAndSaved).run()).contains(true);
    }

    @Test
    void a_fresh_install_with_no_choice_changes_nothing() {
        Step step = ClusterFollower.step(new Desired(Optional.empty(), null), RUNNING_AT_5);

        assertThat(step.changesAnything()).isFalse();
    }

    @Test
    void a_drain_is_followed_also_while_a_local_command_is_pending() {
        Local stopPending = new Local(false, null, 5, 3, true);

        Step step = ClusterFollower.step(new Desired(Optional.of(new Saved(true, 6)), "operator"), stopPending);

        assertThat(step.drainChanged()).isTrue();
        assertThat(step.drainedBy()).isEqualTo("operator");
        assertThat(step.run()).isEmpty();
    }

    @Test
    void an_undrain_is_followed() {
        Local drained = new Local(true, "operator", 5, 3, false);

        Step step = ClusterFollower.step(read(true, 5), drained);

        assertThat(step.drainChanged()).isTrue();
        assertThat(step.drainedBy()).isNull();
    }

    @Test
    void twenty_alternating_saves_read_in_any_order_end_on_the_last() {
        // Reads reach a node late and out of order; it ends on the latest version whatever the order.
        Local local = new Local(true, null, 0, 0, false);
        long[] order = {3, 1, 2, 20, 5, 4, 19, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18};
        for (long version : order) {
            Step step = ClusterFollower.step(read(version % 2 == 0, version), local);
            local = new Local(
                    step.run().orElse(local.wantRunning()),
                    step.drainedBy(),
                    step.followedVersion(),
                    local.savedVersion(),
                    false);
        }
        assertThat(local.followedVersion()).isEqualTo(20);
        assertThat(local.wantRunning()).as("version 20 said run").isTrue();
    }
}
