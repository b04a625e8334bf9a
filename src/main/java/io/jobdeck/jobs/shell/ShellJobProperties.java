package io.jobdeck.jobs.shell;

import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code jobdeck.jobs.shell.*}, validated at startup.
 *
 * @param enabled   whether shell command jobs may be defined and run here; off by default, because a shell job runs
 *                  any program the server's user may run
 * @param killGrace how long a process whose run ended early (timeout, interrupt) has to stop after a polite request
 *                  (SIGTERM) before it and its descendants are killed
 */
@Validated
@ConfigurationProperties("jobdeck.jobs.shell")
public record ShellJobProperties(
        @DefaultValue("false") boolean enabled,

        @DefaultValue("5s") @DurationMin(seconds = 0) @DurationMax(minutes = 1)
        Duration killGrace) {}
