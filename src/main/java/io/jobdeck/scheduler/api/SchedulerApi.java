package io.jobdeck.scheduler.api;

import io.jobdeck.api.ApiProblem;
import io.jobdeck.api.RestApi;
import io.jobdeck.audit.AuditLog;
import io.jobdeck.scheduler.CommandResult;
import io.jobdeck.scheduler.LifecycleCommand;
import io.jobdeck.scheduler.SchedulerControl;
import io.jobdeck.scheduler.SchedulerMonitor;
import io.jobdeck.scheduler.SchedulerStatus;
import io.jobdeck.support.Errors;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The scheduler over HTTP: {@code GET /api/v1/scheduler} for the status, {@code POST /api/v1/scheduler/start} and
 * {@code POST /api/v1/scheduler/stop?mode=standby|interrupt}. Roles are checked by the service.
 *
 * <p>A command answers once it is applied, and says honestly whether it is also saved: {@code 200} with
 * {@code "saved": true} when the operator's choice and its audit record are in the database (so it survives a crash);
 * {@code 202} with {@code "saved": false} when the database has not taken them within {@link #SAVE_WAIT} (they are
 * retried until it does); {@code 409} when the command failed. Anything it does not understand (an unknown
 * parameter, a body) is refused with {@code 400}.
 */
@RestController
@RestApi
@RequestMapping("/api/v1/scheduler")
@Tag(name = "Scheduler", description = "The scheduler's status, start and stop")
class SchedulerApi {

    static final Duration SAVE_WAIT = Duration.ofSeconds(2);

    private final SchedulerControl control;
    private final SchedulerMonitor monitor;
    private final AuditLog audit;

    SchedulerApi(SchedulerControl control, SchedulerMonitor monitor, AuditLog audit) {
        this.control = control;
        this.monitor = monitor;
        this.audit = audit;
    }

    /** What a command did: applied or not, saved or not yet, and the status right after. */
    record CommandAnswer(
            long sequence,
            LifecycleCommand command,
            boolean applied,
            boolean saved,
            @Nullable String message,
            SchedulerStatus status) {}

    @GetMapping
    @Operation(summary = "The scheduler's status (VIEWER)")
    SchedulerStatus status(HttpServletRequest request) {
        onlyParameters(request, Set.of());
        return monitor.status();
    }

    @PostMapping("/start")
    @Operation(summary = "Start the scheduler (OPERATOR)")
    @CommandResponses
    CompletionStage<ResponseEntity<CommandAnswer>> start(HttpServletRequest request) {
        onlyParameters(request, Set.of());
        noBody(request);
        return answer(control.start());
    }

    @PostMapping("/stop")
    @Operation(summary = "Stop the scheduler (OPERATOR): standby, or standby and interrupt the running jobs")
    @Parameter(
            name = "mode",
            description = "standby (the default) or interrupt",
            schema = @Schema(allowableValues = {"standby", "interrupt"}))
    @CommandResponses
    CompletionStage<ResponseEntity<CommandAnswer>> stop(HttpServletRequest request) {
        onlyParameters(request, Set.of("mode"));
        noBody(request);
        String mode = request.getParameter("mode");
        return answer(
                switch (mode == null ? "standby" : mode.toLowerCase(Locale.ROOT)) {
                    case "standby" -> control.stop();
                    case "interrupt" -> control.stopAndInterrupt();
                    default -> throw ApiProblem.badRequest("mode must be 'standby' or 'interrupt'");
                });
    }

    /** A command's answers besides the errors every endpoint has. */
    @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
    @java.lang.annotation.Target(java.lang.annotation.ElementType.METHOD)
    @ApiResponse(responseCode = "200", description = "Applied and saved")
    @ApiResponse(
            responseCode = "202",
            description = "Applied, not yet saved to the database (it is retried until it is)",
            content = @Content(schema = @Schema(implementation = CommandAnswer.class)))
    @ApiResponse(
            responseCode = "409",
            description = "The command failed; message says why",
            content = @Content(schema = @Schema(implementation = CommandAnswer.class)))
    @interface CommandResponses {}

    private CompletionStage<ResponseEntity<CommandAnswer>> answer(CompletionStage<CommandResult> applied) {
        return applied.thenCompose(result -> {
            if (!result.succeeded()) {
                return CompletableFuture.completedFuture(ResponseEntity.status(HttpStatus.CONFLICT)
                        .body(new CommandAnswer(
                                result.sequence(), result.command(), false, false, result.error(), result.status())));
            }
            return control.saved(result.sequence())
                    .thenCompose(ignored -> audit.flush())
                    .toCompletableFuture()
                    .orTimeout(SAVE_WAIT.toMillis(), TimeUnit.MILLISECONDS)
                    .handle((ignored, notSaved) -> notSaved == null
                            ? ResponseEntity.ok(new CommandAnswer(
                                    result.sequence(), result.command(), true, true, null, result.status()))
                            : ResponseEntity.status(HttpStatus.ACCEPTED)
                                    .body(new CommandAnswer(
                                            result.sequence(),
                                            result.command(),
                                            true,
                                            false,
                                            notSavedMessage(notSaved),
                                            monitor.status())));
        });
    }

    private static String notSavedMessage(Throwable why) {
        String reason = why instanceof TimeoutException || why.getCause() instanceof TimeoutException
                ? "the database did not confirm it within " + SAVE_WAIT.toSeconds() + " s"
                : Errors.describe(why);
        return "Applied, but not yet saved to the database (" + reason + "); it is saved as soon as the database"
                + " answers";
    }

    private static void onlyParameters(HttpServletRequest request, Set<String> allowed) {
        for (String name : request.getParameterMap().keySet()) {
            if (!allowed.contains(name)) {
                throw ApiProblem.badRequest("Unknown parameter '" + Errors.oneLine(name) + "'"
                        + (allowed.isEmpty() ? "; this endpoint takes none" : "; allowed: " + allowed));
            }
        }
    }

    private static void noBody(HttpServletRequest request) {
        if (request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null) {
            throw ApiProblem.badRequest("This endpoint takes no request body; give the mode as ?mode=interrupt");
        }
    }
}
