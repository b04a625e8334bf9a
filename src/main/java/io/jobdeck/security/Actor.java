package io.jobdeck.security;

import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Who does something, and from which address: read on the caller's thread, carried to the thread that does it.
 *
 * @param name    the user name, or "system" for Jobdeck itself; for a request made with an API token, the user name
 *                and the token's name: {@code admin (token ci-deploy)}
 * @param address the client address the user logged in from, or null
 */
public record Actor(String name, @Nullable String address) {

    public static final Actor SYSTEM = new Actor("system", null);

    /** The user of the current thread's security context, or {@link #SYSTEM}. */
    public static Actor current() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || auth instanceof AnonymousAuthenticationToken || !auth.isAuthenticated()) {
            return SYSTEM;
        }
        return of(auth);
    }

    /** The user of an authentication, and the API token they used if any. */
    public static Actor of(Authentication auth) {
        String name = auth instanceof ApiTokenAuthentication token
                ? token.getName() + " (token " + token.tokenName() + ")"
                : auth.getName();
        return new Actor(name, address(auth));
    }

    private static @Nullable String address(Authentication auth) {
        return auth.getDetails() instanceof WebAuthenticationDetails details ? details.getRemoteAddress() : null;
    }
}
