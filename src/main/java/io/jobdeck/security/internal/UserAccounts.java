package io.jobdeck.security.internal;

import io.jobdeck.security.Role;
import io.jobdeck.security.SecurityProperties;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * The accounts: those configured under {@code jobdeck.security.users}, or, when none is configured, the admin Jobdeck
 * created on its first start (stored in the database, its random password printed once in the log).
 */
@Component
public class UserAccounts implements UserDetailsService {

    static final String FIRST_ADMIN = "admin";
    private static final Logger log = LoggerFactory.getLogger(UserAccounts.class);
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    private final Map<String, SecurityProperties.User> configured;
    private final JdbcClient jdbc;
    private final PasswordEncoder encoder;
    private final Clock clock;

    UserAccounts(SecurityProperties properties, JdbcClient jdbc, PasswordEncoder encoder, Clock clock) {
        this.configured = properties.users().stream()
                .collect(Collectors.toUnmodifiableMap(u -> key(u.username()), Function.identity(), (a, b) -> b));
        this.jdbc = jdbc;
        this.encoder = encoder;
        this.clock = clock;
    }

    /** On a fresh install with no configured users, creates the first admin and prints its password once. */
    public void createFirstAdminIfNeeded() {
        if (!configured.isEmpty()) {
            return;
        }
        long stored =
                jdbc.sql("SELECT COUNT(*) FROM JOBDECK_USER").query(Long.class).single();
        if (stored > 0) {
            return;
        }
        String password = randomPassword();
        jdbc.sql("INSERT INTO JOBDECK_USER (USERNAME, PASSWORD_HASH, ROLE, CREATED_AT) VALUES (?, ?, ?, ?)")
                .params(FIRST_ADMIN, encoder.encode(password), Role.ADMIN.name(), Timestamp.from(clock.instant()))
                .update();
        log.warn("""

                ==================================================================
                  No users are configured, so Jobdeck created one:
                    user:     {}
                    password: {}
                  This is printed once. Configure jobdeck.security.users
                  (see README) to replace it.
                ==================================================================""", FIRST_ADMIN, password);
    }

    @Override
    public UserDetails loadUserByUsername(String username) throws UsernameNotFoundException {
        return find(username).orElseThrow(() -> new UsernameNotFoundException("No such user"));
    }

    private Optional<UserDetails> find(String username) {
        if (!configured.isEmpty()) {
            SecurityProperties.User u = configured.get(key(username));
            return Optional.ofNullable(u).map(c -> user(c.username(), c.password(), c.role()));
        }
        return jdbc.sql("SELECT USERNAME, PASSWORD_HASH, ROLE FROM JOBDECK_USER WHERE USERNAME = ?")
                .param(username)
                .query((rs, n) -> user(rs.getString(1), rs.getString(2), Role.valueOf(rs.getString(3))))
                .optional();
    }

    private static UserDetails user(String name, String hash, Role role) {
        return User.withUsername(name)
                .password(hash.startsWith("$2") ? "{bcrypt}" + hash : hash)
                .authorities(AuthorityUtils.createAuthorityList(role.authorities()))
                .build();
    }

    private static String randomPassword() {
        SecureRandom random = new SecureRandom();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }

    private static String key(String username) {
        return username.strip().toLowerCase(Locale.ROOT);
    }
}
