package io.jobdeck.security;

import java.util.Optional;

/**
 * Checks an API token presented as {@code Authorization: Bearer ...}. The API's filter chain asks it for every such
 * request; the feature that issues tokens provides it. It must be fast (a hash and a lookup, never bcrypt) and must
 * never log or keep the presented secret.
 */
public interface ApiTokenCheck {

    /** The token's grant; empty when it is malformed, unknown, revoked or expired. */
    Optional<Grant> check(String presented);

    /** How the audit trail names a presented token that failed: its public id, never its secret. */
    String describe(String presented);

    /**
     * What a valid token grants: its owner, its name and the role it was given. The caller caps the role at the owner's
     * current one, and refuses the token if the owner is gone.
     *
     * @param username  the owner
     * @param tokenName the name the owner gave it
     * @param role      the role chosen at creation
     */
    record Grant(String username, String tokenName, Role role) {}
}
