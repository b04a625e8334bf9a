package io.jobdeck.security.internal;

import io.jobdeck.security.ApiTokenAuthentication;
import io.jobdeck.security.ApiTokenCheck;
import io.jobdeck.security.Role;
import io.jobdeck.security.ScrapeCredential;
import io.jobdeck.support.Errors;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AuthenticationEventPublisher;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.web.authentication.WebAuthenticationDetailsSource;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * API requests with {@code Authorization: Bearer ...}. The token is checked (a hash and a lookup, no bcrypt), its owner
 * looked up again, and the request runs as the owner with the token's role capped at the owner's current role. A token
 * that does not check out, or whose owner is gone or disabled, gets a 401 with a JSON body at once, and the failure is
 * published for the audit trail (naming the token's public id, never its secret). Requests without a bearer token
 * pass on, to HTTP Basic if it is on.
 */
final class BearerTokenFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(BearerTokenFilter.class);
    private static final String BEARER = "Bearer ";

    private final ApiTokenCheck tokens;
    private final UserDetailsService accounts;
    private final AuthenticationEventPublisher events;
    private final SecurityContextRepository contexts;
    private final WebAuthenticationDetailsSource details = new WebAuthenticationDetailsSource();

    BearerTokenFilter(
            ApiTokenCheck tokens,
            UserDetailsService accounts,
            AuthenticationEventPublisher events,
            SecurityContextRepository contexts) {
        this.tokens = tokens;
        this.accounts = accounts;
        this.events = events;
        this.contexts = contexts;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null
                || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())
                || authenticatedByScrapeToken()) {
            chain.doFilter(request, response);
            return;
        }
        String presented = header.substring(BEARER.length()).strip();
        Optional<ApiTokenAuthentication> authenticated;
        try {
            authenticated = tokens.check(presented).flatMap(grant -> authenticate(grant, request));
        } catch (RuntimeException e) {
            log.warn("An API token could not be checked: {}", Errors.describe(e));
            JsonSecurityErrors.write(
                    response,
                    HttpServletResponse.SC_SERVICE_UNAVAILABLE,
                    "unavailable",
                    "The API token could not be checked; try again");
            return;
        }
        if (authenticated.isEmpty()) {
            SecurityContextHolder.clearContext();
            UsernamePasswordAuthenticationToken attempt =
                    UsernamePasswordAuthenticationToken.unauthenticated(tokens.describe(presented), "");
            attempt.setDetails(details.buildDetails(request));
            events.publishAuthenticationFailure(
                    new BadCredentialsException("Unknown, expired or revoked API token"), attempt);
            response.setHeader("WWW-Authenticate", "Bearer realm=\"jobdeck\", error=\"invalid_token\"");
            JsonSecurityErrors.write(
                    response,
                    HttpServletResponse.SC_UNAUTHORIZED,
                    "unauthorized",
                    "The API token is unknown, expired or revoked");
            return;
        }
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(authenticated.get());
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
        chain.doFilter(request, response);
    }

    /** Whether the scrape token's filter, before this one, took the bearer token as the scrape token. */
    private static boolean authenticatedByScrapeToken() {
        Authentication done = SecurityContextHolder.getContext().getAuthentication();
        return done != null
                && done.isAuthenticated()
                && AuthorityUtils.authorityListToSet(done.getAuthorities()).contains(ScrapeCredential.AUTHORITY);
    }

    /** The owner as they are now; empty if they are gone or disabled. */
    private Optional<ApiTokenAuthentication> authenticate(ApiTokenCheck.Grant grant, HttpServletRequest request) {
        UserDetails owner;
        try {
            owner = accounts.loadUserByUsername(grant.username());
        } catch (UsernameNotFoundException gone) {
            return Optional.empty();
        }
        if (!owner.isEnabled() || !owner.isAccountNonLocked() || !owner.isAccountNonExpired()) {
            return Optional.empty();
        }
        Role now = Role.highestOf(owner.getAuthorities());
        Role effective = grant.role().compareTo(now) <= 0 ? grant.role() : now;
        return Optional.of(new ApiTokenAuthentication(
                owner.getUsername(),
                grant.tokenName(),
                effective,
                AuthorityUtils.createAuthorityList(effective.authorities()),
                details.buildDetails(request)));
    }
}
