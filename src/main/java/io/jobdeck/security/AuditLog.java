package io.jobdeck.security;

import io.jobdeck.security.internal.AuditRepository;
import io.jobdeck.support.Errors;
import io.jobdeck.support.Threads;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * The audit trail. Each record is written to the log at once and stored in the database on the {@code jobdeck-audit}
 * thread, so recording never blocks a request, a UI or a Quartz thread. Reading it is for admins only.
 */
@Service
public class AuditLog implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger("io.jobdeck.audit");

    private final AuditRepository repository;
    private final Clock clock;
    private final ThreadPoolExecutor writer = Threads.single("jobdeck-audit", 100_000);

    AuditLog(AuditRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    /** Records an action. Returns at once; the stage completes once the record is stored. */
    public CompletionStage<Void> record(
            Actor actor, AuditAction action, String target, AuditOutcome outcome, @Nullable String detail) {
        AuditEntry entry = new AuditEntry(0, clock.instant(), actor.name(), actor.address(), action, target, outcome, detail);
        log.info("actor={} address={} action={} target={} outcome={}{}", oneLine(entry.actor()), entry.address(), action,
                oneLine(target), outcome, detail == null ? "" : " detail=" + oneLine(detail));
        CompletableFuture<Void> stored = new CompletableFuture<>();
        try {
            writer.execute(() -> {
                try {
                    repository.insert(entry);
                    stored.complete(null);
                } catch (RuntimeException e) {
                    log.error("Audit record could not be stored ({}): {}", Errors.describe(e), entry);
                    stored.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            log.error("Audit queue full; record kept in the log only: {}", entry);
            stored.completeExceptionally(e);
        }
        return stored;
    }

    /** One page of the trail, newest first. Checks the caller's role at once; the query runs in the background. */
    @PreAuthorize(Permissions.ADMINISTER)
    public CompletionStage<AuditPage> search(AuditFilter filter, int page, int pageSize) {
        int size = Math.clamp(pageSize, 1, 500);
        int from = Math.max(0, page);
        return CompletableFuture.supplyAsync(() -> repository.find(filter, from, size), writer);
    }

    /** Typed-in text cannot forge extra log lines. */
    private static String oneLine(String text) {
        return text.replace('\r', ' ').replace('\n', ' ');
    }

    @Override
    public void destroy() {
        Threads.shutdown(writer, Duration.ofSeconds(10));
    }
}
