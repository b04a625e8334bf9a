package io.jobdeck.security;

import java.util.Collection;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;

/**
 * A request authenticated by an API token: the principal is the token's owner (their user name), with the token's
 * role; the token's name goes with it, so that the audit trail says which token acted ({@link Actor#of}).
 */
public final class ApiTokenAuthentication extends AbstractAuthenticationToken {

    private final String username;
    private final String tokenName;
    private final Role role;

    public ApiTokenAuthentication(
            String username,
            String tokenName,
            Role role,
            Collection<? extends GrantedAuthority> authorities,
            @Nullable Object details) {
        super(authorities);
        this.username = username;
        this.tokenName = tokenName;
        this.role = role;
        setDetails(details);
        setAuthenticated(true);
    }

    @Override
    public String getName() {
        return username;
    }

    @Override
    public Object getPrincipal() {
        return username;
    }

    /** Never the secret: it is not kept after the check. */
    @Override
    public @Nullable Object getCredentials() {
        return null;
    }

    public String tokenName() {
        return tokenName;
    }

    /** The role this request acts with: the token's, capped at its owner's current role. */
    public Role role() {
        return role;
    }
}
