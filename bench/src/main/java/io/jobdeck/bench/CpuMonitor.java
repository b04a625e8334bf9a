package io.jobdeck.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * How much CPU this JVM, the processes it started (the browser benchmark's Chromium and Playwright's driver) and
 * all other processes used during a window (Linux /proc), so that a result measured on a busy machine can be
 * recognised. Returns -1 where /proc is not readable.
 */
final class CpuMonitor {

    /** USER_HZ: 100 on every Linux this runs on; /proc/stat and /proc/PID/stat count in these ticks. */
    private static final int TICKS_PER_SECOND = 100;

    private final long nanos0;
    private final long[] machine0;
    private final long self0;
    private final long children0;

    private CpuMonitor() {
        nanos0 = System.nanoTime();
        machine0 = machine();
        self0 = self();
        children0 = children();
    }

    static CpuMonitor start() {
        return new CpuMonitor();
    }

    /** Cores' worth of CPU that other processes used since start (e.g. 0.05 = 5 % of one core). */
    double othersCores() {
        long[] m = machine();
        long s = self();
        long c = children();
        if (m == null || machine0 == null || s < 0 || self0 < 0 || c < 0 || children0 < 0) {
            return -1;
        }
        long busy = m[0] - machine0[0];
        long total = m[1] - machine0[1];
        if (total <= 0) {
            return -1;
        }
        int cores = Runtime.getRuntime().availableProcessors();
        double wallTicks = (double) total / cores;
        return Math.max(0, busy - (s - self0) - (c - children0)) / wallTicks;
    }

    /** Cores' worth of CPU this JVM used since start. */
    double selfCores() {
        long s = self();
        return s < 0 || self0 < 0 ? -1 : cores(s - self0);
    }

    /**
     * Cores' worth of CPU the processes this JVM started used since start. Counts their children too, and those that
     * ended and were reaped by a descendant; a process started during the window counts with all its CPU.
     */
    double childrenCores() {
        long c = children();
        return c < 0 || children0 < 0 ? -1 : cores(c - children0);
    }

    private double cores(long jiffies) {
        double seconds = (System.nanoTime() - nanos0) / 1e9;
        return seconds <= 0 ? -1 : jiffies / (double) TICKS_PER_SECOND / seconds;
    }

    /** {busy, total} jiffies over all CPUs. */
    private static long[] machine() {
        try {
            String line = Files.readAllLines(Path.of("/proc/stat")).getFirst();
            String[] f = line.trim().split("\\s+");
            long total = 0;
            long idle = 0;
            for (int i = 1; i < f.length && i <= 8; i++) {
                long v = Long.parseLong(f[i]);
                total += v;
                if (i == 4 || i == 5) {
                    idle += v; // idle, iowait
                }
            }
            return new long[] {total - idle, total};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** This process's user + system jiffies. */
    private static long self() {
        long[] f = stat(ProcessHandle.current().pid());
        return f == null ? -1 : f[0] + f[1];
    }

    /** User + system jiffies of this process's descendants, with those of their reaped children. */
    private static long children() {
        List<ProcessHandle> all = ProcessHandle.current().descendants().toList();
        long sum = 0;
        for (ProcessHandle p : all) {
            long[] f = stat(p.pid());
            if (f != null) { // null: ended since the listing
                sum += f[0] + f[1] + f[2] + f[3];
            }
        }
        return sum;
    }

    /** utime, stime, cutime, cstime of a process, or null if it is gone. */
    private static long[] stat(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return new long[] {
                Long.parseLong(f[11]), Long.parseLong(f[12]), Long.parseLong(f[13]), Long.parseLong(f[14])
            };
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Proportional set size (shared pages split between their users) of this JVM's descendants, in MB; -1 if unknown. */
    static long childrenPssMb() {
        long kb = 0;
        for (ProcessHandle p : ProcessHandle.current().descendants().toList()) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc/" + p.pid() + "/smaps_rollup"))) {
                    if (line.startsWith("Pss:")) {
                        kb += Long.parseLong(line.replaceAll("\\D", ""));
                        break;
                    }
                }
            } catch (IOException | RuntimeException e) {
                // ended since the listing
            }
        }
        return kb == 0 ? -1 : kb >> 10;
    }

    /** The machine's MemAvailable, in MB; -1 if unknown. */
    static long availableMemoryMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemAvailable:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) >> 10;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return -1;
    }
}
