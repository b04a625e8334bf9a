package io.jobdeck.jobs;

import io.jobdeck.cluster.NodeIdentity;
import java.time.Instant;

/**
 * A job executing right now, on this node or (in a cluster) on another one.
 *
 * @param trigger       the trigger's name, "manual" or "retry"; empty for a run on another node, which does not say
 * @param interruptible whether this node can interrupt it (never for a run on another node)
 * @param node          the node (its id) it runs on
 */
public record RunningJob(
        String fireId, String group, String name, String trigger, Instant firedAt, boolean interruptible, String node) {

    /** The readable name of the node it runs on. */
    public String nodeName() {
        return NodeIdentity.nameOf(node);
    }
}
