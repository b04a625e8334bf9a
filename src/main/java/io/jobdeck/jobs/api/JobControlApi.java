package io.jobdeck.jobs.api;

import io.jobdeck.api.ApiProblem;
import io.jobdeck.api.Refusals;
import io.jobdeck.api.RestApi;
import io.jobdeck.jobs.JobCommands;
import io.jobdeck.jobs.JobDefinitions;
import io.jobdeck.jobs.JobOverviewService;
import io.jobdeck.jobs.RunNowOutcome;
import io.jobdeck.jobs.RunParameters;
import io.jobdeck.jobs.RunningJob;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What an operator does to jobs, as the dashboard and the jobs list do it: pause and resume a job, one of its
 * triggers, a group or all jobs; run a job now, with one-off parameters; see and interrupt what runs. Roles and
 * auditing are {@link JobCommands}'.
 */
@RestController
@RestApi
@RequestMapping("/api/v1")
@Tag(name = "Job control", description = "Pause, resume, run now, interrupt")
class JobControlApi {

    private final JobCommands commands;
    private final JobDefinitions definitions;
    private final JobOverviewService overview;
    private final MessageSource messages;

    JobControlApi(
            JobCommands commands, JobDefinitions definitions, JobOverviewService overview, MessageSource messages) {
        this.commands = commands;
        this.definitions = definitions;
        this.overview = overview;
        this.messages = messages;
    }

    @PostMapping("/jobs/{group}/{name}/pause")
    @Operation(summary = "Pause a job: all its triggers (OPERATOR)")
    @ApiResponse(responseCode = "204", description = "Paused")
    @Refusals(404)
    CompletionStage<ResponseEntity<Void>> pause(@PathVariable String group, @PathVariable String name) {
        return onJob(commands.pause(group, name), group, name);
    }

    @PostMapping("/jobs/{group}/{name}/resume")
    @Operation(summary = "Resume a job: all its triggers (OPERATOR)")
    @ApiResponse(responseCode = "204", description = "Resumed")
    @Refusals(404)
    CompletionStage<ResponseEntity<Void>> resume(@PathVariable String group, @PathVariable String name) {
        return onJob(commands.resume(group, name), group, name);
    }

    @PostMapping("/jobs/{group}/{name}/triggers/{trigger}/pause")
    @Operation(summary = "Pause one trigger of a job; its other triggers go on (OPERATOR)")
    @ApiResponse(responseCode = "204", description = "Paused")
    @Refusals(404)
    CompletionStage<ResponseEntity<Void>> pauseTrigger(
            @PathVariable String group, @PathVariable String name, @PathVariable String trigger) {
        return onTrigger(commands.pauseTrigger(group, name, trigger), group, name, trigger);
    }

    @PostMapping("/jobs/{group}/{name}/triggers/{trigger}/resume")
    @Operation(summary = "Resume one trigger of a job (OPERATOR)")
    @ApiResponse(responseCode = "204", description = "Resumed")
    @Refusals(404)
    CompletionStage<ResponseEntity<Void>> resumeTrigger(
            @PathVariable String group, @PathVariable String name, @PathVariable String trigger) {
        return onTrigger(commands.resumeTrigger(group, name, trigger), group, name, trigger);
    }

    /** A Run now's one-off parameters, added to that run's job data only. */
    record RunBody(
            @Schema(description = "name → value; may not replace the job's own data") @Nullable
            Map<String, @Nullable String> parameters) {}

    /** What Run now did. */
    record RunAnswer(RunNowOutcome outcome) {}

    @PostMapping("/jobs/{group}/{name}/run")
    @Operation(
            summary = "Run a job once, now, with optional one-off parameters (OPERATOR). While the scheduler is"
                    + " stopped the run waits for its start: outcome QUEUED_UNTIL_START")
    @ApiResponse(responseCode = "202", description = "Fired, or queued until the scheduler starts")
    @Refusals({404, 409, 422})
    CompletionStage<ResponseEntity<RunAnswer>> run(
            @PathVariable String group,
            @PathVariable String name,
            @RequestBody(required = false) @Nullable RunBody body,
            Locale locale) {
        Map<String, @Nullable String> given = body == null ? null : body.parameters();
        Map<String, String> parameters = new LinkedHashMap<>();
        List<ApiProblem.FieldError> problems = new ArrayList<>();
        if (given != null) {
            given.forEach((key, value) -> {
                if (value == null) {
                    problems.add(new ApiProblem.FieldError(
                            "parameters", messages.getMessage("job.problem.required", null, locale)));
                } else {
                    parameters.put(key, value);
                }
            });
        }
        RunParameters.check(parameters)
                .forEach(p -> problems.add(new ApiProblem.FieldError(
                        "parameters",
                        messages.getMessage("run.problem." + p.code(), p.args().toArray(), locale))));
        if (!problems.isEmpty()) {
            throw ApiProblem.invalid(problems);
        }
        return Failures.translate(
                        commands.runNow(group, name, parameters),
                        Failures.job(definitions, group, name),
                        Failures.missingJob(group, name))
                .thenApply(outcome -> ResponseEntity.status(HttpStatus.ACCEPTED).body(new RunAnswer(outcome)));
    }

    @PostMapping("/groups/{group}/pause")
    @Operation(summary = "Pause every job of a group that exists now (OPERATOR)")
    @ApiResponse(responseCode = "204", description = "Paused")
    CompletionStage<ResponseEntity<Void>> pauseGroup(@PathVariable String group) {
        return done(commands.pauseGroup(group));
    }

    @PostMapping("/groups/{group}/resume")
    @Operation(summary = "Resume every job of a group (OPERATOR)")
    @ApiResponse(responseCode = "204", description = "Resumed")
    CompletionStage<ResponseEntity<Void>> resumeGroup(@PathVariable String group) {
        return done(commands.resumeGroup(group));
    }

    @PostMapping("/jobs/pause")
    @Operation(summary = "Pause every job that exists now; jobs added later run as scheduled (OPERATOR)")
    @ApiResponse(responseCode = "204", description = "Paused")
    CompletionStage<ResponseEntity<Void>> pauseAll() {
        return done(commands.pauseAll());
    }

    @PostMapping("/jobs/resume")
    @Operation(summary = "Resume every paused job and trigger (OPERATOR)")
    @ApiResponse(responseCode = "204", description = "Resumed")
    CompletionStage<ResponseEntity<Void>> resumeAll() {
        return done(commands.resumeAll());
    }

    // Under /executions/running: /executions is the history's (history.api.ExecutionsApi).
    @GetMapping("/executions/running")
    @Operation(
            summary = "The executions running now, oldest first: this node's, and in a cluster the other nodes' as"
                    + " this node knows them (each names its node) (VIEWER)")
    List<RunningJob> running() {
        return overview.running();
    }

    @PostMapping("/executions/{fireId}/interrupt")
    @Operation(summary = "Interrupt one running execution, by its fire id (OPERATOR)")
    @ApiResponse(responseCode = "204", description = "Interrupted")
    @Refusals({404, 409})
    CompletionStage<ResponseEntity<Void>> interrupt(@PathVariable String fireId) {
        Failures.Existence running = () -> java.util.concurrent.CompletableFuture.completedFuture(
                overview.running().stream().anyMatch(r -> r.fireId().equals(fireId)));
        return Failures.noContent(commands.interrupt(fireId), running, "No execution " + fireId + " is running");
    }

    private CompletionStage<ResponseEntity<Void>> onJob(CompletionStage<?> stage, String group, String name) {
        return Failures.noContent(stage, Failures.job(definitions, group, name), Failures.missingJob(group, name));
    }

    private CompletionStage<ResponseEntity<Void>> onTrigger(
            CompletionStage<?> stage, String group, String name, String trigger) {
        Failures.Existence exists = () -> definitions
                .read(group, name)
                .thenApply(job -> job.map(j ->
                                j.triggers().stream().anyMatch(t -> t.name().equals(trigger)))
                        .orElse(false));
        return Failures.noContent(stage, exists, "No trigger " + trigger + " of job " + group + "." + name);
    }

    private static CompletionStage<ResponseEntity<Void>> done(CompletionStage<?> stage) {
        return Failures.translate(stage)
                .thenApply(ignored -> ResponseEntity.noContent().build());
    }
}
