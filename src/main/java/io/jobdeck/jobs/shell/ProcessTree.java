package io.jobdeck.jobs.shell;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Ends a process and everything it started. The descendants are listed before the process is asked to stop (once it
 * is gone, its children belong to init and are no longer its descendants); each gets a polite request (SIGTERM on
 * Linux), then, after {@code grace}, whatever is still alive, including anything started meanwhile, is killed.
 */
final class ProcessTree {

    private ProcessTree() {}

    static void end(ProcessHandle root, Duration grace) {
        Set<ProcessHandle> tree = new LinkedHashSet<>(root.descendants().toList());
        tree.add(root);
        tree.forEach(ProcessHandle::destroy);
        if (!awaitExit(tree, grace)) {
            root.descendants().forEach(tree::add);
            tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
            awaitExit(tree, Duration.ofSeconds(5));
        }
    }

    private static boolean awaitExit(Set<ProcessHandle> tree, Duration timeout) {
        List<CompletableFuture<ProcessHandle>> exits = new ArrayList<>();
        tree.forEach(p -> exits.add(p.onExit()));
        try {
            CompletableFuture.allOf(exits.toArray(CompletableFuture[]::new))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return tree.stream().noneMatch(ProcessHandle::isAlive);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return tree.stream().noneMatch(ProcessHandle::isAlive);
        }
    }
}
