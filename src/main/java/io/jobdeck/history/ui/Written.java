package io.jobdeck.history.ui;

import io.jobdeck.history.ExecutionHistory;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.springframework.security.concurrent.DelegatingSecurityContextExecutor;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Reads the history once what was recorded before is written: an event says that a job started or ended a moment
 * before the recorder's thread writes it, so a page read at once could miss it. Never waits longer than
 * {@link #AT_MOST} (while the database is away the recorder retries, and the page shows what there is).
 */
final class Written {

    static final Duration AT_MOST = Duration.ofSeconds(2);

    private Written() {}

    /** Call with the reader's security context (as {@code Reloader} does): {@code read} runs with it. */
    static <T> CompletionStage<T> read(ExecutionHistory history, Supplier<CompletionStage<T>> read) {
        Executor asCaller = new DelegatingSecurityContextExecutor(Runnable::run, SecurityContextHolder.getContext());
        return history.flush()
                .toCompletableFuture()
                .completeOnTimeout(null, AT_MOST.toMillis(), TimeUnit.MILLISECONDS)
                .exceptionally(notWritten -> null)
                .thenComposeAsync(written -> read.get(), asCaller);
    }
}
