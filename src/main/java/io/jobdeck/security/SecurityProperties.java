package io.jobdeck.security;

import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code jobdeck.security.*}.
 *
 * @param users      accounts, each with a bcrypt hash ({@code {bcrypt}$2a$...}) and one role; when empty, Jobdeck
 *                   creates an admin with a random password on first start and prints it once
 * @param lockout    failed-login lockout
 * @param rememberMe remember-me login (off by default)
 * @param oidc       role mapping for OpenID Connect logins, when a {@code spring.security.oauth2.client} registration
 *                   is configured
 */
@ConfigurationProperties("jobdeck.security")
public record SecurityProperties(
        @DefaultValue List<User> users,
        @DefaultValue Lockout lockout,
        @DefaultValue RememberMe rememberMe,
        @DefaultValue Oidc oidc) {

    /** A configured account. */
    public record User(
            String username,
            String password,
            @DefaultValue("VIEWER") Role role) {}

    /**
     * @param maxFailures failed logins within {@code window} that lock an account
     * @param window      how far back failures count
     * @param duration    how long the lock lasts
     */
    public record Lockout(
            @DefaultValue("5") int maxFailures,
            @DefaultValue("15m") Duration window,
            @DefaultValue("15m") Duration duration) {}

    /**
     * @param enabled whether "remember me" is offered
     * @param key     the key that signs remember-me cookies (required when enabled)
     */
    public record RememberMe(
            @DefaultValue("false") boolean enabled,
            @Nullable String key) {}

    /**
     * @param rolesClaim  the ID-token claim that lists the user's groups or roles
     * @param adminValues claim values that make an ADMIN
     * @param operatorValues claim values that make an OPERATOR
     * @param defaultRole the role of any other OIDC user
     */
    public record Oidc(
            @DefaultValue("groups") String rolesClaim,
            @DefaultValue("jobdeck-admin") List<String> adminValues,
            @DefaultValue("jobdeck-operator") List<String> operatorValues,
            @DefaultValue("VIEWER") Role defaultRole) {}
}
