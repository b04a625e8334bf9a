package io.jobdeck.cluster;

import io.jobdeck.support.Errors;
import io.jobdeck.support.Subscription;
import io.jobdeck.support.Threads;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * PostgreSQL {@code LISTEN/NOTIFY} between a cluster's nodes: wake-ups and small batches, never the data itself (what
 * must survive is in tables; a notification only says "re-read" or carries what is also recorded).
 *
 * <p>One connection of the pool is kept for listening, on its own thread ({@code jobdeck-cluster-listen}), which waits
 * on pgjdbc's {@link PGConnection#getNotifications(int)} and hands each payload to its channel's handlers; they must
 * return at once. If the connection breaks it is replaced, with a growing pause, and the {@link #onConnected}
 * callbacks run, because notifications sent meanwhile are lost: they re-read what they follow. Sending is queued on
 * {@code jobdeck-cluster-notify} and never blocks the caller; a full queue drops and counts. On one node (no cluster)
 * nothing is sent and nothing is listened to.
 */
@Component
public class ClusterNotifications implements DisposableBean {

    /** PostgreSQL refuses payloads of 8000 bytes or more. */
    public static final int MAX_PAYLOAD_BYTES = 7_900;

    static final Duration WAIT = Duration.ofMillis(200);
    private static final Duration MAX_PAUSE = Duration.ofSeconds(5);
    private static final int SEND_QUEUE = 1_000;
    private static final Logger log = LoggerFactory.getLogger(ClusterNotifications.class);

    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final boolean enabled;
    private final Map<String, List<Consumer<String>>> handlers = new ConcurrentHashMap<>();
    private final List<Runnable> connectedCallbacks = new CopyOnWriteArrayList<>();
    private final ThreadPoolExecutor listener = Threads.single("jobdeck-cluster-listen", 1);
    private final ThreadPoolExecutor sender = Threads.single("jobdeck-cluster-notify", SEND_QUEUE);
    private final AtomicLong droppedSends = new AtomicLong();
    private volatile boolean stopping;
    private volatile @Nullable String problem = "not listening yet";
    private volatile @Nullable Connection connection;

    ClusterNotifications(DataSource dataSource, JdbcClient jdbc, ClusterMode cluster) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.enabled = cluster.enabled();
        if (!enabled) {
            problem = null;
        }
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        if (enabled) {
            listener.execute(this::listen);
        }
    }

    /** Sends {@code payload} (at most {@link #MAX_PAYLOAD_BYTES} bytes of UTF-8) to every node, this one included. */
    public void send(String channel, String payload) {
        if (!enabled) {
            return;
        }
        try {
            sender.execute(() -> {
                try {
                    jdbc.sql("SELECT pg_notify(?, ?)")
                            .params(channel, payload)
                            .query()
                            .singleValue();
                } catch (RuntimeException e) {
                    droppedSends.incrementAndGet();
                    log.debug("Could not notify {}: {}", channel, Errors.describe(e));
                }
            });
        } catch (RejectedExecutionException full) {
            droppedSends.incrementAndGet();
        }
    }

    /** Calls {@code handler} with each payload sent on {@code channel}, on the listening thread. */
    public Subscription listen(String channel, Consumer<String> handler) {
        handlers.computeIfAbsent(channel, c -> new CopyOnWriteArrayList<>()).add(handler);
        return () -> handlers.getOrDefault(channel, List.of()).remove(handler);
    }

    /** Runs {@code callback} on the listening thread each time listening (re)starts: what was sent meanwhile is lost. */
    public Subscription onConnected(Runnable callback) {
        connectedCallbacks.add(callback);
        return () -> connectedCallbacks.remove(callback);
    }

    /** Why this node does not receive notifications now, if it does not (cluster mode only). */
    public Optional<String> problem() {
        return Optional.ofNullable(problem);
    }

    /** Notifications that could not be sent (a full queue, a failing database) since the start. */
    public long droppedSends() {
        return droppedSends.get();
    }

    // --- Listening thread ---

    private void listen() {
        Duration pause = Duration.ofMillis(250);
        while (!stopping) {
            try (Connection c = dataSource.getConnection()) {
                connection = c;
                PGConnection pg = c.unwrap(PGConnection.class);
                Set<String> listening = new HashSet<>();
                listenToNew(c, listening);
                problem = null;
                pause = Duration.ofMillis(250);
                connectedCallbacks.forEach(ClusterNotifications::runQuietly);
                while (!stopping) {
                    listenToNew(c, listening);
                    PGNotification[] received = pg.getNotifications((int) WAIT.toMillis());
                    if (received != null) {
                        for (PGNotification notification : received) {
                            deliver(notification.getName(), notification.getParameter());
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (stopping) {
                    return;
                }
                problem = "Not receiving the other nodes' notifications: " + Errors.describe(e);
                log.warn("{}; listening again in {} ms", problem, pause.toMillis());
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException interrupted) {
                    return;
                }
                pause = pause.multipliedBy(2).compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : pause.multipliedBy(2);
            } finally {
                connection = null;
            }
        }
    }

    /** Channels get handlers at any time: each one is listened to from the next wait on. */
    private void listenToNew(Connection c, Set<String> listening) throws SQLException {
        if (listening.size() == handlers.size()) {
            return;
        }
        try (Statement statement = c.createStatement()) {
            for (String channel : handlers.keySet()) {
                if (listening.add(channel)) {
                    statement.execute("LISTEN \"" + channel.replace("\"", "") + "\"");
                }
            }
        }
    }

    private void deliver(String channel, String payload) {
        for (Consumer<String> handler : handlers.getOrDefault(channel, List.of())) {
            try {
                handler.accept(payload);
            } catch (RuntimeException e) {
                log.warn("A handler of cluster channel {} failed; it stays subscribed", channel, e);
            }
        }
    }

    private static void runQuietly(Runnable callback) {
        try {
            callback.run();
        } catch (RuntimeException e) {
            log.warn("A cluster reconnect callback failed", e);
        }
    }

    @Override
    public void destroy() {
        stopping = true;
        Threads.shutdown(sender, Duration.ofSeconds(2));
        Threads.shutdown(listener, Duration.ofSeconds(2));
        Connection c = connection;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing anyway
            }
        }
    }
}
