package io.jobdeck.jobs.code;

import io.jobdeck.security.Role;
import java.util.concurrent.Callable;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Work that Jobdeck does by itself as an administrator (a definitions file at startup, a command on the command line):
 * through the same services, role checks and audit trail as a person, under a name that says where it came from.
 */
final class SystemUser {

    private SystemUser() {}

    static <T> T call(String name, Callable<T> work) throws Exception {
        SecurityContext before = SecurityContextHolder.getContext();
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                name, "n/a", AuthorityUtils.createAuthorityList(Role.ADMIN.authorities())));
        SecurityContextHolder.setContext(context);
        try {
            return work.call();
        } finally {
            SecurityContextHolder.setContext(before);
        }
    }
}
