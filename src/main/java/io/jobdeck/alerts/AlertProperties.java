package io.jobdeck.alerts;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.hibernate.validator.constraints.time.DurationMin;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code jobdeck.alerts.*}: how often the rules are checked and where the channels send. Which channels a rule uses is
 * the rule's (stored, edited in the UI); the endpoints and the secret are configuration, never stored.
 *
 * @param checkEvery   how often the rules are checked (the failure of a run is seen at the next check)
 * @param sendThreads  threads that deliver alerts ({@code jobdeck-alerts-send})
 * @param sendQueue    deliveries waiting for a thread; beyond it they are recorded as not sent
 * @param maxAttempts  attempts per delivery (webhook and e-mail), the first one included
 * @param firstBackoff the wait before the second attempt; each next wait is twice as long
 * @param maxBackoff   the longest wait between attempts
 */
@Validated
@ConfigurationProperties("jobdeck.alerts")
public record AlertProperties(
        @DefaultValue("5s") @DurationMin(millis = 10) Duration checkEvery,
        @DefaultValue("2") @Min(1) @Max(16) int sendThreads,
        @DefaultValue("500") @Min(1) @Max(100_000) int sendQueue,
        @DefaultValue("4") @Min(1) @Max(10) int maxAttempts,
        @DefaultValue("1s") Duration firstBackoff,
        @DefaultValue("1m") Duration maxBackoff,
        @DefaultValue @Valid Webhook webhook,
        @DefaultValue @Valid Mail mail) {

    /**
     * The webhook channel.
     *
     * @param url     where alerts are POSTed; none: the channel is not configured (its deliveries fail, recorded)
     * @param secret  the HMAC-SHA256 key of the {@code X-Jobdeck-Signature} header; none: no signature is sent
     * @param timeout how long one attempt may take, connecting included
     */
    public record Webhook(
            @Nullable URI url,
            @Nullable String secret,
            @DefaultValue("5s") @DurationMin(millis = 1) Duration timeout) {}

    /**
     * The e-mail channel (the server is {@code spring.mail.*}).
     *
     * @param from the sender
     * @param to   the recipients; none: the channel is not configured
     */
    public record Mail(
            @DefaultValue("jobdeck@localhost") String from,
            @DefaultValue List<String> to) {
        public Mail {
            to = List.copyOf(to);
        }
    }
}
