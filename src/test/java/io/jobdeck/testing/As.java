package io.jobdeck.testing;

import io.jobdeck.security.Role;
import java.util.concurrent.Callable;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;

/** Runs test code as a logged-in user of a given role, the way a request thread would be. */
public final class As {

    private As() {}

    /** Makes the current thread a user with this role (name = the role in lower case). */
    public static void user(Role role) {
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                role.name().toLowerCase(), "n/a", AuthorityUtils.createAuthorityList(role.authorities())));
        SecurityContextHolder.setContext(context);
    }

    public static void nobody() {
        SecurityContextHolder.clearContext();
    }

    /** Runs {@code body} as a user of this role, then restores the thread's previous context. */
    public static <T> T call(Role role, Callable<T> body) throws Exception {
        SecurityContext before = SecurityContextHolder.getContext();
        try {
            user(role);
            return body.call();
        } finally {
            SecurityContextHolder.setContext(before);
        }
    }
}
