package io.jobdeck.nodes;

import io.jobdeck.nodes.internal.NodeHeartbeat;
import io.jobdeck.security.Permissions;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * The cluster as this node sees it, truthful on every node: each node's last check-in, the cluster's state and what
 * each node is doing on its way. Refreshed every second on the heartbeat's thread; reading it never blocks.
 */
@Service
public class ClusterStatus {

    private final NodeHeartbeat heartbeat;

    ClusterStatus(NodeHeartbeat heartbeat) {
        this.heartbeat = heartbeat;
    }

    /** The latest snapshot (for views behind the login and the dashboard). Never blocks. */
    public ClusterSnapshot current() {
        return heartbeat.snapshot();
    }

    /** The nodes, for the API: by name, the newest start of a name first. Never blocks. */
    @PreAuthorize(Permissions.VIEW)
    public List<NodeInfo> readNodes() {
        return heartbeat.snapshot().nodes();
    }
}
