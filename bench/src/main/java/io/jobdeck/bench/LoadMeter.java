package io.jobdeck.bench;

/** Measures, over a window, the fire rate and the average number of worker threads running a job. */
final class LoadMeter {

    record Load(double firesPerSecond, double busyThreads, double seconds) {}

    private final Thread sampler;
    private final long startNanos;
    private final long startFires;
    private volatile boolean running = true;
    private long samples;
    private long busySum;

    private final java.util.function.IntSupplier busy;

    private LoadMeter(java.util.function.IntSupplier busy) {
        this.busy = busy;
        startFires = BenchJobs.FIRES.sum();
        startNanos = System.nanoTime();
        sampler = Thread.ofPlatform().name("bench-load-meter").daemon().start(() -> {
            while (running) {
                busySum += busy.getAsInt();
                samples++;
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    static LoadMeter start() {
        return new LoadMeter(BenchJobs.ACTIVE::get);
    }

    /** Counts busy threads with the given probe (e.g. {@link PoolProbe#busyWorkers}). */
    static LoadMeter start(java.util.function.IntSupplier busy) {
        return new LoadMeter(busy);
    }

    Load stop() throws InterruptedException {
        long fires = BenchJobs.FIRES.sum() - startFires;
        long nanos = System.nanoTime() - startNanos;
        running = false;
        sampler.join();
        double seconds = nanos / 1e9;
        return new Load(fires / seconds, samples == 0 ? 0 : (double) busySum / samples, seconds);
    }
}
