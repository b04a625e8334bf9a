package io.jobdeck.history.internal;

import io.jobdeck.history.HistoryProperties;
import io.jobdeck.history.RecorderHealth;
import io.jobdeck.jobs.JobDefinitions;
import io.jobdeck.support.Errors;
import io.jobdeck.support.Threads;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.quartz.Job;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;

/**
 * Writes executions to the database on its own thread, {@code jobdeck-history}, in batches: Quartz's threads only
 * {@link #offer} an immutable record to a bounded queue, which never blocks. A record the full queue refuses is
 * counted as lost and shown on the dashboard ({@link #health()}), never dropped silently. A batch the database
 * refuses is kept and retried with a growing pause until it is written (the queue fills meanwhile). What it wrote
 * is forced to disk at most {@code jobdeck.history.sync-every} later, and before a {@link #flush()} completes: forcing
 * it after every batch cost H2 about a third of its CPU per fire at high rates (decision 0024).
 */
@Component
public class ExecutionRecorder implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ExecutionRecorder.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);
    /** How long a batch waits for more records after its first one. */
    private static final Duration LINGER = Duration.ofMillis(50);
    /**
     * How long it waits under load, once the last batch held at least {@link #BUSY_BATCH} records (20 in 50 ms: 400
     * starts and ends a second): at hundreds of fires a second, batches of half a second cost the database less per
     * execution than batches of 50 ms (fewer, larger statements and fewer commits), and the history still shows every
     * execution within a second.
     */
    static final Duration BUSY_LINGER = Duration.ofMillis(500);

    static final int BUSY_BATCH = 20;
    private static final int MAX_PARAMETERS = 50;
    private static final int MAX_VALUE = 500;

    private final ExecutionRepository repository;
    private final JobDefinitions definitions;
    private final int batchSize;
    private final long syncEveryNanos;
    private final BlockingQueue<Object> queue;
    private final AtomicLong lost = new AtomicLong();
    private final AtomicLong waiting = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final ThreadPoolExecutor writer = Threads.single("jobdeck-history", 1);
    private volatile @Nullable String lastError;
    private volatile boolean closing;
    /** The size of the last batch taken (the writer's thread only). */
    private int lastBatch;

    /** A marker that {@link #flush()} waits for. */
    private record Flush(CompletableFuture<Void> done) {}

    ExecutionRecorder(ExecutionRepository repository, JobDefinitions definitions, HistoryProperties properties) {
        this.repository = repository;
        this.definitions = definitions;
        this.batchSize = properties.batchSize();
        this.syncEveryNanos = properties.syncEvery().toNanos();
        this.queue = new ArrayBlockingQueue<>(properties.queueCapacity());
        writer.execute(this::writeLoop);
    }

    /** Hands a start or an end over. Never blocks; false (and counted as lost) when the queue is full. */
    public boolean offer(ExecutionRecord record) {
        if (queue.offer(record)) {
            waiting.incrementAndGet();
            return true;
        }
        lost.incrementAndGet();
        return false;
    }

    /** Completes once everything handed over before this call is written. */
    public CompletionStage<Void> flush() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (!queue.offer(new Flush(done))) {
            done.completeExceptionally(new IllegalStateException("The history queue is full"));
        }
        return done;
    }

    public RecorderHealth health() {
        return new RecorderHealth(waiting.get(), lost.get(), lastError);
    }

    /** Starts and ends written since this node started. */
    public long written() {
        return written.get();
    }

    private void writeLoop() {
        List<Object> taken = new ArrayList<>(batchSize);
        Duration backoff = Duration.ofMillis(250);
        long unsyncedSince = 0; // System.nanoTime() of the first write not yet forced to disk; 0 when there is none
        boolean unsynced = false;
        while (!closing || !queue.isEmpty() || !taken.isEmpty() || unsynced) {
            try {
                if (taken.isEmpty()) {
                    long wait = unsynced
                            ? Math.max(0, syncEveryNanos - (System.nanoTime() - unsyncedSince))
                            : TimeUnit.MILLISECONDS.toNanos(200);
                    Object first = closing ? queue.poll() : queue.poll(wait, TimeUnit.NANOSECONDS);
                    if (first != null) {
                        taken.add(first);
                        gather(taken);
                    }
                }
                if (taken.stream().anyMatch(ExecutionRecord.class::isInstance)) {
                    int records = write(taken);
                    taken.removeIf(ExecutionRecord.class::isInstance); // written: a failed sync must not repeat them
                    if (!unsynced) {
                        unsynced = true;
                        unsyncedSince = System.nanoTime();
                    }
                    waiting.addAndGet(-records);
                    written.addAndGet(records);
                }
                boolean flushing = taken.stream().anyMatch(Flush.class::isInstance);
                if (repository.writePendingStats(flushing || closing) && !unsynced) {
                    unsynced = true;
                    unsyncedSince = System.nanoTime();
                }
                if (unsynced && (flushing || closing || System.nanoTime() - unsyncedSince >= syncEveryNanos)) {
                    repository.sync();
                    unsynced = false;
                }
                for (Object o : taken) {
                    if (o instanceof Flush f) {
                        f.done().complete(null);
                    }
                }
                taken.clear();
                lastError = null;
                backoff = Duration.ofMillis(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException e) {
                String why = Errors.describe(e);
                if (!why.equals(lastError)) {
                    log.error("Executions could not be written ({}); retrying until the database takes them", why);
                }
                lastError = why;
                try {
                    Thread.sleep(backoff.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    break;
                }
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
        try {
            if (repository.writePendingStats(true)) { // the charts' counts of the last batches, if the loop left any
                repository.sync();
            }
        } catch (RuntimeException e) {
            log.warn("The charts' last counts could not be written: {}", Errors.describe(e));
        }
        taken.forEach(o -> {
            if (o instanceof Flush f) {
                f.done().completeExceptionally(new IllegalStateException("The history recorder has stopped"));
            }
        });
    }

    /**
     * Fills the batch with what is waiting, and lingers a moment for more ({@link #LINGER}, {@link #BUSY_LINGER} while
     * busy): fewer, larger transactions cost the database less per execution, and a short job's start and end then
     * mostly share a batch (one insert, no update). A flush does not wait.
     */
    private void gather(List<Object> taken) throws InterruptedException {
        long deadline = System.nanoTime() + (lastBatch >= BUSY_BATCH ? BUSY_LINGER : LINGER).toNanos();
        try {
            fill(taken, deadline);
        } finally {
            lastBatch = taken.size();
        }
    }

    private void fill(List<Object> taken, long deadline) throws InterruptedException {
        int seen = 0;
        queue.drainTo(taken, batchSize - taken.size());
        while (taken.size() < batchSize && !closing) {
            for (; seen < taken.size(); seen++) {
                if (taken.get(seen) instanceof Flush) {
                    return;
                }
            }
            long left = deadline - System.nanoTime();
            Object next = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : null;
            if (next == null) {
                return;
            }
            taken.add(next);
            queue.drainTo(taken, batchSize - taken.size());
        }
    }

    /** Writes a batch: a start whose end is in the same batch is written once, ended. Returns the records in it. */
    private int write(List<Object> batch) {
        Map<String, ExecutionRecord> starts = new LinkedHashMap<>();
        Map<String, ExecutionRecord> ends = new LinkedHashMap<>();
        int records = 0;
        for (Object o : batch) {
            if (o instanceof ExecutionRecord r) {
                records++;
                if (r.ended()) {
                    if (starts.remove(r.fireId()) != null) {
                        starts.put(r.fireId() + "\u0000ended", r); // inserted whole, in arrival order
                    } else {
                        ends.put(r.fireId(), r);
                    }
                } else {
                    starts.put(r.fireId(), r);
                }
            }
        }
        List<ExecutionRepository.Row> startRows =
                starts.values().stream().map(this::row).toList();
        List<ExecutionRepository.Row> endRows =
                ends.values().stream().map(this::row).toList();
        try {
            repository.write(startRows, endRows);
        } catch (DataIntegrityViolationException e) {
            // One record the database will never take must not hold up the others: write them one by one.
            for (ExecutionRepository.Row start : startRows) {
                writeAlone(List.of(start), List.of());
            }
            for (ExecutionRepository.Row end : endRows) {
                writeAlone(List.of(), List.of(end));
            }
        }
        return records;
    }

    private void writeAlone(List<ExecutionRepository.Row> start, List<ExecutionRepository.Row> end) {
        try {
            repository.write(start, end);
        } catch (DataIntegrityViolationException e) {
            lost.incrementAndGet();
            ExecutionRecord r = (start.isEmpty() ? end : start).getFirst().record();
            log.error(
                    "The execution {} of {}.{} could not be written and is lost: {}",
                    r.fireId(),
                    r.jobGroup(),
                    r.jobName(),
                    Errors.describe(e));
        }
    }

    private ExecutionRepository.Row row(ExecutionRecord r) {
        Throwable error = r.error();
        return new ExecutionRepository.Row(
                r,
                ExecutionRepository.json(masked(r.jobClass(), r.parameters())),
                ExecutionRepository.json(masked(r.jobClass(), r.runParameters())),
                error == null ? null : Errors.describe(error),
                error == null ? null : stackTrace(error));
    }

    private Map<String, String> masked(@Nullable Class<? extends Job> jobClass, Map<String, String> values) {
        if (values.isEmpty()) {
            return values;
        }
        Map<String, String> masked = definitions.masked(jobClass == null ? Job.class : jobClass, values);
        Map<String, String> kept = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : masked.entrySet()) {
            if (kept.size() == MAX_PARAMETERS) {
                kept.put("…", (masked.size() - MAX_PARAMETERS) + " more");
                break;
            }
            String value = e.getValue();
            kept.put(e.getKey(), value.length() <= MAX_VALUE ? value : value.substring(0, MAX_VALUE - 1) + "…");
        }
        return kept;
    }

    static String stackTrace(Throwable error) {
        StringWriter out = new StringWriter();
        error.printStackTrace(new PrintWriter(out));
        return out.toString();
    }

    @Override
    public void destroy() {
        closing = true;
        Threads.shutdown(writer, Duration.ofSeconds(10));
    }
}
