package io.jobdeck.api;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.json.JsonMapper;

/**
 * A request the API refuses, answered as an RFC 9457 problem detail with its status and a message safe to show; a
 * refusal of fields lists each in {@code errors} as {@code {field, message}}.
 */
public class ApiProblem extends RuntimeException {

    /** One field that is wrong, named as in the request body ({@code triggers[0].kind}) or as the service names it. */
    public record FieldError(String field, String message) {}

    private final HttpStatus status;
    private final List<FieldError> errors;

    public ApiProblem(HttpStatus status, String detail) {
        this(status, detail, List.of());
    }

    public ApiProblem(HttpStatus status, String detail, List<FieldError> errors) {
        super(detail, null, false, false);
        this.status = status;
        this.errors = List.copyOf(errors);
    }

    public static ApiProblem badRequest(String detail) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, detail);
    }

    public static ApiProblem notFound(String detail) {
        return new ApiProblem(HttpStatus.NOT_FOUND, detail);
    }

    public static ApiProblem conflict(String detail) {
        return new ApiProblem(HttpStatus.CONFLICT, detail);
    }

    /** Fields refused: 422, each field with its message. */
    public static ApiProblem invalid(List<FieldError> errors) {
        return new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, "Some fields are not valid; see errors", errors);
    }

    public HttpStatus status() {
        return status;
    }

    public List<FieldError> errors() {
        return errors;
    }

    public ResponseEntity<ProblemDetail> response() {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(status, getMessage());
        if (!errors.isEmpty()) {
            body.setProperty("errors", errors);
        }
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(body);
    }

    /** Writes a problem detail straight to the response: for filters that answer before Spring MVC is reached. */
    public static void write(HttpServletResponse response, HttpStatus status, String detail) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", status.getReasonPhrase());
        body.put("status", status.value());
        body.put("detail", detail);
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(JsonMapper.shared().writeValueAsString(body));
    }
}
