package io.jobdeck.security.internal;

import io.jobdeck.security.SecurityProperties;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Password login behind three doors, each cheaper than bcrypt: over-long input is refused (and counted against the
 * client only), then a waiting client, then a locked name. Only then is the password checked, and a failure counted.
 */
class ThrottledAuthenticationProvider implements AuthenticationProvider {

    private final DaoAuthenticationProvider passwords;
    private final LoginThrottle throttle;

    ThrottledAuthenticationProvider(DaoAuthenticationProvider passwords, LoginThrottle throttle) {
        this.passwords = passwords;
        this.throttle = throttle;
    }

    /** The user name is locked (for this client or for everyone). */
    static final class NameLockedException extends LockedException {
        NameLockedException() {
            super("Too many failed logins for this user; try again later");
        }
    }

    /** This client failed too often, whatever the names; it waits before any further try. */
    static final class ClientWaitingException extends LockedException {
        ClientWaitingException() {
            super("Too many failed logins from this address; try again later");
        }
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String name = authentication.getName();
        String address = address(authentication);
        Object credentials = authentication.getCredentials();
        int passwordLength = credentials == null ? 0 : credentials.toString().length();
        if (name.length() > SecurityProperties.User.MAX_USERNAME
                || passwordLength > SecurityProperties.User.MAX_PASSWORD) {
            throttle.refusedInput(address);
            throw new BadCredentialsException("User name or password too long");
        }
        var refusal = throttle.refusal(name, address);
        if (refusal.isPresent()) {
            throw switch (refusal.get().reason()) {
                case NAME_LOCKED -> new NameLockedException();
                case CLIENT_WAITING -> new ClientWaitingException();
            };
        }
        try {
            Authentication result = passwords.authenticate(authentication);
            throttle.succeeded(name, address);
            return result;
        } catch (BadCredentialsException e) {
            throttle.failed(name, address);
            throw e;
        }
    }

    private static @Nullable String address(Authentication authentication) {
        return authentication.getDetails() instanceof WebAuthenticationDetails web ? web.getRemoteAddress() : null;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
