package io.jobdeck.scheduler.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;
import org.quartz.SchedulerConfigException;
import org.quartz.simpl.SimpleThreadPool;

/**
 * Quartz's own worker pool, made observable: it keeps the {@link Thread} objects of its workers and of the Quartz
 * scheduler thread (the one thread that asks the pool for free workers), so that liveness is checked on the real
 * threads rather than guessed from their names. It also clears a worker's interrupt flag after each job, so that an
 * interrupt meant for a finished job cannot make the idle worker log an error.
 *
 * <p>Quartz creates thread pools by class name; {@code org.quartz.threadPool.registryKey} (set by {@link QuartzSetup}
 * to the node id) is how the monitor finds this instance.
 */
public class ObservedThreadPool extends SimpleThreadPool {

    private static final Map<String, ObservedThreadPool> REGISTRY = new ConcurrentHashMap<>();

    private final List<Thread> workers = new CopyOnWriteArrayList<>();
    private volatile @Nullable Thread schedulerThread;
    private @Nullable String registryKey;

    /** Set by Quartz from {@code org.quartz.threadPool.registryKey}. */
    public void setRegistryKey(String registryKey) {
        this.registryKey = registryKey;
    }

    /** The pool of the scheduler whose node id is {@code key}, once Quartz has created it. */
    public static Optional<ObservedThreadPool> of(String key) {
        return Optional.ofNullable(REGISTRY.get(key));
    }

    @Override
    public void initialize() throws SchedulerConfigException {
        super.initialize();
        if (registryKey != null) {
            REGISTRY.put(registryKey, this);
        }
    }

    // SimpleThreadPool's worker type is package-private; the raw list is the only way to see the threads it makes.
    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    protected List createWorkerThreads(int createCount) {
        List created = super.createWorkerThreads(createCount);
        for (Object worker : created) {
            workers.add((Thread) worker);
        }
        return created;
    }

    @Override
    public int blockForAvailableThreads() {
        schedulerThread = Thread.currentThread();
        return super.blockForAvailableThreads();
    }

    @Override
    public boolean runInThread(Runnable job) {
        schedulerThread = Thread.currentThread();
        return super.runInThread(() -> {
            try {
                job.run();
            } finally {
                Thread.interrupted(); // an interrupt for this job ends with it
            }
        });
    }

    /** Workers whose thread is alive. */
    public int aliveWorkers() {
        int alive = 0;
        for (Thread worker : workers) {
            if (worker.isAlive()) {
                alive++;
            }
        }
        return alive;
    }

    /** Whether the Quartz scheduler thread is alive; empty until it first asked for a worker. */
    public Optional<Boolean> schedulerThreadAlive() {
        Thread thread = schedulerThread;
        return thread == null ? Optional.empty() : Optional.of(thread.isAlive());
    }

    @Override
    public void shutdown(boolean waitForJobsToComplete) {
        super.shutdown(waitForJobsToComplete);
        if (registryKey != null) {
            REGISTRY.remove(registryKey, this);
        }
    }
}
