package io.jobdeck.security.internal;

import io.jobdeck.security.Actor;
import io.jobdeck.security.AuditAction;
import io.jobdeck.security.AuditLog;
import io.jobdeck.security.AuditOutcome;
import java.util.Map;
import org.aopalliance.intercept.MethodInvocation;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.security.authorization.AuthorizationEventPublisher;
import org.springframework.security.authorization.SpringAuthorizationEventPublisher;
import org.springframework.security.authorization.event.AuthorizationDeniedEvent;

/** Records service calls that method security refused, so a viewer poking at an action leaves a trace. */
@Configuration(proxyBeanMethods = false)
class DeniedActionAuditor {

    private static final Map<String, AuditAction> ACTIONS = Map.of(
            "start", AuditAction.START,
            "stop", AuditAction.STOP,
            "pause", AuditAction.PAUSE,
            "resume", AuditAction.RESUME,
            "runNow", AuditAction.RUN_NOW,
            "interrupt", AuditAction.INTERRUPT,
            "delete", AuditAction.DELETE);

    private final AuditLog audit;

    DeniedActionAuditor(AuditLog audit) {
        this.audit = audit;
    }

    @Bean
    static AuthorizationEventPublisher authorizationEventPublisher(ApplicationEventPublisher publisher) {
        return new SpringAuthorizationEventPublisher(publisher);
    }

    @EventListener
    void denied(AuthorizationDeniedEvent<?> event) {
        if (event.getObject() instanceof MethodInvocation call) {
            AuditAction action = call.getMethod().getName().equals("submit") && call.getArguments().length == 1
                    ? AuditAction.valueOf(String.valueOf(call.getArguments()[0])) // a LifecycleCommand, same names
                    : ACTIONS.get(call.getMethod().getName());
            if (action != null) {
                String target = call.getMethod().getDeclaringClass().getSimpleName() + "." + call.getMethod().getName();
                audit.record(Actor.current(), action, target, AuditOutcome.DENIED, "Role does not allow this action");
            }
        }
    }
}
