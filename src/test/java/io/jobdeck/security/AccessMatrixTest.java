package io.jobdeck.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AccessAnnotationChecker;
import io.jobdeck.audit.AuditFilter;
import io.jobdeck.audit.AuditLog;
import io.jobdeck.audit.Audited;
import io.jobdeck.history.ExecutionFilter;
import io.jobdeck.history.ExecutionHistory;
import io.jobdeck.jobs.CalendarDraft;
import io.jobdeck.jobs.JobCalendar;
import io.jobdeck.jobs.JobCalendars;
import io.jobdeck.jobs.JobCommands;
import io.jobdeck.jobs.JobDefinition;
import io.jobdeck.jobs.JobDefinitions;
import io.jobdeck.jobs.JobList;
import io.jobdeck.jobs.JobQuery;
import io.jobdeck.jobs.UpcomingFires;
import io.jobdeck.jobs.code.DocumentFormat;
import io.jobdeck.jobs.code.ImportPlan;
import io.jobdeck.jobs.code.JobsAsCode;
import io.jobdeck.nodes.ClusterStatus;
import io.jobdeck.scheduler.SchedulerControl;
import io.jobdeck.stats.ExecutionStats;
import io.jobdeck.testing.As;
import io.jobdeck.testing.Isolated;
import io.jobdeck.testing.JobdeckApp;
import io.jobdeck.tokens.ApiTokens;
import io.jobdeck.tokens.TokenDraft;
import io.jobdeck.ui.UserPreferences;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.security.Principal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.http.HttpMethod;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.AuthenticationException;
import org.springframework.stereotype.Service;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.client.RestClient;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Who may do what, for anonymous, VIEWER, OPERATOR and ADMIN: every secured service method and every HTTP handler the
 * running application exposes, and every route. The lists to check are read from the application itself (the
 * {@code @PreAuthorize} methods of its beans, the handlers of Spring MVC); the expectations below say what each may
 * do, and the tests fail until every exposed method and handler has one, and whenever something that writes is open
 * to a viewer.
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

    /**
     * What a method does: reads, changes the scheduler or jobs, or changes only what is the caller's own (settings, API
     * tokens).
     */
    enum Kind {
        READ,
        WRITE,
        OWN_SETTINGS
    }

    interface Call {
        void run(AccessMatrixTest t) throws Exception;
    }

    record Action(Role needs, Kind kind, Call call) {}

    /** Expectations for secured service methods, by {@code Class.method}. */
    static final Map<String, Action> ACTIONS = actions();

    private static Map<String, Action> actions() {
        Map<String, Action> a = new LinkedHashMap<>();
        a.put("SchedulerControl.start", new Action(Role.OPERATOR, Kind.WRITE, t -> t.control.start()));
        a.put("SchedulerControl.stop", new Action(Role.OPERATOR, Kind.WRITE, t -> t.control.stop()));
        a.put(
                "SchedulerControl.stopAndInterrupt",
                new Action(Role.OPERATOR, Kind.WRITE, t -> t.control.stopAndInterrupt()));
        // One node on its own: refused as "only in a cluster", after the role check.
        a.put("SchedulerControl.drain", new Action(Role.OPERATOR, Kind.WRITE, t -> t.control.drain("none")));
        a.put("SchedulerControl.undrain", new Action(Role.OPERATOR, Kind.WRITE, t -> t.control.undrain("none")));
        a.put("JobCommands.pause", new Action(Role.OPERATOR, Kind.WRITE, t -> t.jobs.pause("none", "none")));
        a.put("JobCommands.resume", new Action(Role.OPERATOR, Kind.WRITE, t -> t.jobs.resume("none", "none")));
        // Both overloads (plain, and with one-off parameters) must be allowed or refused alike.
        a.put("JobCommands.runNow", new Action(Role.OPERATOR, Kind.WRITE, t -> {
            boolean withParametersRefused = false;
            try {
                t.jobs.runNow("none", "none", Map.of("day", "1"));
            } catch (AccessDeniedException | AuthenticationException refused) {
                withParametersRefused = true;
            }
            try {
                t.jobs.runNow("none", "none");
            } catch (AccessDeniedException | AuthenticationException refused) {
                assertThat(withParametersRefused)
                        .as("run now with parameters refused too")
                        .isTrue();
                throw refused;
            }
            assertThat(withParametersRefused)
                    .as("run now with parameters allowed too")
                    .isFalse();
        }));
        a.put("JobCommands.pauseGroup", new Action(Role.OPERATOR, Kind.WRITE, t -> t.jobs.pauseGroup("none")));
        a.put(
                "JobCommands.pauseTrigger",
                new Action(Role.OPERATOR, Kind.WRITE, t -> t.jobs.pauseTrigger("none", "none", "none")));
        a.put(
                "JobCommands.resumeTrigger",
                new Action(Role.OPERATOR, Kind.WRITE, t -> t.jobs.resumeTrigger("none", "none", "none")));
        a.put("JobDefinitions.listCalendars", new Action(Role.VIEWER, Kind.READ, t -> t.definitions.listCalendars()));
        a.put(
                "JobDefinitions.readPreview",
                new Action(
                        Role.VIEWER,
                        Kind.READ,
                        t -> t.definitions.readPreview(
                                io.jobdeck.jobs.TriggerDefinition.cron(
                                                "0 0 3 * * ?", java.time.ZoneId.of("UTC"), io.jobdeck.jobs.Misfire.SKIP)
                                        .withCalendar("none"),
                                java.time.ZoneId.of("UTC"),
                                java.util.Locale.ENGLISH)));
        a.put("JobCommands.resumeGroup", new Action(Role.OPERATOR, Kind.WRITE, t -> t.jobs.resumeGroup("none")));
        a.put("JobCommands.pauseAll", new Action(Role.OPERATOR, Kind.WRITE, t -> t.jobs.pauseAll()));
        a.put("JobCommands.resumeAll", new Action(Role.OPERATOR, Kind.WRITE, t -> t.jobs.resumeAll()));
        a.put("JobCommands.interrupt", new Action(Role.OPERATOR, Kind.WRITE, t -> t.jobs.interrupt("none")));
        a.put("JobCommands.delete", new Action(Role.ADMIN, Kind.WRITE, t -> t.jobs.delete("none", "none")));
        a.put(
                "JobDefinitions.create",
                new Action(Role.ADMIN, Kind.WRITE, t -> t.definitions.create(REFUSED_DEFINITION, Locale.ENGLISH)));
        a.put("JobDefinitions.read", new Action(Role.VIEWER, Kind.READ, t -> t.definitions.read("none", "none")));
        a.put(
                "JobDefinitions.readEditable",
                new Action(Role.ADMIN, Kind.READ, t -> t.definitions.readEditable("none", "none")));
        a.put(
                "JobDefinitions.update",
                new Action(
                        Role.ADMIN,
                        Kind.WRITE,
                        t -> t.definitions.update("none", "none", "v", REFUSED_DEFINITION, Locale.ENGLISH)));
        a.put(
                "JobDefinitions.copy",
                new Action(
                        Role.ADMIN,
                        Kind.WRITE,
                        t -> t.definitions.copy("none", "none", REFUSED_DEFINITION, Locale.ENGLISH)));
        a.put("JobList.readPage", new Action(Role.VIEWER, Kind.READ, t -> t.jobList.readPage(JobQuery.ALL, 0, 10)));
        a.put("JobList.readChoices", new Action(Role.VIEWER, Kind.READ, t -> t.jobList.readChoices()));
        a.put("JobCalendars.list", new Action(Role.VIEWER, Kind.READ, t -> t.calendars.list(0, 10, Locale.ENGLISH)));
        a.put(
                "JobCalendars.readEditable",
                new Action(Role.ADMIN, Kind.READ, t -> t.calendars.readEditable("none", Locale.ENGLISH)));
        a.put(
                "JobCalendars.create",
                new Action(Role.ADMIN, Kind.WRITE, t -> t.calendars.create(REFUSED_CALENDAR, Locale.ENGLISH)));
        a.put(
                "JobCalendars.update",
                new Action(
                        Role.ADMIN,
                        Kind.WRITE,
                        t -> t.calendars.update("none", "v", REFUSED_CALENDAR, Locale.ENGLISH)));
        a.put(
                "JobCalendars.delete",
                new Action(Role.ADMIN, Kind.WRITE, t -> t.calendars.delete("none", Locale.ENGLISH)));
        a.put(
                "UpcomingFires.readUpcoming",
                new Action(Role.VIEWER, Kind.READ, t -> t.upcomingFires.readUpcoming(0, 10)));
        // Jobs as code (issue 8): export for everyone who sees the jobs; the dry run and the import for admins.
        a.put(
                "JobsAsCode.readExport",
                new Action(
                        Role.VIEWER,
                        Kind.READ,
                        t -> t.jobsAsCode.readExport(
                                new JobsAsCode.Selection(Set.of("none"), Set.of()), DocumentFormat.YAML)));
        a.put(
                "JobsAsCode.readPlan",
                new Action(
                        Role.ADMIN,
                        Kind.READ,
                        t -> t.jobsAsCode.readPlan("version: 1", ImportPlan.Mode.MERGE, Locale.ENGLISH)));
        a.put(
                "JobsAsCode.apply",
                new Action(
                        Role.ADMIN,
                        Kind.WRITE,
                        t -> t.jobsAsCode.apply("version: 2", ImportPlan.Mode.MERGE, null, Locale.ENGLISH)));
        a.put("AuditLog.search", new Action(Role.ADMIN, Kind.READ, t -> t.audit.search(AuditFilter.ANY, 0, 10)));
        // API tokens: everyone makes, lists and revokes their own (the service refuses another's, see ApiTokensTest);
        // the draft is refused by its checks once allowed (no name), so that the matrix makes no token.
        a.put(
                "ApiTokens.create",
                new Action(Role.VIEWER, Kind.OWN_SETTINGS, t -> t.tokens.create(new TokenDraft("", Role.VIEWER, 7))));
        a.put("ApiTokens.list", new Action(Role.VIEWER, Kind.READ, t -> t.tokens.list()));
        a.put("ApiTokens.listAll", new Action(Role.ADMIN, Kind.READ, t -> t.tokens.listAll()));
        a.put("ApiTokens.revoke", new Action(Role.VIEWER, Kind.OWN_SETTINGS, t -> t.tokens.revoke("none")));
        // The execution history (issue 9): read by every role, a re-run by operators.
        a.put(
                "ExecutionHistory.readPage",
                new Action(Role.VIEWER, Kind.READ, t -> t.history.readPage(ExecutionFilter.ALL, 0, 10)));
        a.put("ExecutionHistory.find", new Action(Role.VIEWER, Kind.READ, t -> t.history.find(999_999)));
        a.put("ExecutionHistory.readRun", new Action(Role.VIEWER, Kind.READ, t -> t.history.readRun(999_999)));
        a.put("ExecutionHistory.readAttempts", new Action(Role.VIEWER, Kind.READ, t -> t.history.readAttempts("none")));
        a.put(
                "ExecutionHistory.readRecentRuns",
                new Action(Role.VIEWER, Kind.READ, t -> t.history.readRecentRuns("none", "none", 5)));
        a.put("ExecutionHistory.readNodes", new Action(Role.VIEWER, Kind.READ, t -> t.history.readNodes()));
        a.put("ExecutionHistory.rerun", new Action(Role.OPERATOR, Kind.WRITE, t -> t.history.rerun(999_999)));
        // The cluster's nodes (issue 11): read by every role.
        a.put("ClusterStatus.readNodes", new Action(Role.VIEWER, Kind.READ, t -> t.cluster.readNodes()));
        // Alerts (issue 10): rules and what was sent, for admins; the draft is refused by its checks (no kind).
        a.put("Alerts.readRules", new Action(Role.ADMIN, Kind.READ, t -> t.alerts.readRules()));
        a.put(
                "Alerts.save",
                new Action(
                        Role.ADMIN,
                        Kind.WRITE,
                        t -> t.alerts.save(
                                new io.jobdeck.alerts.RuleDraft(0, null, false, "", 0, 0, Set.of(), false),
                                Locale.ENGLISH)));
        a.put("Alerts.delete", new Action(Role.ADMIN, Kind.WRITE, t -> t.alerts.delete(999_999)));
        a.put("Alerts.sendTest", new Action(Role.ADMIN, Kind.WRITE, t -> t.alerts.sendTest(999_999)));
        a.put("Alerts.readDeliveries", new Action(Role.ADMIN, Kind.READ, t -> t.alerts.readDeliveries(0, 10)));
        // The charts (issue 10): read by every role.
        a.put(
                "ExecutionStats.readLive",
                new Action(
                        Role.VIEWER, Kind.READ, t -> t.stats.readLive(s -> {}).close()));
        a.put(
                "ExecutionStats.readLiveDurations",
                new Action(
                        Role.VIEWER,
                        Kind.READ,
                        t -> t.stats.readLiveDurations("none", "none", d -> {}).close()));
        a.put("UserPreferences.load", new Action(Role.VIEWER, Kind.READ, t -> t.prefs.load()));
        a.put(
                "UserPreferences.save",
                new Action(Role.VIEWER, Kind.OWN_SETTINGS, t -> t.prefs.save(UserPreferences.Prefs.NONE)));
        return a;
    }

    /** Public methods of services that change nothing and carry no role check (views behind login read them). */
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
            // Checks a definition in the reader's language: pure computation, nothing stored.
            "JobDefinitions.check",
            // Check a calendar draft and preview what it excludes: pure computation, nothing stored.
            "JobCalendars.check",
            "JobCalendars.preview",
            // What the form offers: the types switched on here, and the Java jobs of the application.
            "JobDefinitions.offeredTypes",
            "JobDefinitions.javaJobs",
            // Masks the secrets of values the history keeps: pure computation, nothing read or stored.
            "JobDefinitions.masked",
            // A job's last outcome (the dashboard's, from its snapshot thread), whether executions are being written,
            // and a wait until what was recorded is written.
            "ExecutionHistory.lastRun",
            "ExecutionHistory.health",
            "ExecutionHistory.flush",
            // The lost-node check's own call (the nodes module's thread, no user): ends a lost node's executions.
            "ExecutionHistory.endRunsOfLostNodes",
            // The cluster's snapshot, in memory, for the dashboard and the Nodes page (as SchedulerMonitor.status).
            "ClusterStatus.current",
            // Executions running now, in memory (as JobOverviewService.running), and a job's typical duration.
            "LiveExecutions.readLog",
            "LiveExecutions.findProgress",
            "ExecutionHistory.typicalDuration",
            // Whether retries are being scheduled: two counters in memory, for the dashboard's notices.
            "JobOverviewService.retryHealth",
            // Checks an alert rule draft in the reader's language: pure computation, nothing stored.
            "Alerts.check",
            "AuditLog.record",
            "AuditLog.flush",
            "AuditLog.health");

    /** Names a READ may have: a method named anything else is taken to change something. */
    static final Pattern READ_NAMES = Pattern.compile("(load|get|find|search|status|list|read)([A-Z].*)?");

    /** Route path → the least role that may open it (null = anyone). */
    static final Map<String, @Nullable Role> ROUTES = Map.ofEntries(
            Map.entry("", Role.VIEWER),
            Map.entry("audit", Role.ADMIN),
            Map.entry("history", Role.VIEWER),
            Map.entry("executions/:id", Role.VIEWER),
            Map.entry("jobs/new", Role.ADMIN),
            Map.entry("jobs/:group/:name", Role.VIEWER),
            Map.entry("jobs/:group/:name/edit", Role.ADMIN),
            Map.entry("jobs/:group/:name/copy", Role.ADMIN),
            Map.entry("jobs", Role.VIEWER),
            Map.entry("calendars", Role.VIEWER),
            Map.entry("calendars/new", Role.ADMIN),
            Map.entry("calendars/:name/edit", Role.ADMIN),
            Map.entry("upcoming", Role.VIEWER),
            Map.entry("definitions", Role.ADMIN),
            Map.entry("tokens", Role.VIEWER),
            Map.entry("nodes", Role.VIEWER),
            Map.entry("alerts", Role.ADMIN),
            Map.entry("alerts/rules", Role.ADMIN));

    /** Refused by its checks once allowed (no URL), so that the matrix creates nothing. */
    static final JobDefinition REFUSED_DEFINITION = new JobDefinition(
            "none", "none", "", JobDefinition.JobType.HTTP, Map.of(), "0 0 * * * ?", java.time.ZoneOffset.UTC);

    /** Refused by its checks once allowed (no dates), so that the matrix creates nothing. */
    static final CalendarDraft REFUSED_CALENDAR =
            new CalendarDraft("none", "", JobCalendar.Kind.HOLIDAYS, "UTC", "", "", "", false, "");

    /** Which filter chain answers: the API (HTTP Basic, no session) or the UI (form login, session). */
    enum Chain {
        API,
        UI
    }

    /**
     * An HTTP handler's expectation, keyed by {@code METHOD pattern} as Spring MVC maps it ({@code *} for any method):
     * the request that exercises it, the least role (null = anyone), the status when allowed, and the chain. Refused:
     * 401 (API) or a redirect to the login page (UI) for anonymous callers, 403 for a role too low.
     */
    record Endpoint(String method, String path, @Nullable Role needs, int allowedStatus, Chain chain) {}

    /** The REST API's endpoints under /api/v1 are {@link ApiAccessMatrixTest}'s, with the requests each needs. */
    static final Map<String, Endpoint> ENDPOINTS = Map.of(
            "* /api/**", new Endpoint("GET", "/api/nope", Role.VIEWER, 404, Chain.API),
            "GET /login", new Endpoint("GET", "/login", null, 200, Chain.UI),
            "POST /live/receipts", new Endpoint("POST", "/live/receipts", Role.VIEWER, 204, Chain.UI),
            // Spring Boot's error page only renders errors; asked for directly, it is refused to everyone (Vaadin's
            // configurer denies what it does not know): written as "ADMIN is allowed, and gets a 403".
            "* /error", new Endpoint("GET", "/error", Role.ADMIN, 403, Chain.UI),
            // The API's OpenAPI description and Swagger UI (springdoc), for logged-in users.
            "GET /v3/api-docs", new Endpoint("GET", "/v3/api-docs", Role.VIEWER, 200, Chain.UI),
            "GET /v3/api-docs.yaml", new Endpoint("GET", "/v3/api-docs.yaml", Role.VIEWER, 200, Chain.UI),
            "GET /v3/api-docs/swagger-config",
                    new Endpoint("GET", "/v3/api-docs/swagger-config", Role.VIEWER, 200, Chain.UI),
            "GET /swagger-ui.html", new Endpoint("GET", "/swagger-ui.html", Role.VIEWER, 302, Chain.UI));

    /** Actuator endpoints (they have their own handler mapping). */
    static final List<Endpoint> ACTUATOR = List.of(
            new Endpoint("GET", "/actuator/health", null, 200, Chain.UI),
            new Endpoint("GET", "/actuator/health/liveness", null, 200, Chain.UI),
            new Endpoint("GET", "/actuator/info", Role.ADMIN, 200, Chain.UI),
            // Metrics: a chain of its own that answers like the API's (JSON 401/403, HTTP Basic, tokens).
            new Endpoint("GET", "/actuator/prometheus", Role.ADMIN, 200, Chain.API));

    static final Set<String> UNSAFE = Set.of("POST", "PUT", "DELETE", "PATCH", "*");

    /**
     * Posts that change nothing a role guards, so every logged-in user may send them: a live update's receipt only says
     * when that user's own tab may have its next update (LiveReceipts).
     */
    static final Set<String> NOT_WRITES = Set.of("POST /live/receipts");

    static final Path DATA = JobdeckApp.newDataDir();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        Isolated.quietApp(registry, DATA);
    }

    @Autowired
    ApplicationContext context;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping handlers;

    @Autowired
    SchedulerControl control;

    @Autowired
    JobCommands jobs;

    @Autowired
    io.jobdeck.alerts.Alerts alerts;

    @Autowired
    AuditLog audit;

    @Autowired
    JobDefinitions definitions;

    @Autowired
    JobList jobList;

    @Autowired
    JobCalendars calendars;

    @Autowired
    UpcomingFires upcomingFires;

    @Autowired
    JobsAsCode jobsAsCode;

    @Autowired
    UserPreferences prefs;

    @Autowired
    ExecutionHistory history;

    @Autowired
    ClusterStatus cluster;

    @Autowired
    ApiTokens tokens;

    @Autowired
    ExecutionStats stats;

    @Autowired
    AccessAnnotationChecker accessChecker;

    @LocalServerPort
    int port;

    @AfterEach
    void logout() {
        As.nobody();
    }

    @Test
    void every_secured_method_of_every_bean_has_an_expectation() {
        assertThat(securedMethods().keySet())
                .as("@PreAuthorize methods of the application's beans (add an expectation to ACTIONS)")
                .containsExactlyInAnyOrderElementsOf(ACTIONS.keySet());
    }

    @Test
    void nothing_that_writes_is_open_to_a_viewer_or_listed_as_a_read() {
        securedMethods().forEach((name, method) -> {
            Action expected = ACTIONS.get(name);
            if (expected == null) {
                return; // reported by every_secured_method_of_every_bean_has_an_expectation
            }
            if (AnnotatedElementUtils.hasAnnotation(method, Audited.class)) {
                assertThat(expected.kind())
                        .as(name + " is @Audited, so it writes")
                        .isIn(Kind.WRITE, Kind.OWN_SETTINGS);
            }
            if (expected.kind() == Kind.READ) {
                assertThat(method.getName()).as(name + " is listed as a read").matches(READ_NAMES);
            }
            if (expected.kind() == Kind.WRITE) {
                assertThat(expected.needs()).as(name + " writes").isGreaterThanOrEqualTo(Role.OPERATOR);
            }
            assertThat(declaredRole(method)).as(name + "'s @PreAuthorize").isEqualTo(expected.needs());
        });
    }

    @ParameterizedTest
    @EnumSource(Who.class)
    void each_secured_method_is_allowed_exactly_for_its_roles(Who who) {
        ACTIONS.forEach((name, action) -> {
            if (who.role == null) {
                As.nobody();
            } else {
                As.user(who.role);
            }
            String what = who + " → " + name;
            if (who.atLeast(action.needs())) {
                assertThatCode(() -> action.call().run(this)).as(what).doesNotThrowAnyException();
            } else {
                assertThatThrownBy(() -> action.call().run(this))
                        .as(what)
                        .isInstanceOfAny(AccessDeniedException.class, AuthenticationException.class);
            }
        });
    }

    @Test
    void every_public_service_method_is_secured_or_a_known_open_read() {
        Set<String> unlisted = new TreeSet<>();
        for (Class<?> type : applicationBeanTypes()) {
            if (!AnnotatedElementUtils.hasAnnotation(type, Service.class)) {
                continue;
            }
            for (Method m : type.getDeclaredMethods()) {
                String name = type.getSimpleName() + "." + m.getName();
                if (Modifier.isPublic(m.getModifiers())
                        && !m.isSynthetic()
                        && !m.getName().equals("destroy")
                        && !ACTIONS.containsKey(name)
                        && !OPEN_READS.contains(name)) {
                    unlisted.add(name);
                }
            }
        }
        assertThat(unlisted)
                .as("public service methods that are neither secured (ACTIONS) nor OPEN_READS")
                .isEmpty();
    }

    @Test
    void every_http_handler_has_an_expectation() {
        assertThat(handlerKeys())
                .as("Spring MVC handlers (add an expectation to ENDPOINTS, or to ApiAccessMatrixTest under /api/v1)")
                .containsExactlyInAnyOrderElementsOf(ENDPOINTS.keySet());
    }

    @Test
    void no_handler_that_takes_a_write_answers_a_viewer_with_success() {
        for (String key : handlerKeys()) {
            String method = key.substring(0, key.indexOf(' '));
            if (!UNSAFE.contains(method) || NOT_WRITES.contains(key)) {
                continue;
            }
            Endpoint expected = ENDPOINTS.get(key);
            assertThat(expected).as(key).isNotNull();
            if (!method.equals("*")) {
                assertThat(expected.needs()).as(key + " writes").isGreaterThanOrEqualTo(Role.OPERATOR);
            }
            String send = method.equals("*") ? "POST" : method;
            int status = status(new Endpoint(send, expected.path(), null, 0, expected.chain()), Who.VIEWER);
            assertThat(status / 100)
                    .as("VIEWER → " + send + " " + expected.path() + ": " + status)
                    .isNotEqualTo(2);
        }
    }

    @ParameterizedTest
    @EnumSource(Who.class)
    void each_http_handler_answers_by_role(Who who) {
        List<Endpoint> all = new ArrayList<>(ENDPOINTS.values());
        all.addAll(ACTUATOR);
        for (Endpoint e : all) {
            int refused = who.role != null ? 403 : e.chain() == Chain.API ? 401 : 302;
            int expected = who.atLeast(e.needs()) ? e.allowedStatus() : refused;
            assertThat(status(e, who))
                    .as(who + " → " + e.method() + " " + e.path())
                    .isEqualTo(expected);
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

    @Test
    void every_route_is_in_the_matrix() throws Exception {
        Set<String> paths = routeClasses().stream()
                .map(c -> c.getAnnotation(Route.class).value())
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(paths).isEqualTo(new TreeSet<>(ROUTES.keySet()));
    }

    /** The {@code @PreAuthorize} methods of the application's beans, by {@code Class.method}. */
    private Map<String, Method> securedMethods() {
        Map<String, Method> secured = new TreeMap<>();
        for (Class<?> type : applicationBeanTypes()) {
            for (Method m : ReflectionUtils.getUniqueDeclaredMethods(type, ReflectionUtils.USER_DECLARED_METHODS)) {
                if (AnnotatedElementUtils.hasAnnotation(m, PreAuthorize.class)
                        || AnnotatedElementUtils.hasAnnotation(m.getDeclaringClass(), PreAuthorize.class)) {
                    secured.put(type.getSimpleName() + "." + m.getName(), m);
                }
            }
        }
        return secured;
    }

    /** The classes of the application's own beans (behind any proxy). */
    private Set<Class<?>> applicationBeanTypes() {
        Set<Class<?>> types = new HashSet<>();
        for (String name : context.getBeanDefinitionNames()) {
            Class<?> type = context.getType(name);
            if (type != null) {
                Class<?> user = ClassUtils.getUserClass(type);
                if (user.getName().startsWith("io.jobdeck.")) {
                    types.add(user);
                }
            }
        }
        return types;
    }

    /**
     * Spring MVC's handlers as {@code METHOD pattern}, {@code *} where any method is mapped; those under /api/v1 are
     * {@link ApiAccessMatrixTest}'s.
     */
    private Set<String> handlerKeys() {
        Set<String> keys = new TreeSet<>();
        handlers.getHandlerMethods().forEach((info, handler) -> {
            Set<String> methods = info.getMethodsCondition().getMethods().stream()
                    .map(RequestMethod::name)
                    .collect(Collectors.toSet());
            for (String pattern : info.getPatternValues()) {
                if (ApiAccessMatrixTest.isApi(pattern)) {
                    continue;
                }
                if (methods.isEmpty()) {
                    keys.add("* " + pattern);
                }
                methods.forEach(m -> keys.add(m + " " + pattern));
            }
        });
        return keys;
    }

    /** The role a {@code @PreAuthorize} expression requires, read against {@link Permissions}. */
    private static @Nullable Role declaredRole(Method method) {
        PreAuthorize pre = AnnotatedElementUtils.findMergedAnnotation(method, PreAuthorize.class);
        String expression = pre == null ? "" : pre.value();
        return switch (expression) {
            case Permissions.VIEW -> Role.VIEWER;
            case Permissions.OPERATE -> Role.OPERATOR;
            case Permissions.ADMINISTER -> Role.ADMIN;
            default -> null;
        };
    }

    /** The status of a request as {@code who}: HTTP Basic on the API, a logged-in session on the UI. */
    private int status(Endpoint e, Who who) {
        if (e.chain() == Chain.UI) {
            return session(who).request(e.method(), e.path()).statusCode();
        }
        return RestClient.builder()
                .baseUrl("http://localhost:" + port)
                .build()
                .method(HttpMethod.valueOf(e.method()))
                .uri(e.path())
                .headers(h -> {
                    if (who.role != null) {
                        String user = who.role.name().toLowerCase();
                        h.setBasicAuth(user, user + "-pass");
                    }
                })
                .exchange((req, res) -> res.getStatusCode().value());
    }

    private final Map<Who, WebClient> sessions = new EnumMap<>(Who.class);

    private WebClient session(Who who) {
        return sessions.computeIfAbsent(who, w -> {
            WebClient client = new WebClient(port);
            if (w.role != null) {
                String user = w.role.name().toLowerCase();
                assertThat(WebClient.location(client.login(user, user + "-pass")))
                        .doesNotContain("/login");
            }
            return client;
        });
    }

    private static List<Class<?>> routeClasses() throws ClassNotFoundException {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(Route.class));
        List<Class<?>> found = new ArrayList<>();
        for (var candidate : scanner.findCandidateComponents("io.jobdeck")) {
            found.add(Class.forName(candidate.getBeanClassName()));
        }
        return found;
    }
}
