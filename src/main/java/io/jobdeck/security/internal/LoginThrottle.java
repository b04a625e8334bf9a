package io.jobdeck.security.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.jobdeck.security.SecurityProperties;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Failed-login throttling, in memory and bounded whatever is sent: three Caffeine caches, each capped at
 * {@link #MAX_ENTRIES} small fixed-size entries (names are kept as hashes) that expire once they no longer matter. A
 * client is an IPv4 address or an IPv6 /64 network (one host usually holds a whole /64).
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

    /** Entries per cache. */
    static final int MAX_ENTRIES = 100_000;

    private static final Duration FIRST_WAIT = Duration.ofSeconds(1);

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
    private final Cache<Key, PairFailures> pairs;
    private final Cache<Key, NameFailures> names;
    private final Cache<String, ClientFailures> clients;

    LoginThrottle(SecurityProperties properties, Clock clock) {
        this.policy = properties.lockout();
        this.clock = clock;
        Duration keep = policy.window().compareTo(policy.duration()) > 0 ? policy.window() : policy.duration();
        this.pairs = cache(keep);
        this.names = cache(keep);
        this.clients = cache(keep);
    }

    private <K, V> Cache<K, V> cache(Duration keep) {
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
        long now = clock.millis();
        String client = client(address);
        ClientFailures c = clients.getIfPresent(client);
        long waitUntil = c == null ? 0 : c.waitUntil();
        if (waitUntil > now) {
            return Optional.of(new Refusal(Reason.CLIENT_WAITING, Duration.ofMillis(waitUntil - now)));
        }
        String name = name(username);
        NameFailures n = names.getIfPresent(Key.of(name));
        PairFailures p = pairs.getIfPresent(Key.of(name, client));
        long lockedUntil = Math.max(n == null ? 0 : n.lockedUntil(), p == null ? 0 : p.lockedUntil());
        return lockedUntil > now
                ? Optional.of(new Refusal(Reason.NAME_LOCKED, Duration.ofMillis(lockedUntil - now)))
                : Optional.empty();
    }

    /** A wrong password (or unknown user) for {@code username} from {@code address}. */
    public void failed(String username, @Nullable String address) {
        long now = clock.millis();
        String client = client(address);
        String name = name(username);
        countClient(client, now);
        pairs.asMap().compute(Key.of(name, client), (k, p) -> {
            PairFailures failures = p == null ? new PairFailures(policy.maxFailures()) : p;
            failures.add(now, policy);
            return failures;
        });
        long clientId = Key.of(client).high();
        names.asMap().compute(Key.of(name), (k, n) -> {
            NameFailures failures = n == null ? new NameFailures(policy.maxFailures()) : n;
            failures.add(now, clientId, policy);
            return failures;
        });
    }

    /** A login refused for its over-long input: counted against the client, never under the name. */
    public void refusedInput(@Nullable String address) {
        countClient(client(address), clock.millis());
    }

    /** A successful login clears that client's failures for the name (not the client's own count). */
    public void succeeded(String username, @Nullable String address) {
        String client = client(address);
        String name = name(username);
        pairs.invalidate(Key.of(name, client));
        long clientId = Key.of(client).high();
        names.asMap().computeIfPresent(Key.of(name), (k, n) -> n.forget(clientId) ? null : n);
    }

    /** Entries held in all three caches (each is capped at {@link #MAX_ENTRIES}). */
    public long size() {
        pairs.cleanUp();
        names.cleanUp();
        clients.cleanUp();
        return pairs.estimatedSize() + names.estimatedSize() + clients.estimatedSize();
    }

    private void countClient(String client, long now) {
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
            return address.length() > 64 ? address.substring(0, 64) : address;
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

    /**
     * A name (or name and client) as 128 bits of its SHA-256: a fixed 32 bytes per entry however long the name, and
     * keys an attacker cannot make collide.
     */
    private record Key(long high, long low) {
        static Key of(String... parts) {
            try {
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                for (String part : parts) {
                    sha.update(part.getBytes(StandardCharsets.UTF_8));
                    sha.update((byte) 0);
                }
                ByteBuffer digest = ByteBuffer.wrap(sha.digest());
                return new Key(digest.getLong(), digest.getLong());
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("Every Java runtime has SHA-256", e);
            }
        }
    }

    /** The latest {@code max-failures} failure times of one name from one client, in a ring. */
    private static final class PairFailures {
        private final long[] times;
        private int next;
        private long lockedUntil;

        PairFailures(int size) {
            times = new long[size];
            Arrays.fill(times, Long.MIN_VALUE);
        }

        synchronized void add(long now, SecurityProperties.Lockout policy) {
            times[next] = now;
            next = (next + 1) % times.length;
            if (allWithin(times, now - policy.window().toMillis())) {
                lockedUntil = now + policy.duration().toMillis();
                Arrays.fill(times, Long.MIN_VALUE);
            }
        }

        synchronized long lockedUntil() {
            return lockedUntil;
        }
    }

    /** The latest {@code max-failures} failures of one name from any client: times and client ids, in a ring. */
    private static final class NameFailures {
        private final long[] times;
        private final long[] clients;
        private int next;
        private long lockedUntil;

        NameFailures(int size) {
            times = new long[size];
            clients = new long[size];
            Arrays.fill(times, Long.MIN_VALUE);
        }

        synchronized void add(long now, long client, SecurityProperties.Lockout policy) {
            times[next] = now;
            clients[next] = client;
            next = (next + 1) % times.length;
            if (allWithin(times, now - policy.window().toMillis())
                    && Arrays.stream(clients).distinct().count() >= policy.clientsToLockForAll()) {
                lockedUntil = now + policy.duration().toMillis();
                Arrays.fill(times, Long.MIN_VALUE);
            }
        }

        /** Forgets the client's failures; true when nothing is left to keep. */
        synchronized boolean forget(long client) {
            boolean any = false;
            for (int i = 0; i < times.length; i++) {
                if (clients[i] == client) {
                    times[i] = Long.MIN_VALUE;
                }
                any |= times[i] != Long.MIN_VALUE;
            }
            return !any && lockedUntil == 0;
        }

        synchronized long lockedUntil() {
            return lockedUntil;
        }
    }

    private static boolean allWithin(long[] times, long since) {
        for (long t : times) {
            if (t < since) {
                return false;
            }
        }
        return true;
    }

    /** One client's failures, whatever the names: a count within the window and an exponential wait past the budget. */
    private static final class ClientFailures {
        private int count;
        private long last = Long.MIN_VALUE;
        private long waitUntil;

        synchronized void add(long now, SecurityProperties.Lockout policy) {
            if (last != Long.MIN_VALUE && now - last >= policy.window().toMillis()) {
                count = 0;
            }
            last = now;
            count++;
            int over = count - policy.clientMaxFailures();
            if (over > 0) {
                long longest = policy.duration().toMillis();
                long wait = over > 30 ? longest : FIRST_WAIT.toMillis() << (over - 1);
                waitUntil = now + Math.min(wait, longest);
            }
        }

        synchronized long waitUntil() {
            return waitUntil;
        }
    }
}
