package io.jobdeck.security.internal;

import com.vaadin.flow.spring.security.RequestUtil;
import com.vaadin.flow.spring.security.VaadinSecurityConfigurer;
import io.jobdeck.api.ApiProblem;
import io.jobdeck.security.ApiTokenCheck;
import io.jobdeck.security.ScrapeCredential;
import io.jobdeck.security.SecurityProperties;
import io.jobdeck.ui.LiveReceipts;
import jakarta.servlet.DispatcherType;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.boot.web.server.servlet.CookieSameSiteSupplier;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationEventPublisher;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.DefaultAuthenticationEventPublisher;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.access.RequestMatcherDelegatingAccessDeniedHandler;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.ExceptionMappingAuthenticationFailureHandler;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.savedrequest.CookieRequestCache;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Three filter chains. {@code /api/**}: stateless, API tokens ({@code Authorization: Bearer ...}, see
 * {@link BearerTokenFilter}) and HTTP Basic unless switched off, JSON errors, no session, so no CSRF exposure.
 * {@code /actuator/prometheus}: the same for admins, plus their session and the scrape token (see {@link #metrics}).
 * Everything else: Vaadin's configurer with a session-free login page (see {@code LoginPage}); the login form protected
 * by a CSRF token and refused when posted from another site; session id changed at login; security headers on every
 * page. Actuator health is open (for probes); every other actuator endpoint is for admins. Roles are enforced again in
 * the services by method security.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@EnableMethodSecurity
class SecurityConfig {

    static final String LOGIN = "/login";

    /** springdoc's paths: the OpenAPI description and Swagger UI of the REST API under /api/v1. */
    static final String[] API_DOCS = {
        "/v3/api-docs", "/v3/api-docs.yaml", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**"
    };

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    @Order(1)
    SecurityFilterChain api(
            HttpSecurity http,
            UserAccounts accounts,
            PasswordEncoder encoder,
            LoginThrottle throttle,
            ApplicationEventPublisher events,
            SecurityProperties properties,
            ApiTokenCheck tokens)
            throws Exception {
        boolean basic = properties.api().basicEnabled();
        AuthenticationEventPublisher failures = failuresOnly(events);
        RequestAttributeSecurityContextRepository contexts = new RequestAttributeSecurityContextRepository();
        http.securityMatcher("/api/**")
                .authorizeHttpRequests(a -> a.anyRequest().authenticated())
                .addFilterBefore(
                        new BearerTokenFilter(tokens, accounts, failures, contexts), BasicAuthenticationFilter.class)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .securityContext(c -> c.securityContextRepository(contexts));
        return jsonErrorsAndBasic(http, basic, manager(accounts, encoder, throttle, failures));
    }

    /**
     * Actuator's Prometheus endpoint: for admins (a logged-in session, HTTP Basic unless switched off, an API token
     * acting as ADMIN) and for the scrape token ({@link ScrapeCredential}), which opens nothing else. Everyone else gets
     * a JSON 401 or 403, never the metrics and never a login page. No session is made.
     */
    @Bean
    @Order(0)
    SecurityFilterChain metrics(
            HttpSecurity http,
            UserAccounts accounts,
            PasswordEncoder encoder,
            LoginThrottle throttle,
            ApplicationEventPublisher events,
            SecurityProperties properties,
            ApiTokenCheck tokens,
            ScrapeCredential scrape)
            throws Exception {
        boolean basic = properties.api().basicEnabled();
        AuthenticationEventPublisher failures = failuresOnly(events);
        http.securityMatcher("/actuator/prometheus")
                .authorizeHttpRequests(a -> a.anyRequest().hasAnyAuthority("ROLE_ADMIN", ScrapeCredential.AUTHORITY))
                .addFilterBefore(new ScrapeTokenFilter(scrape), BasicAuthenticationFilter.class)
                .addFilterAfter(
                        new BearerTokenFilter(
                                tokens, accounts, failures, new RequestAttributeSecurityContextRepository()),
                        ScrapeTokenFilter.class)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.NEVER))
                .requestCache(r -> r.disable());
        return jsonErrorsAndBasic(http, basic, manager(accounts, encoder, throttle, failures));
    }

    /**
     * How the API and the metrics answer: no CSRF (no form, no cookie-borne action), JSON 401 and 403, and HTTP Basic
     * (throttled like the login page) unless it is switched off.
     */
    private static SecurityFilterChain jsonErrorsAndBasic(
            HttpSecurity http, boolean basic, AuthenticationManager manager) throws Exception {
        http.csrf(c -> c.disable())
                .exceptionHandling(e -> e.authenticationEntryPoint(JsonSecurityErrors.unauthorized(basic))
                        .accessDeniedHandler(JsonSecurityErrors.forbidden()));
        if (basic) {
            http.authenticationManager(manager)
                    .httpBasic(b -> b.authenticationEntryPoint(JsonSecurityErrors.unauthorized(basic)));
        } else {
            http.httpBasic(b -> b.disable());
        }
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain ui(
            HttpSecurity http,
            UserAccounts accounts,
            PasswordEncoder encoder,
            LoginThrottle throttle,
            ApplicationEventPublisher events,
            SecurityProperties properties,
            RequestUtil vaadinRequests,
            ObjectProvider<ClientRegistrationRepository> oidcRegistrations,
            OidcRoleMapper oidcRoles)
            throws Exception {
        RequestMatcher loginForm = PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, LOGIN);
        http.authorizeHttpRequests(a -> a.dispatcherTypeMatchers(DispatcherType.ERROR)
                .permitAll()
                .requestMatchers("/actuator/health", "/actuator/health/**")
                .permitAll()
                .requestMatchers("/styles/**")
                .permitAll()
                // The login page with whatever notice it shows (?locked, ?waiting ...), not only ?error and ?logout.
                .requestMatchers(HttpMethod.GET, LOGIN)
                .permitAll()
                .requestMatchers("/actuator/**")
                .hasRole("ADMIN")
                .requestMatchers(HttpMethod.POST, "/" + LiveReceipts.PATH)
                .authenticated()
                // The REST API's OpenAPI description and Swagger UI: for logged-in users.
                .requestMatchers(API_DOCS)
                .authenticated());
        http.authenticationManager(manager(accounts, encoder, throttle, everything(events)));
        // Saved before Vaadin's configurer runs, so that Vaadin's request cache hands non-Vaadin requests to it: the
        // page asked for before login is remembered in a cookie, not in a session made for an anonymous visitor.
        http.requestCache(r -> r.requestCache(new CookieRequestCache()));
        http.with(
                VaadinSecurityConfigurer.vaadin(),
                vaadin -> vaadin.loginView(LOGIN, LOGIN + "?logout")
                        // Vaadin's own CSRF setup leaves the login form unprotected; ours (below) protects it.
                        .enableCsrfConfiguration(false));
        http.csrf(c -> c.csrfTokenRepository(csrfCookie())
                .ignoringRequestMatchers(vaadinRequests::isFrameworkInternalRequest)
                // A live update's receipt (LiveReceipts): it changes nothing but when that tab gets its next update.
                .ignoringRequestMatchers(
                        PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/" + LiveReceipts.PATH)));
        http.addFilterBefore(new CrossSiteLoginFilter(loginForm), CsrfFilter.class);
        http.formLogin(f -> f.failureHandler(loginFailures()));
        // A refused login form (its CSRF token missing or stale) goes back to the form; anything else refused is a 403.
        AccessDeniedHandler expiredForm =
                (request, response, denied) -> response.sendRedirect(request.getContextPath() + LOGIN + "?expired");
        http.exceptionHandling(e -> e.accessDeniedHandler(new RequestMatcherDelegatingAccessDeniedHandler(
                new LinkedHashMap<>(Map.of(loginForm, expiredForm)), new AccessDeniedHandlerImpl())));
        http.sessionManagement(s -> s.sessionFixation(f -> f.changeSessionId()));
        http.headers(h -> h.withObjectPostProcessor(new ObjectPostProcessor<HeaderWriterFilter>() {
                    // Vaadin's pages are forwarded to its servlet, and a forward commits the response past the filter's
                    // wrapper: written at the start, the headers reach every page.
                    @Override
                    public <O extends HeaderWriterFilter> O postProcess(O filter) {
                        filter.setShouldWriteHeadersEagerly(true);
                        return filter;
                    }
                })
                .frameOptions(f -> f.deny())
                .contentSecurityPolicy(c -> c.policyDirectives("frame-ancestors 'none'"))
                .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN))
                .permissionsPolicyHeader(p -> p.policy("camera=(), microphone=(), geolocation=()")));
        if (properties.rememberMe().enabled()) {
            String key = properties.rememberMe().key();
            if (key == null || key.isBlank()) {
                throw new IllegalStateException("jobdeck.security.remember-me.key must be set when remember-me is on");
            }
            http.rememberMe(r -> r.key(key).userDetailsService(accounts));
        }
        if (oidcRegistrations.getIfAvailable() != null) {
            http.oauth2Login(o -> o.loginPage(LOGIN).userInfoEndpoint(u -> u.userAuthoritiesMapper(oidcRoles)));
        }
        return http.build();
    }

    /** Session cookies are SameSite=Lax (Tomcat marks them Secure itself on HTTPS, also behind a TLS proxy). */
    /**
     * A request Spring Security's firewall refuses (a semicolon or an encoded dot in the path, say): under the API a
     * problem detail like every other refusal there, elsewhere a bare 400 as before.
     */
    @Bean
    RequestRejectedHandler requestRejectedHandler() {
        return (request, response, rejected) -> {
            if (request.getRequestURI().startsWith("/api/")) {
                ApiProblem.write(
                        response,
                        HttpStatus.BAD_REQUEST,
                        "This address is refused: it has characters an address to this API may not have");
            } else {
                response.sendError(HttpStatus.BAD_REQUEST.value());
            }
        };
    }

    @Bean
    CookieSameSiteSupplier sameSiteLax() {
        return CookieSameSiteSupplier.ofLax();
    }

    /**
     * The login form's CSRF token lives in a cookie, so that showing the form needs no session. Strict: it is only ever
     * sent back by the form on this site.
     */
    private static CookieCsrfTokenRepository csrfCookie() {
        CookieCsrfTokenRepository cookie = new CookieCsrfTokenRepository();
        cookie.setCookieCustomizer(c -> c.sameSite("Strict"));
        return cookie;
    }

    /** Where a failed login goes back to: one true reason in the URL, and no session made for it. */
    private static AuthenticationFailureHandler loginFailures() {
        ExceptionMappingAuthenticationFailureHandler failures = new ExceptionMappingAuthenticationFailureHandler();
        failures.setDefaultFailureUrl(LOGIN + "?error");
        failures.setExceptionMappings(Map.of(
                ThrottledAuthenticationProvider.NameLockedException.class.getName(), LOGIN + "?locked",
                ThrottledAuthenticationProvider.ClientWaitingException.class.getName(), LOGIN + "?waiting"));
        failures.setAllowSessionCreation(false);
        return failures;
    }

    /**
     * Password logins, throttled. Outcomes are published as Spring Security events (the audit trail listens); the API,
     * which authenticates every request anew, publishes failures only.
     */
    private static AuthenticationManager manager(
            UserAccounts accounts,
            PasswordEncoder encoder,
            LoginThrottle throttle,
            AuthenticationEventPublisher publisher) {
        DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(accounts);
        passwords.setPasswordEncoder(encoder);
        ProviderManager providers = new ProviderManager(new ThrottledAuthenticationProvider(passwords, throttle));
        providers.setAuthenticationEventPublisher(publisher);
        return providers;
    }

    private static DefaultAuthenticationEventPublisher everything(ApplicationEventPublisher events) {
        DefaultAuthenticationEventPublisher publisher = new DefaultAuthenticationEventPublisher(events);
        publisher.setDefaultAuthenticationFailureEvent(AuthenticationFailureBadCredentialsEvent.class);
        return publisher;
    }

    private static AuthenticationEventPublisher failuresOnly(ApplicationEventPublisher events) {
        DefaultAuthenticationEventPublisher all = everything(events);
        return new AuthenticationEventPublisher() {
            @Override
            public void publishAuthenticationSuccess(Authentication authentication) {}

            @Override
            public void publishAuthenticationFailure(AuthenticationException exception, Authentication authentication) {
                all.publishAuthenticationFailure(exception, authentication);
            }
        };
    }

    @EventListener(ApplicationStartedEvent.class)
    void firstAdmin(ApplicationStartedEvent event) {
        event.getApplicationContext().getBean(UserAccounts.class).createFirstAdminIfNeeded();
    }
}
