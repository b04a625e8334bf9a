package io.jobdeck.security.internal;

import io.jobdeck.api.ApiProblem;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/** 401 and 403 for the API as problem details, never an HTML page or a stack trace. */
final class JsonSecurityErrors {

    private JsonSecurityErrors() {}

    /** The API's answer to a request without valid credentials: what it accepts, an API token or (if on) Basic. */
    static AuthenticationEntryPoint unauthorized(boolean basicEnabled) {
        return (request, response, e) -> {
            response.setHeader(
                    "WWW-Authenticate",
                    basicEnabled ? "Bearer realm=\"jobdeck\", Basic realm=\"jobdeck\"" : "Bearer realm=\"jobdeck\"");
            write(
                    response,
                    HttpServletResponse.SC_UNAUTHORIZED,
                    "unauthorized",
                    basicEnabled
                            ? "Send an API token (Authorization: Bearer ...) or HTTP Basic credentials"
                            : "Send an API token (Authorization: Bearer ...)");
        };
    }

    static AccessDeniedHandler forbidden() {
        return (request, response, e) ->
                write(response, HttpServletResponse.SC_FORBIDDEN, "forbidden", "Your role does not allow this action");
    }

    static void write(HttpServletResponse response, int status, String error, String message) throws IOException {
        // The API's errors are problem details (RFC 9457), these too.
        ApiProblem.write(response, HttpStatus.valueOf(status), message);
    }
}
