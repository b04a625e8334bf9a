package io.jobdeck.audit;

import io.jobdeck.audit.internal.AuditRepository;
import io.jobdeck.cluster.NodeIdentity;
import io.jobdeck.security.Actor;
import io.jobdeck.security.Permissions;
import io.jobdeck.support.DisplayText;
import io.jobdeck.support.Errors;
import io.jobdeck.support.Threads;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * The audit trail. Each record is written to the log at once and stored in the database in batches on the
 * {@code jobdeck-audit} thread, so recording never blocks a request, a UI or a Quartz thread. A record the database
 * refuses is kept and retried until it is stored; while any wait, and if any is ever lost, {@link #health()} says
 * so and the dashboard shows it. Reading the trail is for admins only.
 */
@Service
public class AuditLog implements DisposableBean {

    static final int CAPACITY = 100_000;
    private static final int BATCH = 500;
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);
    /** Longest actor and detail text a log line carries (the database column is the limit for storage). */
    static final int LOG_TEXT_LIMIT = 200;

    private static final Logger log = LoggerFactory.getLogger("io.jobdeck.audit");

    private final AuditRepository repository;
    private final Clock clock;
    private final String node;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>(CAPACITY);
    private final AtomicLong lost = new AtomicLong();
    private final AtomicInteger unstored = new AtomicInteger(); // handed over, not yet stored (queued or in a batch)
    private final ThreadPoolExecutor writer = Threads.single("jobdeck-audit", 1);
    private final ThreadPoolExecutor reader = Threads.single("jobdeck-audit-read", 100);
    private volatile @Nullable String lastError;
    private volatile boolean closing;

    /** A record on its way to the database, or a marker ({@code entry == null}) that {@link #flush()} waits for. */
    private record Pending(@Nullable AuditEntry entry, CompletableFuture<Void> stored) {}

    AuditLog(AuditRepository repository, Clock clock, NodeIdentity node) {
        this.repository = repository;
        this.clock = clock;
        this.node = node.id();
        writer.execute(this::writeLoop);
    }

    /** Records an action. Returns at once; the stage completes once the record is stored. */
    public CompletionStage<Void> record(
            Actor actor, AuditAction action, String target, AuditOutcome outcome, @Nullable String detail) {
        // Cut to the columns at once: the queue holds up to CAPACITY records, whatever size of text was typed in.
        AuditEntry entry = new AuditEntry(
                0,
                clock.instant(),
                AuditRepository.fit(actor.name(), AuditRepository.ACTOR_MAX),
                AuditRepository.fitOrNull(actor.address(), AuditRepository.ADDRESS_MAX),
                action,
                AuditRepository.fit(target, AuditRepository.TARGET_MAX),
                outcome,
                AuditRepository.fitOrNull(detail, AuditRepository.DETAIL_MAX),
                node);
        log.info(
                "actor={} address={} action={} target={} outcome={}{}",
                forLog(actor.name()),
                actor.address() == null ? null : forLog(actor.address()),
                action,
                forLog(target),
                outcome,
                detail == null ? "" : " detail=" + forLog(detail));
        CompletableFuture<Void> stored = new CompletableFuture<>();
        unstored.incrementAndGet();
        if (!queue.offer(new Pending(entry, stored))) {
            unstored.decrementAndGet();
            lost.incrementAndGet();
            log.error("Audit queue full: this record is kept in the log only: {}", brief(entry));
            stored.completeExceptionally(new IllegalStateException("The audit queue is full"));
        }
        return stored;
    }

    /** Completes once every record handed over before this call is stored. */
    public CompletionStage<Void> flush() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (!queue.offer(new Pending(null, done))) {
            done.completeExceptionally(new IllegalStateException("The audit queue is full"));
        }
        return done;
    }

    /** Whether records are being stored. Never blocks. */
    public AuditHealth health() {
        return new AuditHealth(unstored.get(), lost.get(), lastError);
    }

    /** One page of the trail, newest first. Checks the caller's role at once; the query runs in the background. */
    @PreAuthorize(Permissions.ADMINISTER)
    public CompletionStage<AuditPage> search(AuditFilter filter, int page, int pageSize) {
        int size = Math.clamp(pageSize, 1, 500);
        int from = Math.max(0, page);
        return CompletableFuture.supplyAsync(() -> repository.find(filter, from, size), reader);
    }

    private void writeLoop() {
        List<Pending> batch = new ArrayList<>(BATCH);
        Duration backoff = Duration.ofMillis(250);
        while (!closing || !queue.isEmpty() || !batch.isEmpty()) {
            try {
                if (batch.isEmpty()) {
                    Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
                    if (first == null) {
                        continue;
                    }
                    batch.add(first);
                    queue.drainTo(batch, BATCH - 1);
                }
                store(batch);
                batch.clear();
                lastError = null;
                backoff = Duration.ofMillis(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException e) {
                String why = Errors.describe(e);
                if (!why.equals(lastError)) {
                    log.error("Audit records could not be stored ({}); retrying until the database takes them", why);
                }
                lastError = why;
                if (!sleep(backoff)) {
                    break;
                }
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
        List<Pending> left = new ArrayList<>(batch);
        queue.drainTo(left);
        for (Pending p : left) {
            if (p.entry() != null) {
                unstored.decrementAndGet();
                lost.incrementAndGet();
                log.error("Audit record not stored before shutdown; kept in the log only: {}", brief(p.entry()));
            }
            p.stored().completeExceptionally(new IllegalStateException("Jobdeck stopped before the record was stored"));
        }
    }

    private void store(List<Pending> batch) {
        List<AuditEntry> entries = new ArrayList<>(batch.size());
        for (Pending p : batch) {
            if (p.entry() != null) {
                entries.add(p.entry());
            }
        }
        if (!entries.isEmpty()) {
            repository.insertAll(entries);
            unstored.addAndGet(-entries.size());
        }
        batch.forEach(p -> p.stored().complete(null));
    }

    private boolean sleep(Duration duration) {
        try {
            Thread.sleep(duration);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Typed-in text cannot forge log lines or reorder what is shown, and a huge one cannot flood the log. */
    static String forLog(String text) {
        String safe = DisplayText.safe(text, LOG_TEXT_LIMIT);
        return text.length() > LOG_TEXT_LIMIT ? safe + "(" + text.length() + " chars)" : safe;
    }

    private static String brief(AuditEntry e) {
        return "at=" + e.at() + " actor=" + forLog(e.actor()) + " action=" + e.action() + " target="
                + forLog(e.target()) + " outcome=" + e.outcome();
    }

    @Override
    public void destroy() {
        closing = true;
        Threads.shutdown(writer, Duration.ofSeconds(10));
        Threads.shutdown(reader, Duration.ofSeconds(5));
    }
}
