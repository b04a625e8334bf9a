package io.jobdeck.scheduler.internal;

import io.jobdeck.cluster.ClusterMode;
import io.jobdeck.cluster.ClusterNotifications;
import io.jobdeck.cluster.NodeIdentity;
import io.jobdeck.scheduler.DrainResult;
import io.jobdeck.scheduler.DrainResult.Outcome;
import io.jobdeck.support.Errors;
import io.jobdeck.support.Threads;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Keeps this node following what the cluster wants (decision 0031): the operator's choice, stored once for the
 * cluster, and whether this node is drained. It re-reads both when a node announces a change on
 * {@value #CHANNEL}, after every (re)connect of the listener (notifications sent meanwhile are lost), and every
 * {@code jobdeck.cluster.recheck-every} should one be missed; reads are coalesced and done on
 * {@code jobdeck-cluster-follow}, and what was read is handed to the control, which decides with {@link #step} what
 * to apply on its own thread. On one node (no cluster) it does nothing but read the choice at startup.
 */
@Component
public class ClusterFollower implements DisposableBean {

    /** The channel on which a node announces a saved choice or a drain. */
    public static final String CHANNEL = "jobdeck_control";

    /** As {@code jobdeck.cluster.node-name} allows. */
    private static final Pattern NODE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,59}");

    private static final Logger log = LoggerFactory.getLogger(ClusterFollower.class);

    /** What the database says: the cluster's choice (empty on a fresh install), and who drained this node, if anyone. */
    public record Desired(
            Optional<DesiredStateStore.Saved> choice,
            @Nullable String drainedBy) {}

    /**
     * What this node has applied.
     *
     * @param wantRunning     the choice it follows now
     * @param drainedBy       who drained it, or null
     * @param followedVersion the version of the last choice it followed (or restored)
     * @param savedVersion    the version of its own last saved choice
     * @param choicePending   one of its own commands is applied but not saved yet: its save comes later and wins
     */
    public record Local(
            boolean wantRunning,
            @Nullable String drainedBy,
            long followedVersion,
            long savedVersion,
            boolean choicePending) {}

    /**
     * What to apply to follow a read.
     *
     * @param run             the choice to follow, if it differs from the one applied
     * @param followedVersion the version followed from now on
     * @param drainChanged    whether the node's drain changed
     * @param drainedBy       who drained it, or null
     */
    public record Step(
            Optional<Boolean> run,
            long followedVersion,
            boolean drainChanged,
            @Nullable String drainedBy) {

        public boolean changesAnything() {
            return run.isPresent() || drainChanged;
        }
    }

    /**
     * Decides what a node with {@code local} state applies after reading {@code read}. A choice is followed only if it
     * is newer than everything this node applied or saved itself, and never while a command of its own waits to be
     * saved (that save is newer, and announced: every node follows it then). A drain is followed as read.
     */
    public static Step step(Desired read, Local local) {
        Optional<Boolean> run = Optional.empty();
        long followed = local.followedVersion();
        if (read.choice().isPresent() && !local.choicePending()) {
            DesiredStateStore.Saved saved = read.choice().get();
            if (saved.version() > Math.max(local.followedVersion(), local.savedVersion())) {
                followed = saved.version();
                if (saved.running() != local.wantRunning()) {
                    run = Optional.of(saved.running());
                }
            }
        }
        return new Step(run, followed, !Objects.equals(read.drainedBy(), local.drainedBy()), read.drainedBy());
    }

    private final boolean enabled;
    private final Duration recheckEvery;
    private final ClusterNotifications notifications;
    private final DesiredStateStore store;
    private final NodeDrains drains;
    private final String nodeName;
    private final String schedulerName;
    private final ScheduledThreadPoolExecutor thread = Threads.singleScheduled("jobdeck-cluster-follow");
    private final AtomicBoolean readQueued = new AtomicBoolean();
    private volatile Consumer<Desired> follow = read -> {};
    private boolean readFailing; // touched only on the follow thread

    ClusterFollower(
            ClusterMode cluster,
            ClusterNotifications notifications,
            DesiredStateStore store,
            NodeDrains drains,
            NodeIdentity node,
            Scheduler scheduler)
            throws SchedulerException {
        this.enabled = cluster.enabled();
        this.recheckEvery = cluster.properties().recheckEvery();
        this.notifications = notifications;
        this.store = store;
        this.drains = drains;
        this.nodeName = node.name();
        this.schedulerName = scheduler.getSchedulerName();
    }

    /** True when this node is one of a cluster, and follows it. */
    public boolean enabled() {
        return enabled;
    }

    /** Reads what this node must do at startup, on the follow thread. */
    public CompletionStage<Desired> load() {
        return CompletableFuture.supplyAsync(this::read, thread);
    }

    /** Starts following (cluster mode only): reads now, then on each announcement, reconnect and recheck. */
    public void start(Consumer<Desired> follow) {
        if (!enabled) {
            return;
        }
        this.follow = follow;
        notifications.listen(CHANNEL, payload -> requestRead());
        notifications.onConnected(this::requestRead);
        try {
            thread.scheduleWithFixedDelay(this::requestRead, 0, recheckEvery.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException shuttingDown) {
            // stopping
        }
    }

    /** Tells every node (this one included) to re-read: a choice was saved or a drain changed. Never blocks. */
    public void announce() {
        notifications.send(CHANNEL, nodeName);
    }

    /**
     * Drains ({@code drained}) or undrains the node named {@code name} on behalf of {@code by}, on the follow thread,
     * and announces it; the stage completes once it is saved (or refused).
     */
    public CompletionStage<DrainResult> drain(String name, boolean drained, String by) {
        if (!enabled) {
            return CompletableFuture.completedFuture(DrainResult.refused(
                    name,
                    Outcome.NOT_A_CLUSTER,
                    "Draining is only possible in a cluster (jobdeck.cluster.enabled=true); a single node is stopped"
                            + " with Stop"));
        }
        if (!NODE_NAME.matcher(name).matches()) {
            return CompletableFuture.completedFuture(DrainResult.refused(
                    name,
                    Outcome.BAD_NAME,
                    name.isBlank()
                            ? "Give the name of the node to " + (drained ? "drain" : "undrain")
                            : "'" + Errors.oneLine(name.length() > 60 ? name.substring(0, 60) + "…" : name)
                                    + "' is not a node name: 1 to 60 letters, digits, dots, dashes or underscores"));
        }
        try {
            return CompletableFuture.supplyAsync(() -> applyDrain(name, drained, by), thread)
                    .exceptionally(e -> DrainResult.refused(
                            name,
                            Outcome.FAILED,
                            "Could not " + (drained ? "drain" : "undrain") + " node " + name + ": "
                                    + Errors.describe(e)));
        } catch (RejectedExecutionException shuttingDown) {
            return CompletableFuture.completedFuture(
                    DrainResult.refused(name, Outcome.FAILED, "Jobdeck is shutting down"));
        }
    }

    // --- Follow thread ---

    private DrainResult applyDrain(String name, boolean drained, String by) {
        if (drained) {
            Set<String> known = drains.knownNodes();
            if (!known.contains(name)) {
                return unknown(name, known);
            }
            drains.drain(name, by);
        } else if (!drains.undrain(name)) {
            Set<String> known = drains.knownNodes();
            if (!known.contains(name)) {
                return unknown(name, known);
            }
        }
        log.info("Node {} {} by {}", name, drained ? "drained" : "undrained", by);
        announce();
        return DrainResult.done(name, drained);
    }

    private static DrainResult unknown(String name, Set<String> known) {
        return DrainResult.refused(
                name,
                Outcome.UNKNOWN_NODE,
                "No node named '" + name + "' is known to this cluster" + (known.isEmpty() ? "" : "; known: " + known));
    }

    private void requestRead() {
        if (readQueued.compareAndSet(false, true)) {
            try {
                thread.execute(this::readAndFollow);
            } catch (RejectedExecutionException shuttingDown) {
                readQueued.set(false);
            }
        }
    }

    private void readAndFollow() {
        readQueued.set(false); // an announcement arriving during the read reads again
        Desired read;
        try {
            read = read();
        } catch (RuntimeException e) {
            if (!readFailing) {
                log.warn("Could not read the cluster's desired state ({}); retrying", Errors.describe(e));
            }
            readFailing = true;
            return;
        }
        if (readFailing) {
            log.info("The cluster's desired state is read again");
        }
        readFailing = false;
        follow.accept(read);
    }

    private Desired read() {
        return new Desired(
                store.load(schedulerName), enabled ? drains.drainedBy(nodeName).orElse(null) : null);
    }

    @Override
    public void destroy() {
        Threads.shutdown(thread, Duration.ofSeconds(2));
    }
}
