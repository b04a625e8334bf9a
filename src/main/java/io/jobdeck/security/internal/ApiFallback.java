package io.jobdeck.security.internal;

import io.jobdeck.api.ApiProblem;
import io.jobdeck.api.RestApi;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.PathContainer;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.UrlPathHelper;
import org.springframework.web.util.pattern.PathPattern;

/**
 * Whatever no API endpoint takes under {@code /api/}: a JSON 404, or a 405 with {@code Allow} when the path exists for
 * other methods. Without it, such requests would fall through to Vaadin, which answers any path with its HTML page.
 * Spring MVC picks the most specific mapping first, so this one only gets what nothing else matches.
 */
@RestController
@RestApi
@Hidden
class ApiFallback {

    private final ObjectProvider<RequestMappingHandlerMapping> mappings;

    ApiFallback(@Qualifier("requestMappingHandlerMapping") ObjectProvider<RequestMappingHandlerMapping> mappings) {
        this.mappings = mappings;
    }

    @RequestMapping("/api/**")
    ResponseEntity<ProblemDetail> unmatched(HttpServletRequest request) {
        Set<String> allowed = allowedMethods(request);
        if (allowed.isEmpty()) {
            return error(HttpStatus.NOT_FOUND, "No such endpoint", new HttpHeaders());
        }
        HttpHeaders headers = new HttpHeaders();
        headers.add(HttpHeaders.ALLOW, String.join(", ", allowed));
        if (HttpMethod.OPTIONS.matches(request.getMethod())) {
            return ResponseEntity.ok().headers(headers).build();
        }
        return error(
                HttpStatus.METHOD_NOT_ALLOWED,
                "Method " + request.getMethod() + " is not allowed here; allowed: " + String.join(", ", allowed),
                headers);
    }

    /** The methods other endpoints take on this path. */
    private Set<String> allowedMethods(HttpServletRequest request) {
        PathContainer path = PathContainer.parsePath(UrlPathHelper.defaultInstance.getPathWithinApplication(request));
        Set<String> allowed = new TreeSet<>();
        mappings.getObject().getHandlerMethods().forEach((info, handler) -> {
            if (handler.getBeanType() != ApiFallback.class && matches(info, path)) {
                info.getMethodsCondition().getMethods().stream()
                        .map(RequestMethod::name)
                        .forEach(allowed::add);
            }
        });
        return allowed;
    }

    private static boolean matches(RequestMappingInfo info, PathContainer path) {
        var patterns = info.getPathPatternsCondition();
        return patterns != null && patterns.getPatterns().stream().anyMatch((PathPattern p) -> p.matches(path));
    }

    /** The API's error body, as everywhere under /api: a problem detail. */
    private static ResponseEntity<ProblemDetail> error(HttpStatus status, String message, HttpHeaders headers) {
        ResponseEntity<ProblemDetail> problem = new ApiProblem(status, message).response();
        return ResponseEntity.status(status)
                .headers(problem.getHeaders())
                .headers(headers)
                .body(problem.getBody());
    }
}
