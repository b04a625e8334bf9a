package io.jobdeck.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How much CPU other processes used during a window (Linux /proc), so that a result measured on a busy machine can
 * be recognised. Returns -1 where /proc is not readable.
 */
final class CpuMonitor {

    private final long[] machine0;
    private final long self0;

    private CpuMonitor() {
        machine0 = machine();
        self0 = self();
    }

    static CpuMonitor start() {
        return new CpuMonitor();
    }

    /** Cores' worth of CPU that other processes used since start (e.g. 0.05 = 5 % of one core). */
    double othersCores() {
        long[] m = machine();
        long s = self();
        if (m == null || machine0 == null || s < 0 || self0 < 0) {
            return -1;
        }
        long busy = m[0] - machine0[0];
        long total = m[1] - machine0[1];
        if (total <= 0) {
            return -1;
        }
        int cores = Runtime.getRuntime().availableProcessors();
        double wallTicks = (double) total / cores;
        return Math.max(0, busy - (s - self0)) / wallTicks;
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
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
