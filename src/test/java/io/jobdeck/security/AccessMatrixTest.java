package io.jobdeck.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AccessAnnotationChecker;
import io.jobdeck.audit.AuditFilter;
import io.jobdeck.audit.AuditLog;
import io.jobdeck.jobs.JobCommands;
import io.jobdeck.scheduler.SchedulerControl;
import io.jobdeck.testing.As;
import io.jobdeck.testing.Isolated;
import io.jobdeck.testing.JobdeckApp;
import io.jobdeck.ui.UserPreferences;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.security.Principal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.http.HttpStatusCode;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.AuthenticationException;
import org.springframework.stereotype.Service;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

/**
 * Who may do what: every route, every secured service action and every HTTP endpoint, for anonymous, VIEWER,
 * OPERATOR and ADMIN. To add an action, add one line to {@link #ACTIONS}, {@link #ROUTES} or {@link #ENDPOINTS}; the
 * completeness tests fail until every route and every secured service method is listed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AccessMatrixTest {

    /** null = anyone, even anonymous. */
    enum Who {
        ANONYMOUS(null),
        VIEWER(Role.VIEWER),
        OPERATOR(Role.OPERATOR),
        ADMIN(Role.ADMIN);

        final @Nullable Role role;

        Who(@Nullable Role role) {
            this.role = role;
        }

        boolean atLeast(@Nullable Role needed) {
            return needed == null || (role != null && role.ordinal() >= needed.ordinal());
        }
    }

    interface Call {
        void run(AccessMatrixTest t) throws Exception;
    }

    record Action(Class<?> service, String method, Role needs, Call call) {}

    static final List<Action> ACTIONS = List.of(
            new Action(SchedulerControl.class, "start", Role.OPERATOR, t -> t.control.start()),
            new Action(SchedulerControl.class, "stop", Role.OPERATOR, t -> t.control.stop()),
            new Action(SchedulerControl.class, "stopAndInterrupt", Role.OPERATOR, t -> t.control.stopAndInterrupt()),
            new Action(JobCommands.class, "pause", Role.OPERATOR, t -> t.jobs.pause("none", "none")),
            new Action(JobCommands.class, "resume", Role.OPERATOR, t -> t.jobs.resume("none", "none")),
            new Action(JobCommands.class, "runNow", Role.OPERATOR, t -> t.jobs.runNow("none", "none")),
            new Action(JobCommands.class, "interrupt", Role.OPERATOR, t -> t.jobs.interrupt("none")),
            new Action(JobCommands.class, "delete", Role.ADMIN, t -> t.jobs.delete("none", "none")),
            new Action(AuditLog.class, "search", Role.ADMIN, t -> t.audit.search(AuditFilter.ANY, 0, 10)),
            new Action(UserPreferences.class, "load", Role.VIEWER, t -> t.prefs.load()),
            new Action(UserPreferences.class, "save", Role.VIEWER, t -> t.prefs.save(UserPreferences.Prefs.NONE)));

    /** Public service methods that change nothing and carry no role check (views behind login read them). */
    static final Set<String> OPEN_READS = Set.of(
            "SchedulerControl.settle",
            "SchedulerControl.saved",
            "SchedulerControl.schedulerName",
            "SchedulerMonitor.status",
            "SchedulerMonitor.recompute",
            "SchedulerMonitor.requestRecompute",
            "JobOverviewService.jobs",
            "JobOverviewService.running",
            "JobOverviewService.requestRefresh",
            "AuditLog.record",
            "AuditLog.flush",
            "AuditLog.health");

    /** Route path → the least role that may open it (null = anyone). */
    static final Map<String, @Nullable Role> ROUTES = routes();

    private static Map<String, @Nullable Role> routes() {
        Map<String, @Nullable Role> routes = new LinkedHashMap<>();
        routes.put("", Role.VIEWER);
        routes.put("audit", Role.ADMIN);
        return routes;
    }

    record Endpoint(String method, String path, @Nullable Role needs, int allowedStatus) {}

    static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("GET", "/api/scheduler", Role.VIEWER, 200),
            new Endpoint("POST", "/api/scheduler/start", Role.OPERATOR, 200),
            new Endpoint("POST", "/api/scheduler/stop", Role.OPERATOR, 200),
            new Endpoint("GET", "/actuator/health", null, 200),
            new Endpoint("GET", "/actuator/health/liveness", null, 200));

    static final Path DATA = JobdeckApp.newDataDir();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        Isolated.quietApp(registry, DATA);
    }

    @Autowired
    SchedulerControl control;

    @Autowired
    JobCommands jobs;

    @Autowired
    AuditLog audit;

    @Autowired
    UserPreferences prefs;

    @Autowired
    AccessAnnotationChecker accessChecker;

    @LocalServerPort
    int port;

    @AfterEach
    void logout() {
        As.nobody();
    }

    @ParameterizedTest
    @EnumSource(Who.class)
    void each_service_action_is_allowed_exactly_for_its_roles(Who who) {
        for (Action action : ACTIONS) {
            if (who.role == null) {
                As.nobody();
            } else {
                As.user(who.role);
            }
            String what = who + " → " + action.service().getSimpleName() + "." + action.method();
            if (who.atLeast(action.needs())) {
                assertThatCode(() -> action.call().run(this)).as(what).doesNotThrowAnyException();
            } else {
                assertThatThrownBy(() -> action.call().run(this))
                        .as(what)
                        .isInstanceOfAny(AccessDeniedException.class, AuthenticationException.class);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Who.class)
    void each_route_opens_exactly_for_its_roles(Who who) throws Exception {
        for (Class<?> view : routeClasses()) {
            String path = view.getAnnotation(Route.class).value();
            Principal principal = who.role == null ? null : () -> who.name().toLowerCase();
            Function<String, Boolean> hasRole =
                    r -> who.role != null && who.role.authorities().contains("ROLE_" + r);
            boolean allowed = accessChecker.hasAccess(view, principal, hasRole);
            assertThat(allowed).as(who + " → /" + path).isEqualTo(who.atLeast(ROUTES.get(path)));
        }
    }

    @ParameterizedTest
    @EnumSource(Who.class)
    void each_http_endpoint_answers_by_role(Who who) {
        RestClient http =
                RestClient.builder().baseUrl("http://localhost:" + port).build();
        for (Endpoint e : ENDPOINTS) {
            RestClient.RequestHeadersSpec<?> request = http.method(
                            org.springframework.http.HttpMethod.valueOf(e.method()))
                    .uri(e.path());
            if (who.role != null) {
                String user = who.name().toLowerCase();
                request = request.headers(h -> h.setBasicAuth(user, user + "-pass"));
            }
            HttpStatusCode status = request.exchange((req, res) -> res.getStatusCode());
            int expected = who.atLeast(e.needs()) ? e.allowedStatus() : (who.role == null ? 401 : 403);
            assertThat(status.value())
                    .as(who + " → " + e.method() + " " + e.path())
                    .isEqualTo(expected);
        }
    }

    @Test
    void every_route_is_in_the_matrix() throws Exception {
        Set<String> paths = routeClasses().stream()
                .map(c -> c.getAnnotation(Route.class).value())
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(paths).isEqualTo(new TreeSet<>(ROUTES.keySet()));
    }

    @Test
    void every_public_service_method_is_in_the_matrix_or_a_known_open_read() throws Exception {
        Set<String> listed = ACTIONS.stream()
                .map(a -> a.service().getSimpleName() + "." + a.method())
                .collect(Collectors.toSet());
        Set<String> unlisted = new TreeSet<>();
        Set<String> securedButUnlisted = new TreeSet<>();
        for (Class<?> service : classesAnnotated(Service.class)) {
            for (Method m : service.getDeclaredMethods()) {
                if (!Modifier.isPublic(m.getModifiers())
                        || m.isSynthetic()
                        || m.getName().equals("destroy")) {
                    continue;
                }
                String name = service.getSimpleName() + "." + m.getName();
                if (m.isAnnotationPresent(PreAuthorize.class) && !listed.contains(name)) {
                    securedButUnlisted.add(name);
                }
                if (!listed.contains(name) && !OPEN_READS.contains(name)) {
                    unlisted.add(name);
                }
            }
        }
        assertThat(securedButUnlisted)
                .as("secured methods missing from ACTIONS")
                .isEmpty();
        assertThat(unlisted)
                .as("public service methods that are neither in ACTIONS nor OPEN_READS")
                .isEmpty();
        for (Action a : ACTIONS) {
            boolean secured = Arrays.stream(a.service().getDeclaredMethods())
                    .filter(m -> m.getName().equals(a.method()))
                    .allMatch(m -> m.isAnnotationPresent(PreAuthorize.class));
            assertThat(secured)
                    .as(a.service().getSimpleName() + "." + a.method() + " has @PreAuthorize")
                    .isTrue();
        }
    }

    private static List<Class<?>> routeClasses() throws ClassNotFoundException {
        return classesAnnotated(Route.class);
    }

    private static List<Class<?>> classesAnnotated(Class<? extends java.lang.annotation.Annotation> annotation)
            throws ClassNotFoundException {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(annotation));
        List<Class<?>> found = new java.util.ArrayList<>();
        for (var candidate : scanner.findCandidateComponents("io.jobdeck")) {
            found.add(Class.forName(candidate.getBeanClassName()));
        }
        return found;
    }
}
