package io.jobdeck.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;

/** Checks that every context, scheduler and pool was shut down, so that the JVM can exit by itself. */
final class Exit {

    private Exit() {}

    static void checkThreads() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        List<Thread> left;
        do {
            left = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.isAlive() && !t.isDaemon() && t != Thread.currentThread())
                    .filter(t -> !t.getName().equals("DestroyJavaVM"))
                    .toList();
            if (left.isEmpty()) {
                return;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        System.err.println("bench: threads still running after shutdown: "
                + left.stream().map(Thread::getName).toList() + "; exiting anyway");
        System.exit(2);
    }
}
