package io.jobdeck.stats;

import io.jobdeck.cluster.NodeIdentity;
import io.jobdeck.events.JobOutcome;
import io.jobdeck.stats.internal.MinuteBucket;
import io.jobdeck.stats.internal.StatsRepository;
import io.jobdeck.stats.internal.StatsRepository.Key;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The charts' input: adds ended executions to this node's per-minute buckets (by the minute they ended). The history
 * recorder calls it with each batch it writes, inside that batch's transaction, so the buckets count what the history
 * holds: a batch rolled back (and retried) is not counted, and a batch committed is counted once. The rows are written
 * at most every {@link #WRITE_EVERY}, in the transaction of the batch that comes when they are due, or by
 * {@link #writePending} (the recorder calls it when it is idle, flushes or stops): at hundreds of fires a second one
 * row per job and batch cost the database about as much as the history's own rows. Until then the counts of committed
 * batches wait in memory; a crash (not a stop) can lose up to that long of them from the charts, never from the
 * history. One row is written per job and minute; the recent minutes' values stay in memory, so a row is never read
 * back.
 *
 * <p>History depends on this module rather than the other way round: the buckets are derived from what history
 * writes, and the charts read only the buckets, so they need nothing from history.
 */
@Component
public class ExecutionBuckets {

    /** Minutes kept in memory after they are over; a later end (a recorder catching up) reads its row first. */
    static final long MINUTES_IN_MEMORY = 15;

    /** How long counts may wait in memory before their rows are written. */
    public static final Duration WRITE_EVERY = Duration.ofSeconds(2);

    /** An ended execution as the history wrote it. */
    public record Ended(
            String jobGroup,
            String jobName,
            Instant endedAt,
            long durationMillis,
            JobOutcome outcome,
            @Nullable Long lagMillis) {}

    private final StatsRepository repository;
    private final TransactionTemplate transactions;
    private final String node;
    private final Clock clock;
    /** This node's buckets of the recent minutes, as written. */
    private final Map<Key, MinuteBucket> recent = new HashMap<>();
    /** Counts of committed batches not written yet, by job and minute. */
    private final Map<Key, MinuteBucket> pending = new HashMap<>();
    /** Buckets of minutes before this one are no longer in {@link #recent} (they may be stored). */
    private long forgottenBefore = Long.MIN_VALUE;

    private final long writeEveryNanos;
    private long lastWriteNanos = System.nanoTime();

    @Autowired
    ExecutionBuckets(StatsRepository repository, TransactionTemplate transactions, NodeIdentity node, Clock clock) {
        this(repository, transactions, node, clock, WRITE_EVERY);
    }

    /** With another interval, for tests that show when rows are written. */
    ExecutionBuckets(
            StatsRepository repository,
            TransactionTemplate transactions,
            NodeIdentity node,
            Clock clock,
            Duration writeEvery) {
        this.writeEveryNanos = writeEvery.toNanos();
        this.repository = repository;
        this.transactions = transactions;
        this.node = node.id();
        this.clock = clock;
    }

    /**
     * Adds ended executions; call inside the transaction that writes them (or without one: written at once). Their
     * rows, and those of earlier batches, are written in that transaction when {@link #WRITE_EVERY} has passed.
     */
    public synchronized void add(List<Ended> ended) {
        if (ended.isEmpty()) {
            return;
        }
        Map<Key, MinuteBucket> counts = new HashMap<>();
        for (Ended e : ended) {
            Key key =
                    new Key(e.jobGroup(), e.jobName(), Math.floorDiv(e.endedAt().getEpochSecond(), 60));
            counts.computeIfAbsent(key, k -> new MinuteBucket()).add(e.outcome(), e.durationMillis(), e.lagMillis());
        }
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            addTo(pending, counts);
            write();
        } else if (System.nanoTime() - lastWriteNanos >= writeEveryNanos) {
            Map<Key, MinuteBucket> all = new HashMap<>();
            addTo(all, pending);
            addTo(all, counts);
            Written written = write(all);
            afterCommit(() -> written(written));
        } else {
            afterCommit(() -> addTo(pending, counts)); // a batch rolled back is not counted
        }
    }

    /**
     * Writes the counts still waiting, in a transaction of their own: always when {@code evenIfNotDue}, else only once
     * {@link #WRITE_EVERY} has passed. Returns whether it wrote anything.
     */
    public synchronized boolean writePending(boolean evenIfNotDue) {
        if (pending.isEmpty() || (!evenIfNotDue && System.nanoTime() - lastWriteNanos < writeEveryNanos)) {
            return false;
        }
        write();
        return true;
    }

    private void write() {
        Written written = transactions.execute(tx -> write(pending));
        written(java.util.Objects.requireNonNull(written));
    }

    /** The rows as they are once {@code counts} are added, inserted or updated; remembered once committed. */
    private record Written(Map<Key, MinuteBucket> inserts, Map<Key, MinuteBucket> updates) {}

    private Written write(Map<Key, MinuteBucket> counts) {
        Map<Key, MinuteBucket> inserts = new LinkedHashMap<>();
        Map<Key, MinuteBucket> updates = new LinkedHashMap<>();
        counts.forEach((key, added) -> {
            MinuteBucket known = recent.get(key);
            if (known == null && key.epochMinute() < forgottenBefore) {
                known = repository.find(node, key).orElse(null);
            }
            MinuteBucket bucket = known == null ? new MinuteBucket() : known.copy(); // the written value stays as it is
            bucket.addAll(added);
            (known == null ? inserts : updates).put(key, bucket);
        });
        repository.write(node, inserts, updates);
        return new Written(inserts, updates);
    }

    private synchronized void written(Written written) {
        recent.putAll(written.inserts());
        recent.putAll(written.updates());
        pending.clear();
        lastWriteNanos = System.nanoTime();
        long keepFrom = Math.floorDiv(clock.instant().getEpochSecond(), 60) - MINUTES_IN_MEMORY;
        if (keepFrom > forgottenBefore) {
            recent.keySet().removeIf(k -> k.epochMinute() < keepFrom);
            forgottenBefore = keepFrom;
        }
    }

    private static void addTo(Map<Key, MinuteBucket> into, Map<Key, MinuteBucket> counts) {
        counts.forEach((key, bucket) -> {
            MinuteBucket there = into.get(key);
            if (there == null) {
                into.put(key, bucket.copy());
            } else {
                there.addAll(bucket);
            }
        });
    }

    private void afterCommit(Runnable action) {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                synchronized (ExecutionBuckets.this) {
                    action.run();
                }
            }
        });
    }
}
