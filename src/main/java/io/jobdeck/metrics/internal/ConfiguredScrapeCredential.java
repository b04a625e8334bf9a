package io.jobdeck.metrics.internal;

import io.jobdeck.metrics.MetricsProperties;
import io.jobdeck.security.ScrapeCredential;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The scrape token of {@code jobdeck.metrics.scrape.token-hash}: only its SHA-256 is configured. A token of enough
 * random characters (the README says how to make one) cannot be guessed from its hash, so the slow hash passwords
 * need would only cost every scrape.
 */
@Component
class ConfiguredScrapeCredential implements ScrapeCredential {

    private final byte @Nullable [] hash;

    ConfiguredScrapeCredential(MetricsProperties properties) {
        String configured = properties.scrape().tokenHash();
        this.hash = configured == null || configured.isBlank()
                ? null
                : HexFormat.of().parseHex(configured.toLowerCase(java.util.Locale.ROOT));
    }

    @Override
    public boolean matches(String presented) {
        return hash != null && MessageDigest.isEqual(sha256(presented), hash);
    }

    static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java has SHA-256", e);
        }
    }
}
