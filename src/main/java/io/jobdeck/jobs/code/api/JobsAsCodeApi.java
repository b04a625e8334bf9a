package io.jobdeck.jobs.code.api;

import io.jobdeck.api.RestApi;
import io.jobdeck.jobs.StoredCatalog;
import io.jobdeck.jobs.code.DocumentFormat;
import io.jobdeck.jobs.code.ImportPlan;
import io.jobdeck.jobs.code.JobsAsCode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Jobs as code over HTTP. {@code GET /api/v1/definitions} exports the definitions document, as YAML or, when the
 * {@code Accept} header asks for it, JSON ({@code ?group=} and {@code ?job=group.name}, repeatable, select; none: all).
 * {@code POST /api/v1/definitions} imports the document in the body ({@code ?mode=merge|replace}), or with
 * {@code ?dryRun=true} only says what it would do; either answers with the plan. A document with problems is refused
 * with a {@code 400} problem detail that lists every one as {@code {path, message}}. Roles are the services'.
 */
@RestApi
@RestController
@RequestMapping("/api/v1/definitions")
@Tag(name = "Jobs as code", description = "Export and import of job definitions as one YAML or JSON document")
class JobsAsCodeApi {

    private final JobsAsCode jobs;

    JobsAsCodeApi(JobsAsCode jobs) {
        this.jobs = jobs;
    }

    @GetMapping
    @Operation(
            summary = "Export the definitions (jobs, triggers, calendars, pauses) as YAML, or JSON by Accept; secrets"
                    + " as ${NAME} references (VIEWER)")
    CompletionStage<ResponseEntity<String>> export(
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) @Nullable String accept,
            @RequestParam(value = "group", required = false) @Nullable List<String> groups,
            @RequestParam(value = "job", required = false) @Nullable List<String> keys) {
        DocumentFormat format = accept == null
                ? DocumentFormat.YAML
                : DocumentFormat.ofMediaType(accept).orElse(DocumentFormat.YAML);
        Set<StoredCatalog.Key> selected =
                keys == null ? Set.of() : keys.stream().map(JobsAsCodeApi::key).collect(Collectors.toSet());
        return jobs.readExport(
                        new JobsAsCode.Selection(groups == null ? Set.of() : Set.copyOf(groups), selected), format)
                .thenApply(export -> ResponseEntity.ok()
                        .contentType(MediaType.parseMediaType(format.mediaType() + ";charset=UTF-8"))
                        .header(
                                HttpHeaders.CONTENT_DISPOSITION,
                                "inline; filename=\"jobdeck-definitions." + format.extension() + "\"")
                        .body(export.text()));
    }

    @PostMapping
    @Operation(
            summary = "Import a definitions document, all or nothing (merge or replace), or with dryRun=true only say"
                    + " what it would add, change and remove (ADMIN); a document with problems is refused with each"
                    + " problem's path")
    CompletionStage<ImportPlan> importDocument(
            @RequestBody(required = false) @Nullable String document,
            @RequestParam(value = "dryRun", defaultValue = "false") boolean dryRun,
            @RequestParam(value = "mode", defaultValue = "merge") String mode,
            Locale locale) {
        ImportPlan.Mode chosen = switch (mode.toLowerCase(Locale.ROOT)) {
            case "merge" -> ImportPlan.Mode.MERGE;
            case "replace" -> ImportPlan.Mode.REPLACE;
            default -> throw new BadDocument(List.of(new ImportPlan.Problem("mode", "merge or replace")));
        };
        String text = Objects.requireNonNullElse(document, "");
        if (dryRun) {
            return jobs.readPlan(text, chosen, locale).thenApply(plan -> {
                if (!plan.valid()) {
                    throw new BadDocument(plan.problems());
                }
                return plan;
            });
        }
        return jobs.apply(text, chosen, null, locale).thenApply(JobsAsCode.Applied::plan);
    }

    private static StoredCatalog.Key key(String groupDotName) {
        int dot = groupDotName.indexOf('.');
        if (dot <= 0) {
            throw new BadDocument(List.of(new ImportPlan.Problem("job", "group.name")));
        }
        return new StoredCatalog.Key(groupDotName.substring(0, dot), groupDotName.substring(dot + 1));
    }

    /** A request this API refuses: every problem with its path. */
    static final class BadDocument extends RuntimeException {

        private final List<ImportPlan.Problem> problems;

        BadDocument(List<ImportPlan.Problem> problems) {
            super("The request has problems");
            this.problems = List.copyOf(problems);
        }
    }

    /** A document with problems: 400, each problem with its path (other failures are the API's, as everywhere). */
    @ExceptionHandler({BadDocument.class, JobsAsCode.Invalid.class})
    ResponseEntity<ProblemDetail> refused(RuntimeException e) {
        List<ImportPlan.Problem> problems =
                e instanceof BadDocument bad ? bad.problems : ((JobsAsCode.Invalid) e).problems();
        return problem(HttpStatus.BAD_REQUEST, problems.size() + " problem(s) in the document", problems);
    }

    private static ResponseEntity<ProblemDetail> problem(
            HttpStatus status, String detail, List<ImportPlan.Problem> problems) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
        body.setTitle(status == HttpStatus.BAD_REQUEST ? "Invalid definitions document" : status.getReasonPhrase());
        if (!problems.isEmpty()) {
            body.setProperty("problems", problems);
        }
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(body);
    }
}
