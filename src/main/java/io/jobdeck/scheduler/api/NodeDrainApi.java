package io.jobdeck.scheduler.api;

import io.jobdeck.api.ApiProblem;
import io.jobdeck.api.RestApi;
import io.jobdeck.audit.AuditLog;
import io.jobdeck.scheduler.DrainResult;
import io.jobdeck.scheduler.SchedulerControl;
import io.jobdeck.support.Errors;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Draining one node of a cluster for maintenance over HTTP: {@code POST /api/v1/cluster/nodes/{name}/drain} and
 * {@code .../undrain}, by the node's readable name. {@code 200} once saved (the node follows within a second);
 * {@code 400} for a name that is not one, {@code 404} for a node the cluster does not know, {@code 409} on a single
 * node (no cluster), {@code 503} when the database did not take it. Roles are checked by the service.
 */
@RestController
@RestApi
@RequestMapping("/api/v1/cluster/nodes")
@Tag(name = "Cluster", description = "Draining a node of the cluster for maintenance")
class NodeDrainApi {

    private final SchedulerControl control;
    private final AuditLog audit;

    NodeDrainApi(SchedulerControl control, AuditLog audit) {
        this.control = control;
        this.audit = audit;
    }

    /** The node's drain after the call. */
    record DrainAnswer(String node, boolean drained) {}

    @PostMapping("/{name}/drain")
    @Operation(summary = "Drain a node (OPERATOR): it stands by while the rest of the cluster runs")
    @DrainResponses
    CompletionStage<ResponseEntity<DrainAnswer>> drain(@PathVariable String name, HttpServletRequest request) {
        noInput(request);
        return answer(control.drain(name));
    }

    @PostMapping("/{name}/undrain")
    @Operation(summary = "Undrain a node (OPERATOR): it follows the cluster's Start/Stop again")
    @DrainResponses
    CompletionStage<ResponseEntity<DrainAnswer>> undrain(@PathVariable String name, HttpServletRequest request) {
        noInput(request);
        return answer(control.undrain(name));
    }

    /** The answers besides the errors every endpoint has. */
    @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
    @java.lang.annotation.Target(java.lang.annotation.ElementType.METHOD)
    @ApiResponse(
            responseCode = "200",
            description = "Saved; the node follows within a second",
            content = @Content(schema = @Schema(implementation = DrainAnswer.class)))
    @ApiResponse(responseCode = "404", description = "No node of that name is known to the cluster")
    @ApiResponse(responseCode = "409", description = "Not a cluster: a single node is stopped with Stop")
    @interface DrainResponses {}

    private CompletionStage<ResponseEntity<DrainAnswer>> answer(CompletionStage<DrainResult> done) {
        return done.thenCompose(result -> switch (result.outcome()) {
            case DONE ->
                audit.flush()
                        .toCompletableFuture()
                        .orTimeout(SchedulerApi.SAVE_WAIT.toMillis(), TimeUnit.MILLISECONDS)
                        .handle((ignored, notFlushed) ->
                                ResponseEntity.ok(new DrainAnswer(result.node(), result.drained())));
            case BAD_NAME -> CompletableFuture.failedFuture(ApiProblem.badRequest(message(result)));
            case UNKNOWN_NODE -> CompletableFuture.failedFuture(ApiProblem.notFound(message(result)));
            case NOT_A_CLUSTER -> CompletableFuture.failedFuture(ApiProblem.conflict(message(result)));
            case FAILED ->
                CompletableFuture.failedFuture(new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, message(result)));
        });
    }

    private static String message(DrainResult result) {
        return result.error() == null ? result.outcome().name() : result.error();
    }

    private static void noInput(HttpServletRequest request) {
        if (!request.getParameterMap().isEmpty()) {
            throw ApiProblem.badRequest("Unknown parameter '"
                    + Errors.oneLine(
                            request.getParameterMap().keySet().iterator().next())
                    + "'; this endpoint takes none");
        }
        if (request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null) {
            throw ApiProblem.badRequest("This endpoint takes no request body");
        }
    }
}
