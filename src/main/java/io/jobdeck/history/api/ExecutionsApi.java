package io.jobdeck.history.api;

import io.jobdeck.api.ApiProblem;
import io.jobdeck.api.Refusals;
import io.jobdeck.api.RestApi;
import io.jobdeck.history.Execution;
import io.jobdeck.history.ExecutionHistory;
import io.jobdeck.history.ExecutionPage;
import io.jobdeck.history.ExecutionQuery;
import io.jobdeck.history.ExecutionRun;
import io.jobdeck.jobs.JobCommandException;
import io.jobdeck.jobs.RunNowOutcome;
import io.jobdeck.support.Errors;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The execution history as its pages have it: executions listed a page at a time, newest first, with the history
 * page's filters as query parameters; one execution with its stack trace and log; the attempts of its run; and a
 * re-run. Roles are {@link ExecutionHistory}'s: VIEWER to read, OPERATOR to re-run.
 */
@RestController
@RestApi
@RequestMapping("/api/v1/executions")
@Tag(name = "Executions", description = "The execution history: list, read, attempts, re-run")
class ExecutionsApi {

    private final ExecutionHistory history;

    ExecutionsApi(ExecutionHistory history) {
        this.history = history;
    }

    @GetMapping
    @Operation(
            summary = "A page of executions, newest first, filtered as on the history page; total counts up to "
                    + ExecutionHistory.COUNT_CAP + " (capped: there are more) (VIEWER)")
    @Refusals(422)
    CompletionStage<ExecutionPage> page(
            @Parameter(description = "The job's group, exactly")
                    @RequestParam(name = ExecutionQuery.GROUP, required = false)
                    @Nullable
                    String group,
            @Parameter(description = "The job's name, exactly")
                    @RequestParam(name = ExecutionQuery.JOB, required = false)
                    @Nullable
                    String job,
            @Parameter(description = "Any of these outcomes (repeated, or separated by commas)")
                    @RequestParam(name = ExecutionQuery.OUTCOME, required = false)
                    @Nullable
                    List<String> outcome,
            @Parameter(description = "The node that ran it, exactly")
                    @RequestParam(name = ExecutionQuery.NODE, required = false)
                    @Nullable
                    String node,
            @Parameter(description = "Fired at or after, e.g. 2026-12-24T00:00:00Z")
                    @RequestParam(name = ExecutionQuery.FROM, required = false)
                    @Nullable
                    String from,
            @Parameter(description = "Fired before") @RequestParam(name = ExecutionQuery.TO, required = false) @Nullable
                    String to,
            @Parameter(description = "Contained in the error message, any case; at most 200 characters")
                    @RequestParam(name = ExecutionQuery.TEXT, required = false)
                    @Nullable
                    String text,
            @Parameter(description = "Rows to skip, 0 or more") @RequestParam(defaultValue = "0") int offset,
            @Parameter(description = "1 to " + ExecutionHistory.MAX_PAGE) @RequestParam(defaultValue = "50")
                    int limit) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        put(query, ExecutionQuery.GROUP, group);
        put(query, ExecutionQuery.JOB, job);
        if (outcome != null) {
            query.put(ExecutionQuery.OUTCOME, outcome);
        }
        put(query, ExecutionQuery.NODE, node);
        put(query, ExecutionQuery.FROM, from);
        put(query, ExecutionQuery.TO, to);
        put(query, ExecutionQuery.TEXT, text);
        ExecutionQuery.Parsed parsed = ExecutionQuery.parse(query);
        List<ApiProblem.FieldError> problems = new ArrayList<>();
        parsed.problems().forEach(p -> problems.add(new ApiProblem.FieldError(p.parameter(), p.message())));
        if (offset < 0) {
            problems.add(new ApiProblem.FieldError("offset", "Must be 0 or more"));
        }
        if (limit < 1 || limit > ExecutionHistory.MAX_PAGE) {
            problems.add(new ApiProblem.FieldError("limit", "Must be 1 to " + ExecutionHistory.MAX_PAGE));
        }
        if (!problems.isEmpty()) {
            throw ApiProblem.invalid(problems);
        }
        return history.readPage(parsed.filter(), offset, limit);
    }

    @GetMapping("/{id}")
    @Operation(summary = "One execution, with its stack trace and log (VIEWER)")
    @Refusals(404)
    CompletionStage<Execution> execution(@PathVariable long id) {
        return history.find(id).thenApply(found -> found.orElseThrow(() -> missing(id)));
    }

    @GetMapping("/{id}/attempts")
    @Operation(summary = "The attempts of the run an execution belongs to, first first (VIEWER)")
    @Refusals(404)
    CompletionStage<List<Execution>> attempts(@PathVariable long id) {
        return history.readRun(id)
                .thenApply(found -> found.map(ExecutionRun::attempts).orElseThrow(() -> missing(id)));
    }

    /** What a re-run did. */
    record RerunAnswer(RunNowOutcome outcome) {}

    @PostMapping("/{id}/rerun")
    @Operation(
            summary = "Run an execution's job again, now, with the parameters given to that run (OPERATOR). While the"
                    + " scheduler is stopped the run waits for its start: outcome QUEUED_UNTIL_START")
    @ApiResponse(responseCode = "202", description = "Fired, or queued until the scheduler starts")
    @Refusals({404, 409})
    CompletionStage<ResponseEntity<RerunAnswer>> rerun(@PathVariable long id) {
        return history.rerun(id)
                .thenApply(outcome -> ResponseEntity.status(HttpStatus.ACCEPTED).body(new RerunAnswer(outcome)))
                .exceptionallyCompose(error -> {
                    Throwable e =
                            error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
                    return CompletableFuture.failedFuture(
                            switch (e) {
                                case NoSuchElementException gone -> ApiProblem.notFound(Errors.describe(gone));
                                // The job was deleted since, or its run's parameters are now part of its definition.
                                case JobCommandException refused -> ApiProblem.conflict(Errors.describe(refused));
                                case IllegalArgumentException refused -> ApiProblem.conflict(Errors.describe(refused));
                                default -> e;
                            });
                });
    }

    private static ApiProblem missing(long id) {
        return ApiProblem.notFound("No execution " + id);
    }

    private static void put(Map<String, List<String>> query, String name, @Nullable String value) {
        Optional.ofNullable(value).ifPresent(v -> query.put(name, List.of(v)));
    }
}
