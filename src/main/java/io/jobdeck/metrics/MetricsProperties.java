package io.jobdeck.metrics;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code jobdeck.metrics.*}: which jobs get a label of their own, and the credential a Prometheus server scrapes with.
 *
 * @param maxJobLabels the most distinct jobs that get their own {@code job_key} label, the first that run on this node
 *                     since it started; the executions of any other job are counted under {@code job_key="other"}. Each
 *                     labelled job costs a fixed number of series (its outcomes and its duration histogram), so this
 *                     bounds what Prometheus stores whatever the number of jobs
 * @param jobs         when not empty, only jobs matching one of these get their own label (still at most
 *                     {@code maxJobLabels}): {@code group.name} for one job, {@code group.*} for a group's jobs
 * @param scrape       the scrape credential
 */
@Validated
@ConfigurationProperties("jobdeck.metrics")
public record MetricsProperties(
        @DefaultValue("100") @Min(0) @Max(10_000) int maxJobLabels,
        @DefaultValue List<@NotNull String> jobs,
        @DefaultValue @Valid Scrape scrape) {

    /**
     * @param tokenHash the SHA-256 (64 hex digits) of a bearer token that may read {@code /actuator/prometheus} and
     *                  nothing else; none (the default) leaves the endpoint to admins
     */
    public record Scrape(
            @Pattern(regexp = "[0-9a-fA-F]{64}", message = "must be the SHA-256 of the token, 64 hex digits") @Nullable
            String tokenHash) {}
}
