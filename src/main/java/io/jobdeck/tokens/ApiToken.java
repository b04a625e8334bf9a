package io.jobdeck.tokens;

import io.jobdeck.security.Role;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A personal API token as its owner and the admins see it: never its secret, which is shown once when it is made and
 * not kept.
 *
 * @param id         the token's public part ({@code jdk_<id>_...}), by which it is found and revoked
 * @param owner      the user it acts as
 * @param name       what its owner called it, unique for them
 * @param role       the role it acts with, at most its owner's (capped at the owner's current role when used)
 * @param lastUsedAt when it was last used, to the minute; null if never
 */
public record ApiToken(
        String id,
        String owner,
        String name,
        Role role,
        Instant createdAt,
        Instant expiresAt,
        @Nullable Instant lastUsedAt) {

    /** Whether it no longer works at {@code now}. */
    public boolean expired(Instant now) {
        return !expiresAt.isAfter(now);
    }
}
