package io.jobdeck.security.internal;

import io.jobdeck.security.Actor;
import io.jobdeck.security.AuditAction;
import io.jobdeck.security.AuditLog;
import io.jobdeck.security.AuditOutcome;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/** Records logins and failed logins in the audit trail. */
class AuditingAuthenticationManager implements AuthenticationManager {

    private final AuthenticationManager delegate;
    private final AuditLog audit;
    private final boolean recordSuccess;

    AuditingAuthenticationManager(AuthenticationManager delegate, AuditLog audit, boolean recordSuccess) {
        this.delegate = delegate;
        this.audit = audit;
        this.recordSuccess = recordSuccess;
    }

    @Override
    public Authentication authenticate(Authentication request) throws AuthenticationException {
        Actor who = new Actor(request.getName(), address(request.getDetails()));
        try {
            Authentication result = delegate.authenticate(request);
            if (recordSuccess) {
                audit.record(who, AuditAction.LOGIN, who.name(), AuditOutcome.SUCCESS, null);
            }
            return result;
        } catch (AuthenticationException e) {
            audit.record(who, AuditAction.LOGIN_FAILED, who.name(),
                    e instanceof LockedException ? AuditOutcome.DENIED : AuditOutcome.FAILED, e.getMessage());
            throw e;
        }
    }

    private static @Nullable String address(@Nullable Object details) {
        return details instanceof WebAuthenticationDetails web ? web.getRemoteAddress() : null;
    }
}
