package io.jobdeck.history;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
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
 * @param retentionDays    executions older than this are deleted (0: kept whatever their age)
 * @param retentionRows    at most this many executions are kept, the oldest deleted first (0: no limit)
 * @param purgeBatch       rows one purge statement deletes
 * @param purgeEvery       how often the purge looks for what to delete
 * @param orphanCheckEvery how often executions still "running" on this node but no longer running are looked for
 */
@Validated
@ConfigurationProperties("jobdeck.history")
public record HistoryProperties(
        @DefaultValue("100000") @Min(1_000) @Max(10_000_000) int queueCapacity,
        @DefaultValue("500") @Min(1) @Max(10_000) int batchSize,
        @DefaultValue("65536") @Min(1_024) @Max(1_000_000) int logLimit,
        @DefaultValue("30") @Min(0) int retentionDays,
        @DefaultValue("1000000") @Min(0) long retentionRows,
        @DefaultValue("1000") @Min(10) @Max(100_000) int purgeBatch,
        @DefaultValue("10m") @DurationMin(seconds = 1) Duration purgeEvery,
        @DefaultValue("1m") @DurationMin(seconds = 1) Duration orphanCheckEvery) {}
