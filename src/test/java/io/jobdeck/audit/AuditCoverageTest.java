package io.jobdeck.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jobdeck.scheduler.SchedulerControl;
import io.jobdeck.security.Role;
import io.jobdeck.testing.As;
import io.jobdeck.testing.Isolated;
import io.jobdeck.testing.JobdeckApp;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.authentication.event.LogoutSuccessEvent;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Every kind of audit record can actually be made: each {@link AuditAction} is produced by an {@code @Audited} method
 * of the running application, or by the login auditor when Spring Security reports a login, a failed login or a
 * logout. An action nothing produces would be a filter in the audit view that never finds anything. And a refused
 * action reads the same in the trail as a successful one: same action, same target, another outcome.
 */
@SpringBootTest
class AuditCoverageTest {

    static final Path DATA = JobdeckApp.newDataDir();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        Isolated.quietApp(registry, DATA);
        registry.add("spring.quartz.scheduler-name", () -> "jobdeck-audit-coverage-test");
    }

    @Autowired
    ApplicationContext context;

    @Autowired
    AuditLog audit;

    @Autowired
    SchedulerControl control;

    @AfterEach
    void logout() {
        As.nobody();
    }

    @Test
    void every_audit_action_is_produced_by_an_audited_method_or_by_the_login_auditor() throws Exception {
        Set<AuditAction> produced = EnumSet.noneOf(AuditAction.class);
        produced.addAll(auditedMethodActions());
        produced.addAll(loginAuditorActions());

        assertThat(produced).containsExactlyInAnyOrder(AuditAction.values());
    }

    @Test
    void a_viewers_refused_stop_and_an_operators_stop_name_the_same_target() throws Exception {
        As.user(Role.VIEWER);
        assertThatThrownBy(control::stop).isInstanceOf(AccessDeniedException.class);
        As.user(Role.OPERATOR);
        control.stop().toCompletableFuture().get(10, TimeUnit.SECONDS);
        audit.flush().toCompletableFuture().get(10, TimeUnit.SECONDS);

        As.user(Role.ADMIN);
        List<AuditEntry> stops = audit.search(new AuditFilter(null, AuditAction.STOP, null, null, null), 0, 50)
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS)
                .entries();

        AuditEntry refused = only(stops, "viewer");
        AuditEntry done = only(stops, "operator");
        assertThat(refused.outcome()).isEqualTo(AuditOutcome.DENIED);
        assertThat(done.outcome()).isEqualTo(AuditOutcome.SUCCESS);
        assertThat(refused.target()).isEqualTo(done.target()).isEqualTo("scheduler " + control.schedulerName());
    }

    private static AuditEntry only(List<AuditEntry> entries, String actor) {
        List<AuditEntry> mine =
                entries.stream().filter(e -> e.actor().equals(actor)).toList();
        assertThat(mine).as("STOP records by " + actor).hasSize(1);
        return mine.getFirst();
    }

    /** The actions declared by {@code @Audited} on the methods of the application's beans. */
    private Set<AuditAction> auditedMethodActions() {
        Set<AuditAction> actions = EnumSet.noneOf(AuditAction.class);
        for (String name : context.getBeanDefinitionNames()) {
            Class<?> type = context.getType(name);
            if (type == null || !ClassUtils.getUserClass(type).getName().startsWith("io.jobdeck.")) {
                continue;
            }
            ReflectionUtils.doWithMethods(ClassUtils.getUserClass(type), m -> {
                Audited audited = AnnotatedElementUtils.findMergedAnnotation(m, Audited.class);
                if (audited != null) {
                    actions.add(audited.value());
                }
            });
        }
        return actions;
    }

    /** What the trail records when Spring Security publishes its login, failed-login and logout events. */
    private Set<AuditAction> loginAuditorActions() throws Exception {
        String user = "coverage-probe";
        var token = UsernamePasswordAuthenticationToken.authenticated(
                user, "n/a", AuthorityUtils.createAuthorityList("ROLE_VIEWER"));
        context.publishEvent(new AuthenticationSuccessEvent(token));
        context.publishEvent(new AuthenticationFailureBadCredentialsEvent(
                UsernamePasswordAuthenticationToken.unauthenticated(user, "wrong"), new BadCredentialsException("no")));
        context.publishEvent(new LogoutSuccessEvent(token));
        audit.flush().toCompletableFuture().get(10, TimeUnit.SECONDS);

        As.user(Role.ADMIN);
        Set<AuditAction> actions = EnumSet.noneOf(AuditAction.class);
        audit.search(new AuditFilter(user, null, null, null, null), 0, 50)
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS)
                .entries()
                .forEach(e -> actions.add(e.action()));
        return actions;
    }
}
