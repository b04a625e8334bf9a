package io.jobdeck.scheduler;

import io.jobdeck.audit.AuditedResult;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of draining or undraining one node of a cluster, once it is saved (the node follows within a second).
 *
 * @param node    the node's readable name, as given
 * @param drained whether the node is drained now (meaningful when {@link #succeeded()})
 * @param outcome done, or why not
 * @param error   what to tell the operator when it was not done, or null
 */
public record DrainResult(
        String node,
        boolean drained,
        Outcome outcome,
        @Nullable String error) implements AuditedResult {

    /** Done, or why not. */
    public enum Outcome {
        DONE,
        /** One node on its own (no cluster): there is nothing to drain it from; Stop is what stops it. */
        NOT_A_CLUSTER,
        /** The name is blank or not a node name. */
        BAD_NAME,
        /** No node of that name is known to the cluster. */
        UNKNOWN_NODE,
        /** The database did not take it. */
        FAILED
    }

    public static DrainResult done(String node, boolean drained) {
        return new DrainResult(node, drained, Outcome.DONE, null);
    }

    public static DrainResult refused(String node, Outcome outcome, String error) {
        return new DrainResult(node, false, outcome, error);
    }

    public boolean succeeded() {
        return outcome == Outcome.DONE;
    }

    @Override
    public Optional<String> failure() {
        return Optional.ofNullable(error);
    }
}
