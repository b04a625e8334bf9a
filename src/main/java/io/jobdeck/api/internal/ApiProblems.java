package io.jobdeck.api.internal;

import io.jobdeck.api.ApiProblem;
import io.jobdeck.api.RestApi;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * Every error of a {@link RestApi} controller as an RFC 9457 problem detail: the controller's own refusals
 * ({@link ApiProblem}), a role too low (403), a body or parameter that cannot be read (400, naming the field), Spring
 * MVC's own (405, 406, 415, a missing parameter ...). Anything else is a bug: a 500 that says only that the log has
 * the details. A value that cannot be read is never echoed back: the message says what was expected instead.
 */
@RestControllerAdvice(annotations = RestApi.class)
@Order(Ordered.LOWEST_PRECEDENCE)
class ApiProblems {

    private static final Logger log = LoggerFactory.getLogger(ApiProblems.class);

    @ExceptionHandler(ApiProblem.class)
    ResponseEntity<ProblemDetail> refused(ApiProblem problem) {
        return problem.response();
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ProblemDetail> forbidden(AccessDeniedException e) {
        return new ApiProblem(HttpStatus.FORBIDDEN, "Your role does not allow this action").response();
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e) {
        if (!(e.getCause() instanceof JacksonException json) || json.getPath().isEmpty()) {
            return ApiProblem.badRequest("The request body is not valid JSON of the expected shape")
                    .response();
        }
        String field = path(json.getPath());
        return new ApiProblem(
                        HttpStatus.BAD_REQUEST,
                        "The request body has a value of the wrong type; see errors",
                        List.of(new ApiProblem.FieldError(field, expected(json))))
                .response();
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> mismatch(MethodArgumentTypeMismatchException e) {
        Class<?> type = e.getRequiredType();
        String wanted = type == null ? "a valid value" : describe(type);
        return new ApiProblem(
                        HttpStatus.BAD_REQUEST,
                        "Parameter '" + e.getName() + "' is not valid; see errors",
                        List.of(new ApiProblem.FieldError(e.getName(), "Expected " + wanted)))
                .response();
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<ProblemDetail> noSuchEndpoint(NoResourceFoundException e) {
        return ApiProblem.notFound("No such endpoint").response();
    }

    /** Spring MVC's own errors (405, 406, 415, a missing parameter or header, a timeout ...); anything else is a 500. */
    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> other(Exception e) {
        if (e instanceof ErrorResponse known) {
            HttpStatus status = Objects.requireNonNullElse(
                    HttpStatus.resolve(known.getStatusCode().value()), HttpStatus.INTERNAL_SERVER_ERROR);
            ProblemDetail body = ProblemDetail.forStatusAndDetail(
                    status, Objects.requireNonNullElse(known.getBody().getDetail(), status.getReasonPhrase()));
            return ResponseEntity.status(status).headers(known.getHeaders()).body(body);
        }
        log.error("API request failed", e);
        return new ApiProblem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error; the server log has the details")
                .response();
    }

    /** {@code triggers[0].kind}: a JSON path as the body's fields name it. */
    private static String path(List<JacksonException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference r : references) {
            if (r.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(r.getPropertyName());
            } else if (r.getIndex() >= 0) {
                path.append('[').append(r.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String expected(JacksonException json) {
        Class<?> type = json instanceof MismatchedInputException mismatch ? mismatch.getTargetType() : null;
        return type == null ? "Not a valid value here" : "Expected " + describe(type);
    }

    /** What a value of {@code type} looks like, in words: an enum's constants, a time's ISO format. */
    private static String describe(@Nullable Class<?> type) {
        if (type == null) {
            return "a valid value";
        }
        if (type.isEnum()) {
            return "one of "
                    + Arrays.stream(type.getEnumConstants())
                            .map(c -> ((Enum<?>) c).name())
                            .collect(Collectors.joining(", "));
        }
        return switch (type.getName()) {
            case "java.time.Duration" -> "an ISO-8601 duration such as PT15M";
            case "java.time.LocalDateTime" -> "a local date-time such as 2026-12-24T18:00:00";
            case "java.time.LocalDate" -> "a date such as 2026-12-24";
            case "java.time.Instant" -> "an instant such as 2026-12-24T18:00:00Z";
            case "java.time.ZoneId" -> "a time zone id such as Europe/Berlin";
            case "java.lang.String" -> "a string";
            case "java.lang.Integer", "int", "java.lang.Long", "long" -> "a whole number";
            case "java.lang.Boolean", "boolean" -> "true or false";
            case "java.util.Map" -> "an object";
            case "java.util.List" -> "an array";
            default -> "a " + type.getSimpleName();
        };
    }
}
