package io.jobdeck.scheduler.internal;

import io.jobdeck.api.ApiProblem;
import io.jobdeck.scheduler.SchedulerControl;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Pages, API and health agree while Jobdeck starts. The web server accepts connections before the application is
 * ready; until the scheduler's last state is restored, every request but the health probes answers 503 with what is
 * starting, and the health component "startup" (part of readiness) says the same. Liveness is correct from the moment
 * the server listens: starting is not broken.
 */
@Component("startup")
@Order(Ordered.HIGHEST_PRECEDENCE)
class StartupGate extends OncePerRequestFilter implements HealthIndicator, SmartLifecycle {

    static final String RESTORING = "restoring the scheduler's last state";
    private static final String CONTEXT = "starting the application";

    private final SchedulerControl control;
    private final ApplicationContext context;
    private volatile String starting = CONTEXT;
    private volatile boolean running;

    StartupGate(SchedulerControl control, ApplicationContext context) {
        this.control = control;
        this.context = context;
    }

    @EventListener(ApplicationReadyEvent.class)
    void ready() {
        starting = RESTORING;
        control.settle().whenComplete((status, error) -> starting = "");
    }

    /** What is still starting, or empty once Jobdeck is ready. */
    String starting() {
        return starting;
    }

    @Override
    public Health health() {
        String what = starting;
        return what.isEmpty()
                ? Health.up().build()
                : Health.status(new Status(Status.OUT_OF_SERVICE.getCode(), "starting: " + what))
                        .build();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return starting.isEmpty() || request.getRequestURI().startsWith(request.getContextPath() + "/actuator/health");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String what = starting;
        if (what.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setHeader("Retry-After", "1");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
            ApiProblem.write(response, HttpStatus.SERVICE_UNAVAILABLE, "Jobdeck is starting: " + what);
        } else {
            response.setContentType("text/html");
            response.getWriter()
                    .write("<!doctype html><html><head><meta http-equiv=\"refresh\" content=\"1\">"
                            + "<title>Jobdeck is starting</title></head><body style=\"font-family:sans-serif\"><p>Jobdeck is"
                            + " starting: " + what + "…</p></body></html>");
        }
    }

    // --- Liveness is correct as soon as the web server may listen (this starts before it). ---

    @Override
    public void start() {
        running = true;
        AvailabilityChangeEvent.publish(context, LivenessState.CORRECT);
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MIN_VALUE; // before the web server's lifecycle
    }
}
