package io.jobdeck.security.internal;

import io.jobdeck.security.ScrapeCredential;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code /actuator/prometheus} with {@code Authorization: Bearer <the scrape token>}: the request runs as "metrics
 * scraper", which may read the metrics and nothing else. Any other bearer token passes on to the API tokens' check.
 */
final class ScrapeTokenFilter extends OncePerRequestFilter {

    static final String PRINCIPAL = "metrics scraper";
    private static final String BEARER = "Bearer ";

    private final ScrapeCredential credential;

    ScrapeTokenFilter(ScrapeCredential credential) {
        this.credential = credential;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header != null
                && header.regionMatches(true, 0, BEARER, 0, BEARER.length())
                && credential.matches(header.substring(BEARER.length()).strip())) {
            SecurityContext context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                    PRINCIPAL, null, AuthorityUtils.createAuthorityList(ScrapeCredential.AUTHORITY)));
            SecurityContextHolder.setContext(context);
        }
        chain.doFilter(request, response);
    }
}
