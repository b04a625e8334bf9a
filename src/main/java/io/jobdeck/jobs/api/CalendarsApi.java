package io.jobdeck.jobs.api;

import io.jobdeck.api.ApiProblem;
import io.jobdeck.api.Refusals;
import io.jobdeck.api.RestApi;
import io.jobdeck.jobs.JobCalendars;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.Locale;
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

/** Quartz calendars as the calendars page and form have them. Roles and checks are {@link JobCalendars}'. */
@RestController
@RestApi
@RequestMapping("/api/v1/calendars")
@Tag(name = "Calendars", description = "Times the triggers using a calendar do not fire at")
class CalendarsApi {

    private final JobCalendars calendars;
    private final MessageSource messages;

    CalendarsApi(JobCalendars calendars, MessageSource messages) {
        this.calendars = calendars;
        this.messages = messages;
    }

    @GetMapping
    @Operation(summary = "A page of calendars by name, with how many triggers use each (VIEWER)")
    CompletionStage<JobCalendars.Page> list(
            @RequestParam(defaultValue = "0") int offset,
            @Parameter(description = "1 to " + JobCalendars.MAX_PAGE) @RequestParam(defaultValue = "50") int limit,
            Locale locale) {
        if (offset < 0 || limit < 1 || limit > JobCalendars.MAX_PAGE) {
            throw ApiProblem.badRequest("offset is 0 or more and limit 1 to " + JobCalendars.MAX_PAGE);
        }
        return Failures.translate(calendars.list(offset, limit, locale));
    }

    @GetMapping("/{name}")
    @Operation(summary = "A calendar as its edit form starts from, with its version as ETag (ADMIN)")
    @ApiResponse(
            responseCode = "200",
            description = "The calendar",
            headers = @Header(name = HttpHeaders.ETAG, description = "The version, for If-Match on update"))
    @Refusals({404, 409})
    CompletionStage<ResponseEntity<CalendarBody>> read(@PathVariable String name, Locale locale) {
        return Failures.translate(calendars.readEditable(name, locale)).thenApply(found -> {
            JobCalendars.Editable editable = found.orElseThrow(() -> ApiProblem.notFound(missing(name)));
            return ResponseEntity.ok().eTag(editable.version()).body(CalendarBody.of(editable.calendar()));
        });
    }

    @PostMapping
    @Operation(summary = "Create a calendar (ADMIN)")
    @ApiResponse(responseCode = "201", description = "Created; Location names it")
    @Refusals(422)
    CompletionStage<ResponseEntity<JobCalendars.Saved>> create(@RequestBody CalendarBody body, Locale locale) {
        return Failures.translate(calendars.create(body.draft(required(locale)), locale))
                .thenApply(
                        saved -> ResponseEntity.created(location(saved.name())).body(saved));
    }

    @PutMapping("/{name}")
    @Operation(
            summary =
                    "Change a calendar over the version it was read at (If-Match; ADMIN); the triggers using it get their next fire recomputed at once. The"
                            + " path names it: a name in the body is ignored")
    @Refusals({404, 412, 422, 428})
    CompletionStage<JobCalendars.Saved> update(
            @PathVariable String name,
            @Parameter(description = "The ETag the calendar was read with (GET /api/v1/calendars/{name})")
                    @RequestHeader(name = HttpHeaders.IF_MATCH, required = false)
                    @Nullable
                    String ifMatch,
            @RequestBody CalendarBody body,
            Locale locale) {
        String version = IfMatch.version(ifMatch, "/api/v1/calendars/{name}");
        return Failures.translate(
                calendars.update(name, version, body.draft(name, required(locale)), locale),
                exists(name, locale),
                missing(name));
    }

    @DeleteMapping("/{name}")
    @Operation(summary = "Delete a calendar (ADMIN); refused while triggers use it")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @Refusals({404, 409})
    CompletionStage<ResponseEntity<Void>> delete(@PathVariable String name, Locale locale) {
        return Failures.noContent(calendars.delete(name, locale), exists(name, locale), missing(name));
    }

    /** Whether the calendar exists (asked after an ADMIN's write was refused, as that ADMIN). */
    private Failures.Existence exists(String name, Locale locale) {
        return () -> calendars.readEditable(name, locale).thenApply(java.util.Optional::isPresent);
    }

    private static String missing(String name) {
        return "No calendar " + name;
    }

    private String required(Locale locale) {
        return messages.getMessage("job.problem.required", null, locale);
    }

    private static URI location(String name) {
        return UriComponentsBuilder.fromPath("/api/v1/calendars/{name}")
                .buildAndExpand(name)
                .encode()
                .toUri();
    }
}
