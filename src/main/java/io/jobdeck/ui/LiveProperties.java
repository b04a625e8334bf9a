package io.jobdeck.ui;

import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code jobdeck.live.*}, validated at startup: how open pages are kept current.
 *
 * @param stallLimit how long a tab may leave a refresh unapplied before the server drops it (it reloads when it
 *                   comes back)
 * @param silenceLimit how long a page may hear nothing from the server before it says that what it shows is no longer
 *                   live and asks the server; a quiet server is asked every so often, so a live page never gets there
 */
@Validated
@ConfigurationProperties("jobdeck.live")
public record LiveProperties(
        @DefaultValue("30s") @DurationMin(seconds = 1) @DurationMax(minutes = 10)
        Duration stallLimit,

        @DefaultValue("10s") @DurationMin(seconds = 2) @DurationMax(minutes = 10)
        Duration silenceLimit) {}
