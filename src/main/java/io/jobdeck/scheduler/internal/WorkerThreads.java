package io.jobdeck.scheduler.internal;

import java.util.Arrays;

/** Counts live threads by name, to tell whether Quartz's threads are really there. */
public final class WorkerThreads {

    private WorkerThreads() {}

    /** Live threads whose name is {@code prefix-<n>}. */
    public static int aliveWithPrefix(String prefix) {
        return (int) Arrays.stream(allThreads())
                .filter(t -> t != null && t.isAlive() && isNumbered(t.getName(), prefix))
                .count();
    }

    /** Whether a live thread with exactly this name exists. */
    public static boolean aliveNamed(String name) {
        return Arrays.stream(allThreads()).anyMatch(t -> t != null && t.isAlive() && t.getName().equals(name));
    }

    private static boolean isNumbered(String name, String prefix) {
        if (!name.startsWith(prefix + "-") || name.length() == prefix.length() + 1) {
            return false;
        }
        return name.substring(prefix.length() + 1).chars().allMatch(Character::isDigit);
    }

    private static Thread[] allThreads() {
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        Thread[] threads = new Thread[root.activeCount() + 32];
        int n = root.enumerate(threads, true);
        return Arrays.copyOf(threads, n);
    }
}
