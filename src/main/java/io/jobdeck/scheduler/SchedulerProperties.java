package io.jobdeck.scheduler;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code jobdeck.scheduler.*}, validated at startup: a value out of range stops the application with a message
 * naming the setting, before any thread is made.
 *
 * @param workerThreads   size of Quartz's worker pool
 * @param autoStart       start the scheduler on a fresh install, before any operator has chosen
 * @param shutdownTimeout how long application shutdown waits for running jobs before interrupting them
 * @param probeInterval   how often the job store and threads are checked
 * @param probeTimeout    how long the job store may take to answer a probe before it counts as not answering
 */
@Validated
@ConfigurationProperties("jobdeck.scheduler")
public record SchedulerProperties(
        @DefaultValue("10") @Min(1) @Max(500) int workerThreads,
        @DefaultValue("true") boolean autoStart,

        @DefaultValue("30s") @DurationMin(seconds = 0) @DurationMax(hours = 1)
        Duration shutdownTimeout,

        @DefaultValue("1s") @DurationMin(millis = 100) @DurationMax(minutes = 1)
        Duration probeInterval,

        @DefaultValue("2s") @DurationMin(millis = 100) @DurationMax(minutes = 1)
        Duration probeTimeout) {}
