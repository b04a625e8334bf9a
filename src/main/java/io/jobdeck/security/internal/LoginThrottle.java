package io.jobdeck.security.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.jobdeck.security.SecurityProperties;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Failed-login throttling, in memory and bounded whatever is sent: three Caffeine caches, each capped at
 * {@link #MAX_ENTRIES} entries that expire once they no longer matter. A client is an IPv4 address or an IPv6 /64
 * network (one host usually holds a whole /64).
 *
 * <ul>
 *   <li><b>Name, for one client</b>: {@code max-failures} failures within {@code window} lock the name for that client
 *       for {@code duration}. One abusive client therefore cannot lock a user out of anywhere else.
 *   <li><b>Name, for everyone</b>: when the last {@code max-failures} failures for a name within the window came from
 *       at least {@code clients-to-lock-for-all} different clients (a distributed guess), the name is locked for
 *       everyone for {@code duration}, so that many clients cannot add up their guesses.
 *   <li><b>Client</b>: after {@code client-max-failures} failures within the window, whatever the names, each further
 *       failure doubles a wait (1 s, 2 s, 4 s … at most {@code duration}) during which the client's logins are refused
 *       without looking at the password. This stops spraying one password over many names.
 * </ul>
 *
 * Over-long input counts against the client only: nothing is stored under a name that could never be valid.
 */
@Component
public class LoginThrottle {

    /** Entries per cache; a name key is at most {@link SecurityProperties.User#MAX_USERNAME} characters. */
    static final int MAX_ENTRIES = 100_000;

    private static final Duration FIRST_WAIT = Duration.ofSeconds(1);
    private static final char SEPARATOR = '\u0000';

    /** Why a login is refused before its password is checked, and for how long. */
    public record Refusal(Reason reason, Duration remaining) {}

    public enum Reason {
        /** Too many failures for this user name. */
        NAME_LOCKED,
        /** Too many failures from this client, whatever the names. */
        CLIENT_WAITING
    }

    private final SecurityProperties.Lockout policy;
    private final Clock clock;
    private final Cache<String, PairFailures> pairs;
    private final Cache<String, NameFailures> names;
    private final Cache<String, ClientFailures> clients;

    LoginThrottle(SecurityProperties properties, Clock clock) {
        this.policy = properties.lockout();
        this.clock = clock;
        Duration keep = policy.window().compareTo(policy.duration()) > 0 ? policy.window() : policy.duration();
        this.pairs = cache(keep);
        this.names = cache(keep);
        this.clients = cache(keep);
    }

    private <V> Cache<String, V> cache(Duration keep) {
        return Caffeine.newBuilder()
                .maximumSize(MAX_ENTRIES)
                .expireAfterWrite(keep)
                // The injected clock, so that tests can move time; maintenance on the caller, so no extra thread.
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .executor(Runnable::run)
                .build();
    }

    /** Whether a login for {@code username} from {@code address} is refused before its password is checked. */
    public Optional<Refusal> refusal(String username, @Nullable String address) {
        Instant now = clock.instant();
        String client = client(address);
        ClientFailures c = clients.getIfPresent(client);
        if (c != null) {
            Optional<Duration> waiting = c.waiting(now);
            if (waiting.isPresent()) {
                return Optional.of(new Refusal(Reason.CLIENT_WAITING, waiting.get()));
            }
        }
        String name = name(username);
        NameFailures n = names.getIfPresent(name);
        PairFailures p = pairs.getIfPresent(pair(name, client));
        Optional<Duration> locked = longest(n == null ? null : n.lockedFor(now), p == null ? null : p.lockedFor(now));
        return locked.map(d -> new Refusal(Reason.NAME_LOCKED, d));
    }

    /** A wrong password (or unknown user) for {@code username} from {@code address}. */
    public void failed(String username, @Nullable String address) {
        Instant now = clock.instant();
        String client = client(address);
        String name = name(username);
        countClient(client, now);
        pairs.asMap().compute(pair(name, client), (k, p) -> {
            PairFailures failures = p == null ? new PairFailures() : p;
            failures.add(now, policy);
            return failures;
        });
        names.asMap().compute(name, (k, n) -> {
            NameFailures failures = n == null ? new NameFailures() : n;
            failures.add(now, client, policy);
            return failures;
        });
    }

    /** A login refused for its over-long input: counted against the client, never under the name. */
    public void refusedInput(@Nullable String address) {
        countClient(client(address), clock.instant());
    }

    /** A successful login clears that client's failures for the name (not the client's own count). */
    public void succeeded(String username, @Nullable String address) {
        String client = client(address);
        String name = name(username);
        pairs.invalidate(pair(name, client));
        names.asMap().computeIfPresent(name, (k, n) -> n.forget(client) ? null : n);
    }

    /** Entries held in all three caches (each is capped at {@link #MAX_ENTRIES}). */
    public long size() {
        pairs.cleanUp();
        names.cleanUp();
        clients.cleanUp();
        return pairs.estimatedSize() + names.estimatedSize() + clients.estimatedSize();
    }

    private void countClient(String client, Instant now) {
        clients.asMap().compute(client, (k, c) -> {
            ClientFailures failures = c == null ? new ClientFailures() : c;
            failures.add(now, policy);
            return failures;
        });
    }

    /** The client an address stands for: IPv4 as is, IPv6 by its /64 network. */
    static String client(@Nullable String address) {
        if (address == null || address.isEmpty()) {
            return "unknown";
        }
        if (address.indexOf(':') < 0) {
            return address;
        }
        try {
            // An IPv6 literal is parsed, never looked up.
            byte[] bytes = InetAddress.getByName(address).getAddress();
            if (bytes.length != 16) {
                return address;
            }
            Arrays.fill(bytes, 8, 16, (byte) 0);
            return InetAddress.getByAddress(bytes).getHostAddress() + "/64";
        } catch (UnknownHostException | SecurityException notAnAddress) {
            return address.length() > 64 ? address.substring(0, 64) : address;
        }
    }

    private static String name(String username) {
        return username.strip().toLowerCase(Locale.ROOT);
    }

    private static String pair(String name, String client) {
        return name + SEPARATOR + client;
    }

    private static Optional<Duration> longest(@Nullable Duration a, @Nullable Duration b) {
        if (a == null) {
            return Optional.ofNullable(b);
        }
        return Optional.of(b == null || a.compareTo(b) >= 0 ? a : b);
    }

    private static @Nullable Duration remaining(@Nullable Instant until, Instant now) {
        return until != null && now.isBefore(until) ? Duration.between(now, until) : null;
    }

    /** One name's failures from one client: at most {@code max-failures} times. */
    private static final class PairFailures {
        private final Deque<Instant> times = new ArrayDeque<>();
        private @Nullable Instant lockedUntil;

        synchronized void add(Instant now, SecurityProperties.Lockout policy) {
            times.addLast(now);
            while (times.size() > policy.maxFailures() || times.getFirst().isBefore(now.minus(policy.window()))) {
                times.removeFirst();
            }
            if (times.size() >= policy.maxFailures()) {
                lockedUntil = now.plus(policy.duration());
                times.clear();
            }
        }

        synchronized @Nullable Duration lockedFor(Instant now) {
            return remaining(lockedUntil, now);
        }
    }

    /** One name's latest failures from any client: at most {@code max-failures} (time, client) pairs. */
    private static final class NameFailures {
        private record Failure(Instant at, String client) {}

        private final Deque<Failure> latest = new ArrayDeque<>();
        private @Nullable Instant lockedUntil;

        synchronized void add(Instant now, String client, SecurityProperties.Lockout policy) {
            latest.addLast(new Failure(now, client));
            while (latest.size() > policy.maxFailures()
                    || latest.getFirst().at().isBefore(now.minus(policy.window()))) {
                latest.removeFirst();
            }
            long distinct = latest.stream().map(Failure::client).distinct().count();
            if (latest.size() >= policy.maxFailures() && distinct >= policy.clientsToLockForAll()) {
                lockedUntil = now.plus(policy.duration());
                latest.clear();
            }
        }

        /** Forgets the client's failures; true when nothing is left to keep. */
        synchronized boolean forget(String client) {
            latest.removeIf(f -> f.client().equals(client));
            return latest.isEmpty() && lockedUntil == null;
        }

        synchronized @Nullable Duration lockedFor(Instant now) {
            return remaining(lockedUntil, now);
        }
    }

    /** One client's failures, whatever the names: a count within the window and an exponential wait past the budget. */
    private static final class ClientFailures {
        private int count;
        private @Nullable Instant last;
        private @Nullable Instant waitUntil;

        synchronized void add(Instant now, SecurityProperties.Lockout policy) {
            if (last != null && !now.isBefore(last.plus(policy.window()))) {
                count = 0;
            }
            last = now;
            count++;
            int over = count - policy.clientMaxFailures();
            if (over > 0) {
                Duration wait = over > 30 ? policy.duration() : FIRST_WAIT.multipliedBy(1L << (over - 1));
                waitUntil = now.plus(wait.compareTo(policy.duration()) > 0 ? policy.duration() : wait);
            }
        }

        synchronized Optional<Duration> waiting(Instant now) {
            return Optional.ofNullable(remaining(waitUntil, now));
        }
    }
}
