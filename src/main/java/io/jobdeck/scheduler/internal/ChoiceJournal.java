package io.jobdeck.scheduler.internal;

import io.jobdeck.support.Errors;
import io.jobdeck.support.Threads;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Saves the operator's last lifecycle choice off the control thread ({@code jobdeck-choice}), so that a command never
 * waits on the database. The latest choice wins: a burst is written once. A failed write is retried until it
 * succeeds, and shown meanwhile ({@link #notSaved()}); {@link #saved(long)} tells a caller when its command is durable.
 * In a cluster each save is announced, so that every node follows it ({@link ClusterFollower}).
 */
@Component
public class ChoiceJournal implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ChoiceJournal.class);
    private static final Duration FIRST_RETRY = Duration.ofMillis(500);
    private static final Duration MAX_RETRY = Duration.ofSeconds(10);
    /** A write still unanswered after this long is shown as not saved. */
    static final Duration SLOW_WRITE = Duration.ofSeconds(1);

    /** A choice to save: the command's sequence number, run or not, and who chose. */
    public record Choice(long sequence, boolean running, String by) {}

    private final DesiredStateStore store;
    private final ClusterFollower follower;
    private final String schedulerName;
    private final ScheduledThreadPoolExecutor writer = Threads.singleScheduled("jobdeck-choice");
    private final AtomicReference<@Nullable Choice> latest = new AtomicReference<>();
    private final AtomicBoolean writeQueued = new AtomicBoolean();
    private final ConcurrentSkipListMap<Long, CompletableFuture<Void>> waiting = new ConcurrentSkipListMap<>();
    private volatile long savedUpTo;
    private volatile long savedVersion; // written before savedUpTo
    private volatile @Nullable String notSaved;
    private volatile long writingSinceNanos; // 0 while no write is in flight
    private Duration retry = FIRST_RETRY;

    ChoiceJournal(DesiredStateStore store, ClusterFollower follower, Scheduler scheduler) throws SchedulerException {
        this.store = store;
        this.follower = follower;
        this.schedulerName = scheduler.getSchedulerName();
    }

    /** Hands a choice over; returns at once. */
    public void save(Choice choice) {
        latest.accumulateAndGet(choice, (a, b) -> a == null || b.sequence() > a.sequence() ? b : a);
        queueWrite(0);
    }

    /** Completes once the choice of {@code sequence}, or a later one, is stored. */
    public CompletionStage<Void> saved(long sequence) {
        if (sequence <= savedUpTo) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> done = waiting.computeIfAbsent(sequence, s -> new CompletableFuture<>());
        if (sequence <= savedUpTo) { // saved while we registered
            completeUpTo(savedUpTo);
        }
        return done;
    }

    /**
     * Why the last choice is not saved yet: the last write failed, or the database has not answered the one in flight
     * for more than {@link #SLOW_WRITE}. Null while saving works.
     */
    public @Nullable String notSaved() {
        String failed = notSaved;
        if (failed != null) {
            return failed;
        }
        long since = writingSinceNanos;
        if (since != 0) {
            Duration waited = Duration.ofNanos(System.nanoTime() - since);
            if (waited.compareTo(SLOW_WRITE) > 0) {
                return "the database has not answered for " + waited.toSeconds() + " s";
            }
        }
        return null;
    }

    /** True while a choice handed over is not saved yet (its save is the latest then, and is announced). */
    public boolean pending() {
        Choice choice = latest.get();
        return choice != null && choice.sequence() > savedUpTo;
    }

    /** The version of the last choice this node saved (0 before the first). */
    public long savedVersion() {
        return savedVersion;
    }

    private void queueWrite(long delayMillis) {
        if (writeQueued.compareAndSet(false, true)) {
            try {
                writer.schedule(this::write, delayMillis, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException shuttingDown) {
                writeQueued.set(false);
            }
        }
    }

    private void write() {
        writeQueued.set(false);
        Choice choice = latest.get();
        if (choice == null || choice.sequence() <= savedUpTo) {
            return;
        }
        writingSinceNanos = System.nanoTime();
        try {
            long version = store.save(schedulerName, choice.running(), choice.by());
            writingSinceNanos = 0;
            savedVersion = version;
            savedUpTo = choice.sequence();
            follower.announce();
            if (notSaved != null) {
                log.info("The operator's choice is saved again");
            }
            notSaved = null;
            retry = FIRST_RETRY;
            completeUpTo(choice.sequence());
            Choice newer = latest.get();
            if (newer != null && newer.sequence() > choice.sequence()) {
                queueWrite(0);
            }
        } catch (RuntimeException e) {
            writingSinceNanos = 0;
            String why = Errors.describe(e);
            if (notSaved == null) {
                log.warn("Could not save the operator's choice ({}); retrying", why);
            }
            notSaved = why;
            queueWrite(retry.toMillis());
            retry = retry.multipliedBy(2).compareTo(MAX_RETRY) > 0 ? MAX_RETRY : retry.multipliedBy(2);
        }
    }

    private void completeUpTo(long sequence) {
        Map<Long, CompletableFuture<Void>> done = waiting.headMap(sequence, true);
        done.values().forEach(f -> f.complete(null));
        done.clear();
    }

    @Override
    public void destroy() {
        // One last try for a choice still unsaved, then stop.
        queueWrite(0);
        Threads.shutdown(writer, Duration.ofSeconds(5));
        waiting.values().forEach(f -> f.completeExceptionally(new IllegalStateException("Jobdeck stopped")));
    }
}
