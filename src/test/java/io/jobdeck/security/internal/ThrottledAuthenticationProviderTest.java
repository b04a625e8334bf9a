package io.jobdeck.security.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jobdeck.testing.MutableClock;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

/** The doors in front of bcrypt: over-long input and locks are refused before any user is looked up. */
class ThrottledAuthenticationProviderTest {

    final PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
    final String hash = encoder.encode("right");
    final AtomicInteger lookups = new AtomicInteger();
    final LoginThrottle throttle = new LoginThrottle(
            LoginThrottleTest.defaults(), new MutableClock(), LoginThrottleTest.onH2(), LoginThrottle.MAX_ENTRIES);
    final ThrottledAuthenticationProvider provider = new ThrottledAuthenticationProvider(passwords(), throttle);

    private DaoAuthenticationProvider passwords() {
        DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(name -> {
            lookups.incrementAndGet();
            return User.withUsername(name).password(hash).roles("VIEWER").build();
        });
        passwords.setPasswordEncoder(encoder);
        return passwords;
    }

    @Test
    void a_user_name_over_200_characters_is_refused_before_any_lookup_and_counted_only_against_the_address() {
        assertThatThrownBy(() -> provider.authenticate(login("a".repeat(201), "right")))
                .isInstanceOf(BadCredentialsException.class)
                .hasMessage("User name or password too long");
        assertThat(lookups).hasValue(0);
        assertThat(throttle.size()).as("the address only").isEqualTo(1);
    }

    @Test
    void a_password_over_1000_characters_is_refused_before_any_lookup() {
        assertThatThrownBy(() -> provider.authenticate(login("alice", "p".repeat(1_001))))
                .isInstanceOf(BadCredentialsException.class);
        assertThat(lookups).hasValue(0);
    }

    @Test
    void names_and_passwords_at_the_limits_are_checked_as_usual() {
        assertThat(provider.authenticate(login("a".repeat(200), "right")).isAuthenticated())
                .isTrue();
        assertThatThrownBy(() -> provider.authenticate(login("alice", "p".repeat(1_000))))
                .isInstanceOf(BadCredentialsException.class)
                .hasMessage("Bad credentials");
        assertThat(lookups).hasValue(2);
    }

    @Test
    void a_locked_name_is_refused_without_looking_at_the_password() {
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> provider.authenticate(login("alice", "wrong")))
                    .isInstanceOf(BadCredentialsException.class);
        }
        int before = lookups.get();

        assertThatThrownBy(() -> provider.authenticate(login("alice", "right")))
                .isInstanceOf(ThrottledAuthenticationProvider.NameLockedException.class)
                .isInstanceOf(LockedException.class);
        assertThat(lookups).hasValue(before);
    }

    private static UsernamePasswordAuthenticationToken login(String name, String password) {
        return UsernamePasswordAuthenticationToken.unauthenticated(name, password);
    }
}
