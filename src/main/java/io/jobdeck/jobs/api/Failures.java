package io.jobdeck.jobs.api;

import io.jobdeck.api.ApiProblem;
import io.jobdeck.jobs.JobCommandException;
import io.jobdeck.jobs.JobDefinitions;
import io.jobdeck.support.Errors;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * What a service's refusal means over HTTP: fields refused → 422 with each field; a job changed since it was read →
 * 412; a job that cannot be edited here → 409; a command that failed → 409, or 404 when what it names does not exist
 * (asked only then, as the caller, since the services say both in one exception). Anything else stays an error (500).
 */
final class Failures {

    private Failures() {}

    /** Whether what a request names exists, asked after a failure. */
    interface Existence extends Supplier<CompletionStage<Boolean>> {}

    /** Whether the job exists (asked as the caller: it is a VIEWER's read). */
    static Existence job(JobDefinitions definitions, String group, String name) {
        return () -> definitions.read(group, name).thenApply(java.util.Optional::isPresent);
    }

    static String missingJob(String group, String name) {
        return "No job " + group + "." + name;
    }

    /** For requests that name nothing that may be missing (a create, a list). */
    static <T> CompletionStage<T> translate(CompletionStage<T> stage) {
        return translate(stage, null, "");
    }

    static <T> CompletionStage<T> translate(CompletionStage<T> stage, @Nullable Existence exists, String missing) {
        Caller caller = Caller.current();
        return stage.exceptionallyCompose(error -> {
            Throwable e = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            return switch (e) {
                case ApiProblem problem -> CompletableFuture.failedFuture(problem);
                case JobDefinitions.Refused refused ->
                    CompletableFuture.failedFuture(ApiProblem.invalid(refused.problems().stream()
                            .map(p -> new ApiProblem.FieldError(p.field(), p.message()))
                            .toList()));
                case JobDefinitions.NotEditable notEditable ->
                    CompletableFuture.failedFuture(ApiProblem.conflict(Errors.describe(notEditable)));
                case JobDefinitions.Changed changed ->
                    orMissing(
                            caller,
                            exists,
                            missing,
                            new ApiProblem(HttpStatus.PRECONDITION_FAILED, Errors.describe(changed)));
                case JobCommandException failed ->
                    orMissing(caller, exists, missing, ApiProblem.conflict(Errors.describe(failed)));
                case IllegalArgumentException wrong -> wrong(caller, exists, missing, wrong);
                case IllegalStateException wrong -> wrong(caller, exists, missing, wrong);
                default -> CompletableFuture.failedFuture(e);
            };
        });
    }

    /** A request refused before any store work: 400, or as a failed command when it names something. */
    private static <T> CompletionStage<T> wrong(
            Caller caller, @Nullable Existence exists, String missing, RuntimeException wrong) {
        return exists == null
                ? CompletableFuture.failedFuture(ApiProblem.badRequest(Errors.describe(wrong)))
                : orMissing(caller, exists, missing, ApiProblem.conflict(Errors.describe(wrong)));
    }

    /** 204 when done; refusals as {@link #translate}. */
    static CompletionStage<ResponseEntity<Void>> noContent(CompletionStage<?> stage, Existence exists, String missing) {
        return translate(stage, exists, missing)
                .thenApply(done -> ResponseEntity.noContent().build());
    }

    private static <T> CompletionStage<T> orMissing(
            Caller caller, @Nullable Existence exists, String missing, ApiProblem problem) {
        if (exists == null) {
            return CompletableFuture.failedFuture(problem);
        }
        return caller.call(exists)
                .exceptionally(unknown -> true)
                .thenCompose(there -> CompletableFuture.failedFuture(there ? problem : ApiProblem.notFound(missing)));
    }
}
