package io.jobdeck.jobs.api;

import java.util.function.Supplier;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The caller of a request, to call secured services again from a stage's continuation, which runs on a service's
 * thread: the services check the role of whoever the thread's security context names.
 */
final class Caller {

    private final SecurityContext context;

    private Caller(SecurityContext context) {
        this.context = context;
    }

    /** The caller of the request being handled on this thread. */
    static Caller current() {
        return new Caller(SecurityContextHolder.getContext());
    }

    <T> T call(Supplier<T> work) {
        SecurityContext before = SecurityContextHolder.getContext();
        SecurityContextHolder.setContext(context);
        try {
            return work.get();
        } finally {
            SecurityContextHolder.setContext(before);
        }
    }
}
