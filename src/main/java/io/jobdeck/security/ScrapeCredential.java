package io.jobdeck.security;

/**
 * The credential a metrics scraper (Prometheus) presents as {@code Authorization: Bearer ...} to read
 * {@code /actuator/prometheus}, and nothing else. The metrics feature provides it from its configuration. It must be
 * fast (a hash, never bcrypt: a scrape comes every few seconds) and must never log or keep the presented secret.
 */
public interface ScrapeCredential {

    /** The authority a request authenticated by the scrape credential holds; no role of {@link Role} has it. */
    String AUTHORITY = "ROLE_METRICS_SCRAPER";

    /** Whether {@code presented} is the configured scrape token (false when none is configured). */
    boolean matches(String presented);
}
