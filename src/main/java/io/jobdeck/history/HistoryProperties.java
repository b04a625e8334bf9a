package io.jobdeck.history;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code jobdeck.history.*}: how executions are recorded and how long they are kept.
 *
 * @param queueCapacity    executions (starts and ends) waiting to be written; beyond it they are counted as lost
 * @param batchSize        the most rows one write to the database carries
 * @param logLimit         the most characters of log kept per execution; the rest is cut and the cut is marked
 * @param retentionDays    executions older than this many days are deleted (0: kept whatever their age); 35, so that
 *                         a monthly job's previous run is still there when it runs again
 * @param retentionRows    at most this many executions are kept, the newest (0: no limit); bounds the disk
 * @param purgeBatch       rows one purge statement deletes, in a transaction of its own
 * @param purgeEvery       how often the purge runs (it waits while the scheduler is busy, at most one more period)
 * @param orphanCheckEvery how often executions still "running" on this node but no longer running are looked for
 * @param syncEvery        on the embedded H2, the longest a written execution waits before it is forced to disk (a
 *                         crash loses at most this much history; 0: after every batch, which costs throughput).
 *                         PostgreSQL makes every commit durable, so there it changes nothing
 */
@Validated
@ConfigurationProperties("jobdeck.history")
public record HistoryProperties(
        @DefaultValue("100000") @Min(1_000) @Max(10_000_000) int queueCapacity,
        @DefaultValue("500") @Min(1) @Max(10_000) int batchSize,
        @DefaultValue("65536") @Min(1_024) @Max(1_000_000) int logLimit,
        @DefaultValue("35") @Min(0) int retentionDays,
        @DefaultValue("1000000") @Min(0) long retentionRows,
        @DefaultValue("1000") @Min(10) @Max(100_000) int purgeBatch,
        @DefaultValue("10m") @DurationMin(seconds = 1) Duration purgeEvery,
        @DefaultValue("1m") @DurationMin(seconds = 1) Duration orphanCheckEvery,

        @DefaultValue("250ms") @DurationMin(millis = 0) @DurationMax(seconds = 10)
        Duration syncEvery) {}
