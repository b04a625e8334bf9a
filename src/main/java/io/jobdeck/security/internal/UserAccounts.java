package io.jobdeck.security.internal;

import io.jobdeck.security.Role;
import io.jobdeck.security.SecurityProperties;
import io.jobdeck.support.DisplayText;
import io.jobdeck.support.StartupRefusedException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
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
        this.configured = byName(properties.users());
        this.jdbc = jdbc;
        this.encoder = encoder;
        this.clock = clock;
    }

    /**
     * On a fresh install with no configured users, creates the first admin and prints its password once. Several nodes
     * may start at once on one database: the insert decides (the user name is the key), so exactly one admin is made
     * and exactly one password printed.
     */
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
        try {
            jdbc.sql("INSERT INTO JOBDECK_USER (USERNAME, PASSWORD_HASH, ROLE, CREATED_AT) VALUES (?, ?, ?, ?)")
                    .params(FIRST_ADMIN, encoder.encode(password), Role.ADMIN.name(), Timestamp.from(clock.instant()))
                    .update();
        } catch (DuplicateKeyException anotherNodeWasFirst) {
            log.info("Another node created the first admin at the same time; its password was printed there");
            return;
        }
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

    /** The configured users by name; two names that differ only in case (or surrounding spaces) stop the start. */
    private static Map<String, SecurityProperties.User> byName(List<SecurityProperties.User> users) {
        Map<String, Integer> firstIndex = new HashMap<>();
        Map<String, SecurityProperties.User> byName = new HashMap<>();
        for (int i = 0; i < users.size(); i++) {
            SecurityProperties.User user = users.get(i);
            Integer earlier = firstIndex.putIfAbsent(key(user.username()), i);
            if (earlier != null) {
                throw new StartupRefusedException(
                        "jobdeck.security.users[" + earlier + "] and jobdeck.security.users[" + i
                                + "] have the same user name '" + DisplayText.safe(user.username(), 80)
                                + "' (user names are compared ignoring case)",
                        "Give each entry of jobdeck.security.users its own user name, or remove the duplicate.");
            }
            byName.put(key(user.username()), user);
        }
        return Map.copyOf(byName);
    }

    private static String key(String username) {
        return username.strip().toLowerCase(Locale.ROOT);
    }
}
