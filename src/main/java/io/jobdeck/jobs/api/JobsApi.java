package io.jobdeck.jobs.api;

import io.jobdeck.api.ApiProblem;
import io.jobdeck.api.Refusals;
import io.jobdeck.api.RestApi;
import io.jobdeck.jobs.JobCommands;
import io.jobdeck.jobs.JobDefinition;
import io.jobdeck.jobs.JobDefinitions;
import io.jobdeck.jobs.JobDetails;
import io.jobdeck.jobs.JobList;
import io.jobdeck.jobs.JobPage;
import io.jobdeck.jobs.JobQuery;
import io.jobdeck.jobs.Upcoming;
import io.jobdeck.jobs.UpcomingFires;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Jobs as the jobs list, the job page and the job form have them: listed a page at a time (searched and filtered as in
 * the list), read, created, updated over the version they were read at ({@code ETag} / {@code If-Match}), copied and
 * deleted; and the upcoming fires. Roles and checks are the services'.
 */
@RestController
@RestApi
@RequestMapping("/api/v1")
@Tag(name = "Jobs", description = "Jobs and their triggers: list, read, create, update, copy, delete")
class JobsApi {

    private final JobList list;
    private final JobDefinitions definitions;
    private final JobCommands commands;
    private final UpcomingFires upcoming;
    private final MessageSource messages;

    JobsApi(
            JobList list,
            JobDefinitions definitions,
            JobCommands commands,
            UpcomingFires upcoming,
            MessageSource messages) {
        this.list = list;
        this.definitions = definitions;
        this.commands = commands;
        this.upcoming = upcoming;
        this.messages = messages;
    }

    @GetMapping("/jobs")
    @Operation(summary = "A page of jobs, searched and filtered as in the jobs list (VIEWER)")
    CompletionStage<JobPage> page(
            @Parameter(description = "Searched for in name, group, description and type")
                    @RequestParam(defaultValue = "")
                    String text,
            @Parameter(description = "Only this group") @RequestParam(required = false) @Nullable String group,
            @Parameter(description = "Only this job class (its full name; see /jobs/filters)")
                    @RequestParam(required = false)
                    @Nullable
                    String type,
            @RequestParam(required = false) JobQuery.@Nullable StateFilter state,
            @RequestParam(defaultValue = "NAME") JobQuery.Order order,
            @RequestParam(defaultValue = "0") int offset,
            @Parameter(description = "1 to " + JobList.MAX_PAGE) @RequestParam(defaultValue = "50") int limit) {
        return Failures.translate(list.readPage(new JobQuery(text, group, type, state, order), offset, limit));
    }

    @GetMapping("/jobs/filters")
    @Operation(summary = "What the list can be filtered by: the groups and the job classes there are (VIEWER)")
    CompletionStage<JobList.Choices> filters() {
        return Failures.translate(list.readChoices());
    }

    @GetMapping("/jobs/{group}/{name}")
    @Operation(summary = "A job as its page shows it, with its triggers' states (VIEWER)")
    @Refusals(404)
    CompletionStage<JobDetails> details(@PathVariable String group, @PathVariable String name) {
        return Failures.translate(definitions.read(group, name)).thenApply(found -> found(found, group, name));
    }

    @GetMapping("/jobs/{group}/{name}/definition")
    @Operation(
            summary = "A job's definition as its edit form starts from, secrets masked, with its version as ETag"
                    + " (ADMIN)")
    @ApiResponse(
            responseCode = "200",
            description = "The definition",
            headers = @Header(name = HttpHeaders.ETAG, description = "The version, for If-Match on update"))
    @Refusals({404, 409})
    CompletionStage<ResponseEntity<JobBody>> definition(@PathVariable String group, @PathVariable String name) {
        return Failures.translate(definitions.readEditable(group, name)).thenApply(found -> {
            JobDefinitions.Editable editable = found(found, group, name);
            return ResponseEntity.ok().eTag(editable.version()).body(JobBody.of(editable.definition()));
        });
    }

    @PostMapping("/jobs")
    @Operation(summary = "Create a job (ADMIN)")
    @ApiResponse(responseCode = "201", description = "Created; Location names it")
    @Refusals(422)
    CompletionStage<ResponseEntity<JobDefinitions.Created>> create(@RequestBody JobBody body, Locale locale) {
        JobDefinition definition = body.definition(required(locale));
        return Failures.translate(definitions.create(definition, locale))
                .thenApply(created -> ResponseEntity.created(location(created.group(), created.name()))
                        .body(created));
    }

    @PutMapping("/jobs/{group}/{name}")
    @Operation(
            summary = "Save a job's definition over the version it was read at (ADMIN). A secret left masked keeps"
                    + " its value; a trigger keeps its name, pause and phase unless its schedule changed")
    @ApiResponse(
            responseCode = "200",
            description = "Saved; the trail's changes, and the new version as ETag",
            headers = @Header(name = HttpHeaders.ETAG, description = "The new version"))
    @Refusals({404, 409, 412, 422, 428})
    CompletionStage<ResponseEntity<JobDefinitions.Updated>> update(
            @PathVariable String group,
            @PathVariable String name,
            @Parameter(description = "The ETag the job was read with (GET .../definition)")
                    @RequestHeader(name = HttpHeaders.IF_MATCH, required = false)
                    @Nullable
                    String ifMatch,
            @RequestBody JobBody body,
            Locale locale) {
        String version = IfMatch.version(ifMatch, "/api/v1/jobs/{group}/{name}/definition");
        JobDefinition definition = body.definition(group, name, required(locale));
        Caller caller = Caller.current();
        Failures.Existence exists = exists(group, name);
        String missing = missing(group, name);
        return Failures.translate(definitions.update(group, name, version, definition, locale), exists, missing)
                .thenCompose(updated -> caller.call(() -> definitions.readEditable(group, name))
                        .handle((now, unread) -> {
                            ResponseEntity.BodyBuilder ok = ResponseEntity.ok();
                            Optional.ofNullable(now).flatMap(n -> n).ifPresent(n -> ok.eTag(n.version()));
                            return ok.body(updated);
                        }));
    }

    /** Record of a copy's new key. */
    record CopyBody(@Nullable String group, @Nullable String name) {}

    @PostMapping("/jobs/{group}/{name}/copy")
    @Operation(summary = "Copy a job under a new group and name, with its definition and triggers (ADMIN)")
    @ApiResponse(responseCode = "201", description = "Created; Location names the copy")
    @Refusals({404, 409, 422})
    CompletionStage<ResponseEntity<JobDefinitions.Created>> copy(
            @PathVariable String group, @PathVariable String name, @RequestBody CopyBody to, Locale locale) {
        Caller caller = Caller.current();
        return Failures.translate(definitions.readEditable(group, name))
                .thenCompose(found -> {
                    JobDefinition original = found(found, group, name).definition();
                    JobDefinition copy = original.as(
                            Objects.requireNonNullElse(to.group(), ""),
                            Objects.requireNonNullElse(to.name(), ""),
                            original.triggers());
                    return Failures.translate(caller.call(() -> definitions.copy(group, name, copy, locale)));
                })
                .thenApply(created -> ResponseEntity.created(location(created.group(), created.name()))
                        .body(created));
    }

    @DeleteMapping("/jobs/{group}/{name}")
    @Operation(summary = "Delete a job and its triggers (ADMIN)")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @Refusals({404, 409})
    CompletionStage<ResponseEntity<Void>> delete(@PathVariable String group, @PathVariable String name) {
        return Failures.noContent(commands.delete(group, name), exists(group, name), missing(group, name));
    }

    @GetMapping("/upcoming")
    @Operation(
            summary = "Every fire of every job in the next 24 hours, calendars applied: how many in each hour, and"
                    + " a page of them in time order (VIEWER)")
    CompletionStage<Upcoming> upcoming(
            @RequestParam(defaultValue = "0") int offset,
            @Parameter(description = "1 to " + UpcomingFires.MAX_PAGE) @RequestParam(defaultValue = "50") int limit) {
        if (offset < 0 || offset > UpcomingFires.MAX_OFFSET || limit < 1 || limit > UpcomingFires.MAX_PAGE) {
            return CompletableFuture.failedFuture(ApiProblem.badRequest(
                    "offset is 0 to " + UpcomingFires.MAX_OFFSET + " and limit 1 to " + UpcomingFires.MAX_PAGE));
        }
        return Failures.translate(upcoming.readUpcoming(offset, limit));
    }

    private Failures.Existence exists(String group, String name) {
        return Failures.job(definitions, group, name);
    }

    private static String missing(String group, String name) {
        return Failures.missingJob(group, name);
    }

    private static <T> T found(Optional<T> found, String group, String name) {
        return found.orElseThrow(() -> ApiProblem.notFound(missing(group, name)));
    }

    private String required(Locale locale) {
        return messages.getMessage("job.problem.required", null, locale);
    }

    private static URI location(String group, String name) {
        return UriComponentsBuilder.fromPath("/api/v1/jobs/{group}/{name}")
                .buildAndExpand(group, name)
                .encode()
                .toUri();
    }
}
