package io.jobdeck.nodes.api;

import io.jobdeck.api.ApiProblem;
import io.jobdeck.api.RestApi;
import io.jobdeck.nodes.ClusterStatus;
import io.jobdeck.nodes.NodeInfo;
import io.jobdeck.scheduler.SchedulerState;
import io.jobdeck.support.Errors;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The cluster's nodes over HTTP: {@code GET /api/v1/cluster/nodes}. Roles are checked by the service. */
@RestController
@RestApi
@RequestMapping("/api/v1/cluster")
@Tag(name = "Cluster", description = "The cluster's nodes and state")
class NodesApi {

    private final ClusterStatus cluster;

    NodesApi(ClusterStatus cluster) {
        this.cluster = cluster;
    }

    /**
     * The nodes and the cluster's state.
     *
     * @param clustered whether this node is one of a cluster (if not, the list is this node only)
     * @param state     the cluster's state
     * @param readAt    when this node last read the nodes
     * @param problem   why it could not read them lately, if it could not
     * @param nodes     the nodes
     */
    record NodesAnswer(
            boolean clustered,
            SchedulerState state,
            Instant readAt,
            @Nullable String problem,
            List<NodeInfo> nodes) {}

    @GetMapping("/nodes")
    @Operation(summary = "The cluster's nodes, their state and last check-in (VIEWER)")
    NodesAnswer nodes(HttpServletRequest request) {
        request.getParameterMap().keySet().stream().findFirst().ifPresent(name -> {
            throw ApiProblem.badRequest("Unknown parameter '" + Errors.oneLine(name) + "'; this endpoint takes none");
        });
        List<NodeInfo> nodes = cluster.readNodes();
        var snapshot = cluster.current();
        return new NodesAnswer(snapshot.clustered(), snapshot.state(), snapshot.readAt(), snapshot.problem(), nodes);
    }
}
