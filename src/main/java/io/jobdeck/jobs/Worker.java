package io.jobdeck.jobs;

import io.jobdeck.support.Errors;
import io.jobdeck.support.Threads;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import org.jspecify.annotations.Nullable;

/**
 * A job service's own named, bounded thread pool, where its store work runs off the caller's thread. A stage fails
 * with the refusal a service threw on purpose ({@link Refusal}: it names fields or a conflict), or with a
 * {@link JobCommandException} that says in words what else went wrong; a full queue fails at once, never blocks.
 */
final class Worker {

    /** Store work: may throw Quartz's and JDBC's exceptions. */
    interface Work<T extends @Nullable Object> {
        T run() throws Exception;
    }

    /** An exception a service throws to refuse a request: passed to the caller as it is. */
    interface Refusal {}

    private final ThreadPoolExecutor pool;

    Worker(String name, int threads, int capacity) {
        this.pool = Threads.pool(name, threads, capacity);
    }

    <T extends @Nullable Object> CompletionStage<T> submit(Work<T> work) {
        CompletableFuture<T> done = new CompletableFuture<>();
        try {
            pool.execute(() -> {
                try {
                    done.complete(work.run());
                } catch (Exception e) {
                    done.completeExceptionally(e instanceof Refusal ? e : new JobCommandException(Errors.describe(e)));
                }
            });
        } catch (RejectedExecutionException e) {
            done.completeExceptionally(new JobCommandException("Too many requests are waiting; try again"));
        }
        return done;
    }

    void shutdown() {
        Threads.shutdown(pool, Duration.ofSeconds(5));
    }
}
