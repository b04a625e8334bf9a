package io.jobdeck.security.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.MediaType;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.WebUtils;

/**
 * Refuses a login form posted by another site (login CSRF: logging a victim into the attacker's account), in addition
 * to the CSRF token. Browsers say where a request comes from: {@code Sec-Fetch-Site} (sent over HTTPS and to
 * localhost; decided on alone, so it works behind any proxy), else {@code Origin}, compared with this request's own
 * origin (which needs the proxy's forwarded headers to be honoured). A client that sends neither is left to the token.
 */
final class CrossSiteLoginFilter extends OncePerRequestFilter {

    private final RequestMatcher loginForm;

    CrossSiteLoginFilter(RequestMatcher loginForm) {
        this.loginForm = loginForm;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (loginForm.matches(request) && fromAnotherSite(request)) {
            response.setStatus(HttpServletResponse.SC_FORBIDDEN);
            response.setContentType(MediaType.TEXT_PLAIN_VALUE);
            response.setCharacterEncoding("UTF-8");
            response.getWriter().write("A login from another site is refused.");
            return;
        }
        chain.doFilter(request, response);
    }

    static boolean fromAnotherSite(HttpServletRequest request) {
        String site = request.getHeader("Sec-Fetch-Site");
        if (site != null) {
            // "same-site" is a sibling subdomain: another application, so not trusted with our login either.
            return site.equalsIgnoreCase("cross-site") || site.equalsIgnoreCase("same-site");
        }
        return !WebUtils.isSameOrigin(new ServletServerHttpRequest(request));
    }
}
