package io.jobdeck.tokens;

import io.jobdeck.security.Role;

/**
 * What a user asks for when making a token.
 *
 * @param name at most {@link ApiTokens#MAX_NAME} characters, unique among the user's tokens
 * @param role at most the user's own role
 * @param days how long it works, 1 to {@link ApiTokens#MAX_DAYS} days
 */
public record TokenDraft(String name, Role role, int days) {}
