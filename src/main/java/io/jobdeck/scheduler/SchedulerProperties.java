package io.jobdeck.scheduler;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code jobdeck.scheduler.*}.
 *
 * @param workerThreads   size of Quartz's worker pool
 * @param autoStart       start the scheduler on a fresh install, before any operator has chosen
 * @param shutdownTimeout how long application shutdown waits for running jobs before interrupting them
 * @param probeInterval   how often the job store and threads are checked
 */
@ConfigurationProperties("jobdeck.scheduler")
public record SchedulerProperties(
        @DefaultValue("10") int workerThreads,
        @DefaultValue("true") boolean autoStart,
        @DefaultValue("30s") Duration shutdownTimeout,
        @DefaultValue("1s") Duration probeInterval) {}
