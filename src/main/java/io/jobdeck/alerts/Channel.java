package io.jobdeck.alerts;

/** Where an alert is sent. Which channels a rule uses is the rule's; their endpoints are {@code jobdeck.alerts.*}. */
public enum Channel {
    /** A signed JSON POST to {@code jobdeck.alerts.webhook.url}. */
    WEBHOOK,
    /** A mail to {@code jobdeck.alerts.mail.to}, through {@code spring.mail.*}. */
    EMAIL,
    /** A notification in every open page of an operator or admin. */
    IN_APP
}
