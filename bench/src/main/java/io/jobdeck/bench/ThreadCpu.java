package io.jobdeck.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU time used by this JVM's threads over a window, by thread group name (digits stripped). Per fire it is a
 * measure that other processes on the machine hardly disturb, unlike fires per second.
 */
final class ThreadCpu {

    private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();

    /** The group of the Playwright client's threads. */
    static final String PLAYWRIGHT = "playwright-client";

    private final Map<Long, Long> start = new HashMap<>();
    private final long processStart;

    private ThreadCpu() {
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            start.put(t.threadId(), MX.getThreadCpuTime(t.threadId()));
        }
        processStart = processCpuNanos();
    }

    static ThreadCpu start() {
        return new ThreadCpu();
    }

    /** Nanoseconds of CPU since start, by thread group; key "(process)" is the whole JVM (GC and JIT included). */
    Map<String, Long> stop() {
        Map<String, Long> byGroup = new TreeMap<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            long now = MX.getThreadCpuTime(t.threadId());
            if (now < 0) {
                continue;
            }
            long delta = now - start.getOrDefault(t.threadId(), 0L);
            byGroup.merge(group(t), delta, Long::sum);
        }
        byGroup.put("(process)", processCpuNanos() - processStart);
        return byGroup;
    }

    /** Playwright's client threads ({@code Thread-N}, reading and writing its driver's pipe) are the bench's own. */
    private static String group(Thread t) {
        return t.getClass().getName().startsWith("com.microsoft.playwright.") ? PLAYWRIGHT : group(t.getName());
    }

    static String group(String name) {
        String g = name.replaceAll("\\d+", "N");
        if (g.endsWith("_QuartzSchedulerThread")) {
            return "quartz-scheduler-thread";
        }
        if (g.startsWith("jobdeck-worker") || g.startsWith("bare-worker")) {
            return "quartz-workers";
        }
        if (g.contains("MisfireHandler")) {
            return "quartz-misfire-handler";
        }
        return g;
    }

    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }
}
