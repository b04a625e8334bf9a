package io.jobdeck.scheduler.api;

import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Every API error is a JSON body with a clear message; never a stack trace or an HTML page. (Paths no endpoint takes
 * are answered in the same shape by the security module's API fallback.)
 */
@RestControllerAdvice(basePackageClasses = SchedulerApi.class)
class ApiErrors {

    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<Map<String, Object>> forbidden(AccessDeniedException e) {
        return body(HttpStatus.FORBIDDEN, "Your role does not allow this action");
    }

    @ExceptionHandler({
        BadRequestException.class,
        MissingServletRequestParameterException.class,
        MethodArgumentTypeMismatchException.class
    })
    ResponseEntity<Map<String, Object>> badRequest(Exception e) {
        return body(HttpStatus.BAD_REQUEST, Objects.requireNonNullElse(e.getMessage(), "Bad request"));
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<Map<String, Object>> notFound(NoResourceFoundException e) {
        return body(HttpStatus.NOT_FOUND, "No such endpoint");
    }

    /** Spring MVC's own errors (405, 406, 415, a timeout ...) with their status; anything else is a 500. */
    @ExceptionHandler(Exception.class)
    ResponseEntity<Map<String, Object>> other(Exception e) {
        if (e instanceof ErrorResponse known) {
            HttpStatus status = Objects.requireNonNullElse(
                    HttpStatus.resolve(known.getStatusCode().value()), HttpStatus.INTERNAL_SERVER_ERROR);
            return ResponseEntity.status(status)
                    .headers(known.getHeaders())
                    .body(message(
                            status, Objects.requireNonNullElse(known.getBody().getDetail(), status.getReasonPhrase())));
        }
        log.error("API request failed", e);
        return body(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error; the server log has the details");
    }

    static ResponseEntity<Map<String, Object>> body(HttpStatus status, String message) {
        return ResponseEntity.status(status).body(message(status, message));
    }

    private static Map<String, Object> message(HttpStatus status, String message) {
        return Map.of("status", status.value(), "error", status.getReasonPhrase(), "message", message);
    }
}
