package io.jobdeck.audit.internal;

import io.jobdeck.audit.AuditAction;
import io.jobdeck.audit.AuditLog;
import io.jobdeck.audit.AuditOutcome;
import io.jobdeck.security.Actor;
import org.jspecify.annotations.Nullable;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.authentication.event.LogoutSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Logins, failed logins and logouts, from the events Spring Security publishes. (Each API request authenticates
 * anew, so the API publishes failures only; a successful login is a UI login.)
 */
@Component
class SecurityEventAuditor {

    private final AuditLog audit;

    SecurityEventAuditor(AuditLog audit) {
        this.audit = audit;
    }

    @EventListener
    void loggedIn(AuthenticationSuccessEvent event) {
        Actor who = actor(event.getAuthentication());
        audit.record(who, AuditAction.LOGIN, who.name(), AuditOutcome.SUCCESS, null);
    }

    @EventListener
    void failed(AbstractAuthenticationFailureEvent event) {
        Actor who = actor(event.getAuthentication());
        boolean locked = event.getException() instanceof LockedException;
        audit.record(
                who,
                AuditAction.LOGIN_FAILED,
                who.name(),
                locked ? AuditOutcome.DENIED : AuditOutcome.FAILED,
                event.getException().getMessage());
    }

    @EventListener
    void loggedOut(LogoutSuccessEvent event) {
        Actor who = actor(event.getAuthentication());
        audit.record(who, AuditAction.LOGOUT, who.name(), AuditOutcome.SUCCESS, null);
    }

    private static Actor actor(Authentication auth) {
        return new Actor(auth.getName(), address(auth.getDetails()));
    }

    private static @Nullable String address(@Nullable Object details) {
        return details instanceof WebAuthenticationDetails web ? web.getRemoteAddress() : null;
    }
}
