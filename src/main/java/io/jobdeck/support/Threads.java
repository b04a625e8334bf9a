package io.jobdeck.support;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one place where Jobdeck's own threads are created, so that every one is named, bounded and stoppable. */
public final class Threads {

    private static final Logger log = LoggerFactory.getLogger(Threads.class);

    private Threads() {}

    /** A factory for daemon threads named {@code name-1}, {@code name-2}, … */
    public static ThreadFactory named(String name) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            thread.setUncaughtExceptionHandler((t, e) -> log.error("Uncaught exception on {}", t.getName(), e));
            return thread;
        };
    }

    /** A single named thread that runs scheduled work. */
    public static ScheduledThreadPoolExecutor singleScheduled(String name) {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, named(name));
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        executor.prestartAllCoreThreads();
        return executor;
    }

    /** One named worker thread with a bounded queue of {@code capacity} tasks; a full queue rejects. */
    public static ThreadPoolExecutor single(String name, int capacity) {
        ThreadPoolExecutor executor =
                new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(capacity), named(name));
        executor.prestartAllCoreThreads();
        return executor;
    }

    /** {@code threads} named workers sharing a bounded queue of {@code capacity} tasks; a full queue rejects. */
    public static ThreadPoolExecutor pool(String name, int threads, int capacity) {
        ThreadPoolExecutor executor = new ThreadPoolExecutor(
                threads, threads, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(capacity), named(name));
        executor.prestartAllCoreThreads();
        return executor;
    }

    /** Stops an executor, waiting up to {@code timeout} for the task in hand, then interrupting it. */
    public static void shutdown(ExecutorService executor, Duration timeout) {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                executor.shutdownNow();
                executor.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
