package io.jobdeck.alerts.internal;

import io.jobdeck.alerts.AlertProperties;
import io.jobdeck.alerts.Channel;
import io.jobdeck.support.Errors;
import io.jobdeck.support.Threads;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Sends alerts on {@code jobdeck-alerts-send} (bounded: a full queue records the delivery as not sent), one task per
 * alert and channel, and records each: the channel, the attempts, whether it was delivered and the last error. A failed
 * attempt is tried again after a wait that doubles from {@code first-backoff} up to {@code max-backoff}.
 */
@Component
public class Dispatcher implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

    private final AlertStore store;
    private final AlertProperties properties;
    private final Clock clock;
    private final Map<Channel, ChannelSender> senders = new EnumMap<>(Channel.class);
    private final ThreadPoolExecutor pool;

    Dispatcher(AlertStore store, AlertProperties properties, Clock clock, List<ChannelSender> senders) {
        this.store = store;
        this.properties = properties;
        this.clock = clock;
        senders.forEach(s -> this.senders.put(s.channel(), s));
        this.pool = Threads.pool("jobdeck-alerts-send", properties.sendThreads(), properties.sendQueue());
    }

    /** Sends the alert to each of its channels, in the background. */
    public void send(Alert alert) {
        for (Channel channel : alert.channels()) {
            try {
                pool.execute(() -> deliver(alert, channel));
            } catch (RejectedExecutionException full) {
                log.warn(
                        "Alert {} not sent to {}: {} deliveries are waiting",
                        alert.id(),
                        channel,
                        properties.sendQueue());
                long id = insert(alert, channel);
                end(alert, channel, id, 0, false, "Not sent: too many alerts waiting");
            }
        }
    }

    private void deliver(Alert alert, Channel channel) {
        long id = insert(alert, channel);
        ChannelSender sender = senders.get(channel);
        int attempts = 0;
        String error = null;
        boolean delivered = false;
        Duration wait = properties.firstBackoff();
        while (sender != null && attempts < properties.maxAttempts()) {
            attempts++;
            try {
                sender.send(alert);
                delivered = true;
                error = null;
                break;
            } catch (ChannelSender.Permanent refused) {
                error = refused.getMessage();
                break;
            } catch (InterruptedException stopping) {
                Thread.currentThread().interrupt();
                error = "Interrupted";
                break;
            } catch (Exception e) {
                error = Errors.describe(e);
                log.debug("Alert {} to {}: attempt {} failed", alert.id(), channel, attempts, e);
            }
            if (attempts < properties.maxAttempts()) {
                try {
                    Thread.sleep(wait);
                } catch (InterruptedException stopping) {
                    Thread.currentThread().interrupt();
                    break;
                }
                wait = min(wait.multipliedBy(2), properties.maxBackoff());
            }
        }
        if (sender == null) {
            error = "No sender for " + channel;
        }
        if (!delivered) {
            log.warn(
                    "Alert {} ({} {}) was not delivered to {} after {} attempts: {}",
                    alert.id(),
                    alert.kind(),
                    alert.subject(),
                    channel,
                    attempts,
                    error);
        }
        end(alert, channel, id, attempts, delivered, error);
    }

    private long insert(Alert alert, Channel channel) {
        try {
            return store.insertDelivery(alert, channel);
        } catch (RuntimeException e) {
            log.warn("Could not record alert {} to {}; it is sent all the same", alert.id(), channel, e);
            return -1;
        }
    }

    private void end(Alert alert, Channel channel, long id, int attempts, boolean delivered, @Nullable String error) {
        if (id < 0) {
            return;
        }
        try {
            store.endDelivery(id, attempts, delivered, error, clock.instant());
        } catch (RuntimeException e) {
            log.warn("Could not record the delivery of alert {} to {}", alert.id(), channel, e);
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** Deliveries waiting for a thread or being sent. */
    int busy() {
        return pool.getQueue().size() + pool.getActiveCount();
    }

    @Override
    public void destroy() {
        Threads.shutdown(pool, Duration.ofSeconds(5));
    }
}
