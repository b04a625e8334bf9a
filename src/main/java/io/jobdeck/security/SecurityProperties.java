package io.jobdeck.security;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code jobdeck.security.*}.
 *
 * @param users      accounts, each with a bcrypt hash ({@code {bcrypt}$2a$...}) and one role; when empty, Jobdeck
 *                   creates an admin with a random password on first start and prints it once. Checked at startup:
 *                   a bad entry stops Jobdeck with a message naming the setting
 * @param lockout    failed-login lockout
 * @param rememberMe remember-me login (off by default)
 * @param oidc       role mapping for OpenID Connect logins, when a {@code spring.security.oauth2.client} registration
 *                   is configured
 * @param api        how the REST API ({@code /api/**}) authenticates
 */
@ConfigurationProperties("jobdeck.security")
@Validated
public record SecurityProperties(
        @DefaultValue List<@Valid User> users,
        @DefaultValue @Valid Lockout lockout,
        @DefaultValue RememberMe rememberMe,
        @DefaultValue Oidc oidc,
        @DefaultValue Api api) {

    /**
     * A configured account.
     *
     * @param username at most {@link #MAX_USERNAME} characters, no control or invisible formatting characters; unique
     *                 ignoring case
     * @param password a bcrypt hash, {@code {bcrypt}$2a$10$...} ({@code $2b$} and {@code $2y$} too); never the
     *                 password itself
     * @param role     VIEWER, OPERATOR or ADMIN
     */
    public record User(
            @NotBlank
            @Size(max = MAX_USERNAME)
            @Pattern(
                    regexp = "[^\\p{Cc}\\p{Cf}]*",
                    message = "must not contain control or invisible formatting characters")
            String username,

            @NotBlank String password,
            @DefaultValue("VIEWER") @NotNull Role role) {

        /** The longest user name Jobdeck accepts, in configuration and at the login door. */
        public static final int MAX_USERNAME = 200;
        /** The longest password the login door passes on to bcrypt. */
        public static final int MAX_PASSWORD = 1_000;

        private static final java.util.regex.Pattern BCRYPT = java.util.regex.Pattern.compile(
                "(\\{bcrypt})?\\$2[aby]\\$(0[4-9]|[12][0-9]|3[01])\\$[./A-Za-z0-9]{53}");

        /**
         * A check on {@code password} that never repeats its value in the startup report (someone may have put a plain
         * password there by mistake).
         */
        @AssertTrue(
                message = "password must be a bcrypt hash such as {bcrypt}$2a$10$... (the password itself is not"
                        + " accepted; make a hash with: java -jar jobdeck.jar hash-password)")
        public boolean isPasswordBcrypt() {
            return password == null
                    || password.isBlank()
                    || BCRYPT.matcher(password).matches();
        }
    }

    /**
     * Failed-login throttling (see {@code LoginThrottle}).
     *
     * @param maxFailures         failed logins for one name within {@code window} that lock it: for the client they came
     *                            from, or for everyone when they came from {@code clientsToLockForAll} clients
     * @param window              how far back failures count
     * @param duration            how long a lock lasts, and the longest wait a client is given
     * @param clientsToLockForAll how many different clients must have failed on a name to lock it for everyone
     * @param clientMaxFailures   failed logins from one client within {@code window}, whatever the names, before each
     *                            further one doubles the client's wait (1 s, 2 s, 4 s ...)
     */
    public record Lockout(
            @DefaultValue("5") @Min(1) int maxFailures,
            @DefaultValue("15m") @NotNull Duration window,
            @DefaultValue("15m") @NotNull Duration duration,
            @DefaultValue("3") @Min(1) int clientsToLockForAll,
            @DefaultValue("20") @Min(1) int clientMaxFailures) {}

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

    /**
     * @param basicEnabled whether the API accepts HTTP Basic (a password, checked with bcrypt on every request) besides
     *                     API tokens ({@code Authorization: Bearer ...}); the login page is not affected
     */
    public record Api(@DefaultValue("true") boolean basicEnabled) {}
}
