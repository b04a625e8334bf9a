package io.jobdeck.stats;

import io.jobdeck.cluster.NodeIdentity;
import io.jobdeck.events.JobOutcome;
import io.jobdeck.stats.internal.MinuteBucket;
import io.jobdeck.stats.internal.StatsRepository;
import io.jobdeck.stats.internal.StatsRepository.Key;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The charts' input: adds ended executions to this node's per-minute buckets (by the minute they ended). The history
 * recorder calls it with each batch it writes, inside that batch's transaction, so the buckets count exactly what the
 * history holds: they commit or roll back with it, and a retried batch is not counted twice. One row is written per
 * distinct job and minute in a batch; the recent minutes' values stay in memory, so a row is never read back.
 *
 * <p>History depends on this module rather than the other way round: the buckets are derived from what history
 * writes, and the charts read only the buckets, so they need nothing from history.
 */
@Component
public class ExecutionBuckets {

    /** Minutes kept in memory after they are over; a later end (a recorder catching up) reads its row first. */
    static final long MINUTES_IN_MEMORY = 15;

    /** An ended execution as the history wrote it. */
    public record Ended(
            String jobGroup,
            String jobName,
            Instant endedAt,
            long durationMillis,
            JobOutcome outcome,
            @Nullable Long lagMillis) {}

    private final StatsRepository repository;
    private final String node;
    private final Clock clock;
    /** This node's buckets of the recent minutes, as committed. */
    private final Map<Key, MinuteBucket> recent = new HashMap<>();
    /** Buckets of minutes before this one are no longer in {@link #recent} (they may be stored). */
    private long forgottenBefore = Long.MIN_VALUE;

    ExecutionBuckets(StatsRepository repository, NodeIdentity node, Clock clock) {
        this.repository = repository;
        this.node = node.id();
        this.clock = clock;
    }

    /** Adds ended executions; call inside the transaction that writes them (or without one: written at once). */
    public synchronized void add(List<Ended> ended) {
        if (ended.isEmpty()) {
            return;
        }
        Map<Key, MinuteBucket> inserts = new LinkedHashMap<>();
        Map<Key, MinuteBucket> updates = new LinkedHashMap<>();
        for (Ended e : ended) {
            Key key =
                    new Key(e.jobGroup(), e.jobName(), Math.floorDiv(e.endedAt().getEpochSecond(), 60));
            MinuteBucket bucket = inserts.get(key);
            if (bucket == null) {
                bucket = updates.get(key);
            }
            if (bucket == null) {
                MinuteBucket known = recent.get(key);
                if (known == null && key.epochMinute() < forgottenBefore) {
                    known = repository.find(node, key).orElse(null);
                }
                if (known == null) {
                    bucket = new MinuteBucket();
                    inserts.put(key, bucket);
                } else {
                    bucket = known.copy(); // the committed value stays as it is until this commits
                    updates.put(key, bucket);
                }
            }
            bucket.add(e.outcome(), e.durationMillis(), e.lagMillis());
        }
        repository.write(node, inserts, updates);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    committed(inserts, updates);
                }
            });
        } else {
            committed(inserts, updates);
        }
    }

    private synchronized void committed(Map<Key, MinuteBucket> inserts, Map<Key, MinuteBucket> updates) {
        recent.putAll(inserts);
        recent.putAll(updates);
        long keepFrom = Math.floorDiv(clock.instant().getEpochSecond(), 60) - MINUTES_IN_MEMORY;
        if (keepFrom > forgottenBefore) {
            recent.keySet().removeIf(k -> k.epochMinute() < keepFrom);
            forgottenBefore = keepFrom;
        }
    }
}
