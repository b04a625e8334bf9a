package io.jobdeck.security.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.jobdeck.security.SecurityProperties;
import io.jobdeck.support.Errors;
import io.jobdeck.support.Threads;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Failed-login throttling, kept in the database ({@code JOBDECK_LOGIN_THROTTLE}) so that every node of a cluster counts
 * the same failures: a guesser who spreads attempts over the nodes gets no more tries than against one. Bounded whatever
 * is sent: one small row per name, per name and client and per client (names and clients are kept as hashes), each
 * expiring once it no longer matters, and at most {@link #MAX_ENTRIES} rows (beyond that the oldest rows that hold no
 * lock go first). A client is an IPv4 address or an IPv6 /64 network (one host usually holds a whole /64).
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
 * Each change is a compare-and-set on the row's version, so that nodes counting at once lose no failure. Locks this
 * node has seen are also kept in a small local cache, so that a refused flood costs no query. While the database fails,
 * the node throttles on its own, in memory, with the same rules (as a single node did before): a login never fails for
 * the throttle's sake, and guessing stays throttled. Over-long input counts against the client only: nothing is stored
 * under a name that could never be valid. Times are this node's clock: keep the nodes' clocks in step.
 */
@Component
public class LoginThrottle implements DisposableBean {

    /** Rows kept at most (and entries in each in-memory cache). */
    static final int MAX_ENTRIES = 100_000;

    private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);
    private static final Duration FIRST_WAIT = Duration.ofSeconds(1);
    private static final Duration CLEAN_EVERY = Duration.ofMinutes(1);
    private static final int ATTEMPTS = 10;

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
    private final JdbcClient jdbc;
    private final int maxEntries;
    private final long keep;
    /** Locks seen (key to locked-until): refused without a query while they last. Locks never end early. */
    private final Cache<String, Long> knownLocks;
    /** The state while the database fails. */
    private final Cache<String, Entry> fallback;

    /** The longest a login waits for the throttle's database call before it is judged in memory. */
    static final Duration DEADLINE = Duration.ofSeconds(1);

    private static final Duration PAUSE_AFTER_TIMEOUT = Duration.ofSeconds(5);

    private final ThreadPoolExecutor io = Threads.pool("jobdeck-login-throttle", 4, 200);
    private volatile long databaseSkippedUntil = Long.MIN_VALUE;
    private final AtomicLong writes = new AtomicLong();
    private final AtomicLong lastCleanup = new AtomicLong();
    private final AtomicLong lastWarning = new AtomicLong(Long.MIN_VALUE);

    @Autowired
    LoginThrottle(SecurityProperties properties, Clock clock, JdbcClient jdbc) {
        this(properties, clock, jdbc, MAX_ENTRIES);
    }

    LoginThrottle(SecurityProperties properties, Clock clock, JdbcClient jdbc, int maxEntries) {
        this.policy = properties.lockout();
        this.clock = clock;
        this.jdbc = jdbc;
        this.maxEntries = maxEntries;
        this.keep = Math.max(policy.window().toMillis(), policy.duration().toMillis());
        this.knownLocks = cache(maxEntries);
        this.fallback = cache(maxEntries);
        this.lastCleanup.set(clock.millis());
    }

    private <V> Cache<String, V> cache(int size) {
        return Caffeine.newBuilder()
                .maximumSize(size)
                .expireAfterWrite(Duration.ofMillis(keep))
                // The injected clock, so that tests can move time; maintenance on the caller, so no extra thread.
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .executor(Runnable::run)
                .build();
    }

    /** Whether a login for {@code username} from {@code address} is refused before its password is checked. */
    public Optional<Refusal> refusal(String username, @Nullable String address) {
        long now = clock.millis();
        String client = Kind.CLIENT.key(client(address));
        String name = name(username);
        String nameKey = Kind.NAME.key(name);
        String pairKey = Kind.PAIR.key(name, client(address));
        Optional<Refusal> known = refusal(now, client, nameKey, pairKey, key -> {
            Long until = knownLocks.getIfPresent(key);
            return until == null ? 0 : until;
        });
        if (known.isPresent()) {
            return known;
        }
        try {
            List<Lock> locks =
                    withDeadline(() -> jdbc.sql("SELECT THROTTLE_KEY, LOCKED_UNTIL FROM JOBDECK_LOGIN_THROTTLE"
                                    + " WHERE THROTTLE_KEY IN (?, ?, ?) AND LOCKED_UNTIL > ?")
                            .params(client, nameKey, pairKey, now)
                            .query((rs, n) -> new Lock(rs.getString(1), rs.getLong(2)))
                            .list());
            locks.forEach(lock -> knownLocks.put(lock.key(), lock.until()));
            return refusal(
                    now,
                    client,
                    nameKey,
                    pairKey,
                    key -> locks.stream()
                            .filter(lock -> lock.key().equals(key))
                            .mapToLong(Lock::until)
                            .max()
                            .orElse(0));
        } catch (DataAccessException e) {
            databaseFailed(now, e);
            return refusal(now, client, nameKey, pairKey, key -> {
                Entry entry = fallback.getIfPresent(key);
                return entry == null ? 0 : entry.lockedUntil;
            });
        }
    }

    private record Lock(String key, long until) {}

    private static Optional<Refusal> refusal(
            long now, String client, String name, String pair, ToLongFunction<String> lockedUntil) {
        long waitUntil = lockedUntil.applyAsLong(client);
        if (waitUntil > now) {
            return Optional.of(new Refusal(Reason.CLIENT_WAITING, Duration.ofMillis(waitUntil - now)));
        }
        long locked = Math.max(lockedUntil.applyAsLong(name), lockedUntil.applyAsLong(pair));
        return locked > now
                ? Optional.of(new Refusal(Reason.NAME_LOCKED, Duration.ofMillis(locked - now)))
                : Optional.empty();
    }

    /** A wrong password (or unknown user) for {@code username} from {@code address}. */
    public void failed(String username, @Nullable String address) {
        long now = clock.millis();
        String client = client(address);
        String name = name(username);
        countClient(client, now);
        change(Kind.PAIR.key(name, client), now, entry -> {
            entry.addPair(now, policy);
            return true;
        });
        long clientId = clientId(client);
        change(Kind.NAME.key(name), now, entry -> {
            entry.addName(now, clientId, policy);
            return true;
        });
        upkeep(now);
    }

    /** A login refused for its over-long input: counted against the client, never under the name. */
    public void refusedInput(@Nullable String address) {
        long now = clock.millis();
        countClient(client(address), now);
        upkeep(now);
    }

    /** A successful login clears that client's failures for the name (not the client's own count). */
    public void succeeded(String username, @Nullable String address) {
        long now = clock.millis();
        String client = client(address);
        String name = name(username);
        change(Kind.PAIR.key(name, client), now, entry -> false);
        long clientId = clientId(client);
        change(Kind.NAME.key(name), now, entry -> !entry.forget(clientId));
    }

    /** Rows held, once the expired ones are gone (plus what is held in memory while the database fails). */
    public long size() {
        long now = clock.millis();
        fallback.cleanUp();
        try {
            return withDeadline(() -> {
                        deleteExpired(now);
                        return jdbc.sql("SELECT COUNT(*) FROM JOBDECK_LOGIN_THROTTLE")
                                .query(Long.class)
                                .single();
                    })
                    + fallback.estimatedSize();
        } catch (DataAccessException e) {
            databaseFailed(now, e);
            return fallback.estimatedSize();
        }
    }

    private void countClient(String client, long now) {
        change(Kind.CLIENT.key(client), now, entry -> {
            entry.addClient(now, policy);
            return true;
        });
    }

    /**
     * Applies {@code change} to the entry under {@code key} (a fresh one if there is none or it expired), in the
     * database as a compare-and-set on its version, retried when another node changed it meanwhile. The change returns
     * whether the entry is kept.
     */
    private void change(String key, long now, Predicate<Entry> change) {
        try {
            boolean counted = withDeadline(() -> {
                for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                    if (changeOnce(key, now, change)) {
                        return true;
                    }
                }
                return false;
            });
            if (!counted) {
                log.warn(
                        "A failed login could not be counted: the throttle's row changed {} times meanwhile", ATTEMPTS);
            }
        } catch (DataAccessException e) {
            databaseFailed(now, e);
            fallback.asMap().compute(key, (k, entry) -> {
                Entry current = entry == null ? new Entry(Kind.of(key), policy) : entry;
                return change.test(current) ? current : null;
            });
            remember(key, fallback.getIfPresent(key));
        }
    }

    private boolean changeOnce(String key, long now, Predicate<Entry> change) {
        record Row(Entry entry, long expiresAt, long version) {}
        Optional<Row> row = jdbc.sql("SELECT LOCKED_UNTIL, STATE, EXPIRES_AT, VERSION FROM JOBDECK_LOGIN_THROTTLE"
                        + " WHERE THROTTLE_KEY = ?")
                .param(key)
                .query((rs, n) -> new Row(
                        Entry.decode(Kind.of(key), policy, rs.getLong(1), rs.getString(2)),
                        rs.getLong(3),
                        rs.getLong(4)))
                .optional();
        boolean live = row.isPresent() && row.get().expiresAt() >= now;
        Entry entry = live ? row.get().entry() : new Entry(Kind.of(key), policy);
        boolean kept = change.test(entry);
        if (row.isEmpty()) {
            if (!kept) {
                return true;
            }
            try {
                jdbc.sql("INSERT INTO JOBDECK_LOGIN_THROTTLE (THROTTLE_KEY, LOCKED_UNTIL, EXPIRES_AT, STATE, VERSION)"
                                + " VALUES (?, ?, ?, ?, 0)")
                        .params(key, entry.lockedUntil, now + keep, entry.encode())
                        .update();
            } catch (DuplicateKeyException anotherNodeFirst) {
                return false;
            }
            writes.incrementAndGet();
        } else if (!kept) {
            return jdbc.sql("DELETE FROM JOBDECK_LOGIN_THROTTLE WHERE THROTTLE_KEY = ? AND VERSION = ?")
                            .params(key, row.get().version())
                            .update()
                    == 1;
        } else if (jdbc.sql("UPDATE JOBDECK_LOGIN_THROTTLE SET LOCKED_UNTIL = ?, EXPIRES_AT = ?, STATE = ?,"
                                + " VERSION = VERSION + 1 WHERE THROTTLE_KEY = ? AND VERSION = ?")
                        .params(
                                entry.lockedUntil,
                                now + keep,
                                entry.encode(),
                                key,
                                row.get().version())
                        .update()
                != 1) {
            return false;
        }
        remember(key, entry);
        return true;
    }

    private void remember(String key, @Nullable Entry entry) {
        if (entry != null && entry.lockedUntil > clock.millis()) {
            knownLocks.put(key, entry.lockedUntil);
        }
    }

    /**
     * Deletes the expired rows once a minute, and, every tenth of the bound's worth of new rows, the oldest rows that
     * hold no lock beyond the bound: a flood of new names and addresses cannot grow the table without end.
     */
    private void upkeep(long now) {
        long last = lastCleanup.get();
        boolean due = now - last >= CLEAN_EVERY.toMillis() && lastCleanup.compareAndSet(last, now);
        boolean full = writes.get() >= Math.max(1, maxEntries / 10);
        if (!due && !full) {
            return;
        }
        try {
            withDeadline(() -> {
                deleteExpired(now);
                if (full) {
                    writes.set(0);
                    jdbc.sql("DELETE FROM JOBDECK_LOGIN_THROTTLE WHERE LOCKED_UNTIL <= ? AND EXPIRES_AT <= (SELECT"
                                    + " EXPIRES_AT FROM JOBDECK_LOGIN_THROTTLE ORDER BY EXPIRES_AT DESC"
                                    + " OFFSET ? ROWS FETCH NEXT 1 ROWS ONLY)")
                            .params(now, maxEntries)
                            .update();
                }
                return null;
            });
        } catch (DataAccessException e) {
            databaseFailed(now, e);
        }
    }

    private void deleteExpired(long now) {
        jdbc.sql("DELETE FROM JOBDECK_LOGIN_THROTTLE WHERE EXPIRES_AT < ?")
                .param(now)
                .update();
    }

    /**
     * Runs a database call on the throttle's own threads and waits at most {@link #DEADLINE}: a database that hangs
     * (rather than refuses) must not hold every login and every HTTP Basic request. After a call that missed its
     * deadline the database is left alone for {@link #PAUSE_AFTER_TIMEOUT}, and the node throttles in memory meanwhile.
     */
    private <T> T withDeadline(Supplier<T> call) {
        if (clock.millis() < databaseSkippedUntil) {
            throw new QueryTimeoutException("The database did not answer the login throttle in time a moment ago");
        }
        Future<T> future;
        try {
            future = io.submit(call::get);
        } catch (RejectedExecutionException full) {
            throw new QueryTimeoutException("The login throttle's database calls are queued up");
        }
        try {
            return future.get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException late) {
            future.cancel(true);
            databaseSkippedUntil = clock.millis() + PAUSE_AFTER_TIMEOUT.toMillis();
            throw new QueryTimeoutException(
                    "The database did not answer the login throttle within " + DEADLINE.toMillis() + " ms");
        } catch (ExecutionException failed) {
            if (failed.getCause() instanceof RuntimeException e) {
                throw e;
            }
            throw new QueryTimeoutException(Errors.describe(failed));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new QueryTimeoutException("Interrupted while waiting for the database");
        }
    }

    @Override
    public void destroy() {
        Threads.shutdown(io, Duration.ofSeconds(1));
    }

    private void databaseFailed(long now, DataAccessException e) {
        long last = lastWarning.get();
        if (last == Long.MIN_VALUE || now - last >= CLEAN_EVERY.toMillis()) {
            lastWarning.set(now);
            log.warn(
                    "The login throttle cannot reach the database; this node throttles on its own meanwhile: {}",
                    Errors.describe(e));
        }
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

    private static long clientId(String client) {
        return Long.parseUnsignedLong(Kind.CLIENT.key(client).substring(1, 17), 16);
    }

    /** The three kinds of row, each keyed by its letter and 128 bits of a SHA-256 (keys no one can make collide). */
    private enum Kind {
        PAIR('p'),
        NAME('n'),
        CLIENT('c');

        private final char letter;

        Kind(char letter) {
            this.letter = letter;
        }

        String key(String... parts) {
            try {
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                for (String part : parts) {
                    sha.update(part.getBytes(StandardCharsets.UTF_8));
                    sha.update((byte) 0);
                }
                return letter + HexFormat.of().formatHex(sha.digest(), 0, 16);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("Every Java runtime has SHA-256", e);
            }
        }

        static Kind of(String key) {
            return switch (key.charAt(0)) {
                case 'p' -> PAIR;
                case 'n' -> NAME;
                default -> CLIENT;
            };
        }
    }

    /**
     * One row's state. A name for one client: the latest {@code max-failures} failure times, in a ring. A name: those
     * times and the clients they came from. A client: its failure count within the window and the last one's time.
     * {@code lockedUntil} is the lock (or, for a client, the wait).
     */
    private static final class Entry {
        private final Kind kind;
        private final long[] times;
        private final long[] clients;
        private int next;
        private long count;
        private long last = Long.MIN_VALUE;
        long lockedUntil;

        Entry(Kind kind, SecurityProperties.Lockout policy) {
            this.kind = kind;
            int size = kind == Kind.CLIENT ? 0 : policy.maxFailures();
            this.times = new long[size];
            this.clients = new long[kind == Kind.NAME ? size : 0];
            Arrays.fill(times, Long.MIN_VALUE);
        }

        String encode() {
            StringBuilder text = new StringBuilder();
            if (kind == Kind.CLIENT) {
                text.append(count).append(',').append(last);
            } else {
                text.append(next);
                for (long time : times) {
                    text.append(',').append(time);
                }
                for (long client : clients) {
                    text.append(',').append(client);
                }
            }
            return text.toString();
        }

        /** The stored state; a fresh one (keeping the lock) if it does not fit the policy (max-failures was changed). */
        static Entry decode(Kind kind, SecurityProperties.Lockout policy, long lockedUntil, String text) {
            Entry entry = new Entry(kind, policy);
            entry.lockedUntil = lockedUntil;
            long[] values;
            try {
                values = Arrays.stream(text.split(","))
                        .mapToLong(Long::parseLong)
                        .toArray();
            } catch (NumberFormatException unreadable) {
                return entry;
            }
            if (kind == Kind.CLIENT && values.length == 2) {
                entry.count = values[0];
                entry.last = values[1];
            } else if (kind != Kind.CLIENT && values.length == 1 + entry.times.length + entry.clients.length) {
                entry.next = (int) values[0];
                System.arraycopy(values, 1, entry.times, 0, entry.times.length);
                System.arraycopy(values, 1 + entry.times.length, entry.clients, 0, entry.clients.length);
            }
            return entry;
        }

        void addPair(long now, SecurityProperties.Lockout policy) {
            times[next] = now;
            next = (next + 1) % times.length;
            if (allWithin(now - policy.window().toMillis())) {
                lockedUntil = now + policy.duration().toMillis();
                Arrays.fill(times, Long.MIN_VALUE);
            }
        }

        void addName(long now, long client, SecurityProperties.Lockout policy) {
            times[next] = now;
            clients[next] = client;
            next = (next + 1) % times.length;
            if (allWithin(now - policy.window().toMillis())
                    && Arrays.stream(clients).distinct().count() >= policy.clientsToLockForAll()) {
                lockedUntil = now + policy.duration().toMillis();
                Arrays.fill(times, Long.MIN_VALUE);
            }
        }

        /** Forgets the client's failures for a name; true when nothing is left to keep. */
        boolean forget(long client) {
            boolean any = false;
            for (int i = 0; i < times.length; i++) {
                if (clients[i] == client) {
                    times[i] = Long.MIN_VALUE;
                }
                any |= times[i] != Long.MIN_VALUE;
            }
            return !any && lockedUntil == 0;
        }

        /** A client's failure: a count within the window and an exponential wait past the budget. */
        void addClient(long now, SecurityProperties.Lockout policy) {
            if (last != Long.MIN_VALUE && now - last >= policy.window().toMillis()) {
                count = 0;
            }
            last = now;
            count++;
            long over = count - policy.clientMaxFailures();
            if (over > 0) {
                long longest = policy.duration().toMillis();
                long wait = over > 30 ? longest : FIRST_WAIT.toMillis() << (over - 1);
                lockedUntil = now + Math.min(wait, longest);
            }
        }

        private boolean allWithin(long since) {
            for (long t : times) {
                if (t < since) {
                    return false;
                }
            }
            return true;
        }
    }
}
