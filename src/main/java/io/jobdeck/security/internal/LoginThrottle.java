package io.jobdeck.security.internal;

import io.jobdeck.security.SecurityProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** Counts failed logins per user name and locks the name for a while after too many. */
@Component
public class LoginThrottle {

    private final SecurityProperties.Lockout policy;
    private final Clock clock;
    private final Map<String, Failures> failures = new ConcurrentHashMap<>();

    LoginThrottle(SecurityProperties properties, Clock clock) {
        this.policy = properties.lockout();
        this.clock = clock;
    }

    /** How long the name stays locked, if it is locked now. */
    public Optional<Duration> lockedFor(String username) {
        Failures f = failures.get(key(username));
        if (f == null) {
            return Optional.empty();
        }
        synchronized (f) {
            Instant now = clock.instant();
            if (f.lockedUntil != null && now.isBefore(f.lockedUntil)) {
                return Optional.of(Duration.between(now, f.lockedUntil));
            }
            return Optional.empty();
        }
    }

    public void failed(String username) {
        Failures f = failures.computeIfAbsent(key(username), k -> new Failures());
        synchronized (f) {
            Instant now = clock.instant();
            f.times.addLast(now);
            while (!f.times.isEmpty() && f.times.peekFirst().isBefore(now.minus(policy.window()))) {
                f.times.removeFirst();
            }
            if (f.times.size() >= policy.maxFailures()) {
                f.lockedUntil = now.plus(policy.duration());
                f.times.clear();
            }
        }
    }

    public void succeeded(String username) {
        failures.remove(key(username));
    }

    private static String key(String username) {
        return username.strip().toLowerCase(Locale.ROOT);
    }

    private static final class Failures {
        private final Deque<Instant> times = new ArrayDeque<>();
        private @Nullable Instant lockedUntil;
    }
}
