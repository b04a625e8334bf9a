/**
 * Metrics and health for monitoring: Micrometer meters of executions, fire lag, workers, the scheduler's state, the
 * history recorder and the event hub, scraped at Actuator's Prometheus endpoint ({@code /actuator/prometheus}, for
 * admins and the configured scrape credential only), and the {@code scheduler} component of {@code /actuator/health}.
 * Per-job labels are bounded by {@link io.jobdeck.metrics.MetricsProperties}.
 */
@NullMarked
package io.jobdeck.metrics;

import org.jspecify.annotations.NullMarked;
