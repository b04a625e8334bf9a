package io.jobdeck.audit.api;

import io.jobdeck.api.ApiProblem;
import io.jobdeck.api.RestApi;
import io.jobdeck.audit.AuditAction;
import io.jobdeck.audit.AuditFilter;
import io.jobdeck.audit.AuditLog;
import io.jobdeck.audit.AuditOutcome;
import io.jobdeck.audit.AuditPage;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The audit trail, searched as the audit page searches it. The role is {@link AuditLog#search}'s: ADMIN. */
@RestController
@RestApi
@RequestMapping("/api/v1/audit")
@Tag(name = "Audit", description = "Who did what, when, and how it ended")
class AuditApi {

    /** The most entries one page has. */
    static final int MAX_SIZE = 500;

    private final AuditLog audit;

    AuditApi(AuditLog audit) {
        this.audit = audit;
    }

    @GetMapping
    @Operation(summary = "A page of the audit trail, newest first (ADMIN)")
    CompletionStage<AuditPage> search(
            @Parameter(description = "Part of the user name, any case") @RequestParam(required = false) @Nullable
                    String actor,
            @RequestParam(required = false) @Nullable AuditAction action,
            @RequestParam(required = false) @Nullable AuditOutcome outcome,
            @Parameter(description = "At or after, e.g. 2026-12-24T00:00:00Z") @RequestParam(required = false) @Nullable
                    Instant from,
            @Parameter(description = "Before") @RequestParam(required = false) @Nullable Instant to,
            @Parameter(description = "The page, from 0") @RequestParam(defaultValue = "0") int page,
            @Parameter(description = "1 to " + MAX_SIZE) @RequestParam(defaultValue = "50") int size) {
        if (page < 0 || size < 1 || size > MAX_SIZE || (actor != null && actor.length() > 200)) {
            throw ApiProblem.badRequest("page is 0 or more, size 1 to " + MAX_SIZE + ", actor at most 200 characters");
        }
        return audit.search(new AuditFilter(actor, action, outcome, from, to), page, size);
    }
}
