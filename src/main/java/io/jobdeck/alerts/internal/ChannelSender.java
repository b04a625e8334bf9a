package io.jobdeck.alerts.internal;

import io.jobdeck.alerts.Channel;

/** Sends an alert through one channel, once: a throw is a failed attempt (retried unless {@link Permanent}). */
interface ChannelSender {

    Channel channel();

    void send(Alert alert) throws Exception;

    /** A failure no retry can mend (the channel is not configured, the receiver refuses the request). */
    final class Permanent extends Exception {
        Permanent(String message) {
            super(message);
        }
    }
}
