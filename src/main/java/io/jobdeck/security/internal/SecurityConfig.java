package io.jobdeck.security.internal;

import com.vaadin.flow.spring.security.VaadinSecurityConfigurer;
import io.jobdeck.security.SecurityProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AuthenticationEventPublisher;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.DefaultAuthenticationEventPublisher;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
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
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * Two filter chains. {@code /api/**}: stateless HTTP Basic with JSON errors, no session, so no CSRF exposure. Everything
 * else: Vaadin's configurer with the login view, CSRF on, session id changed at login, secure headers. Actuator health
 * is open (for probes); every other actuator endpoint is for admins. Roles are enforced again in the services by
 * method security.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@EnableMethodSecurity
class SecurityConfig {

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
            ApplicationEventPublisher events)
            throws Exception {
        return http.securityMatcher("/api/**")
                .authorizeHttpRequests(a -> a.anyRequest().authenticated())
                .authenticationManager(manager(accounts, encoder, throttle, failuresOnly(events)))
                .httpBasic(b -> b.authenticationEntryPoint(JsonSecurityErrors.unauthorized()))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .securityContext(c -> c.securityContextRepository(new RequestAttributeSecurityContextRepository()))
                .csrf(c -> c.disable())
                .exceptionHandling(e -> e.authenticationEntryPoint(JsonSecurityErrors.unauthorized())
                        .accessDeniedHandler(JsonSecurityErrors.forbidden()))
                .build();
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
            ObjectProvider<ClientRegistrationRepository> oidcRegistrations,
            OidcRoleMapper oidcRoles)
            throws Exception {
        http.authorizeHttpRequests(a -> a.requestMatchers("/actuator/health", "/actuator/health/**")
                .permitAll()
                .requestMatchers("/styles/**")
                .permitAll()
                .requestMatchers("/actuator/**")
                .hasRole("ADMIN"));
        http.authenticationManager(manager(accounts, encoder, throttle, everything(events)));
        http.with(VaadinSecurityConfigurer.vaadin(), vaadin -> vaadin.loginView("/login", "/login?logout"));
        http.sessionManagement(s -> s.sessionFixation(f -> f.changeSessionId()));
        http.headers(h -> h.referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN))
                .permissionsPolicyHeader(p -> p.policy("camera=(), microphone=(), geolocation=()")));
        if (properties.rememberMe().enabled()) {
            String key = properties.rememberMe().key();
            if (key == null || key.isBlank()) {
                throw new IllegalStateException("jobdeck.security.remember-me.key must be set when remember-me is on");
            }
            http.rememberMe(r -> r.key(key).userDetailsService(accounts));
        }
        if (oidcRegistrations.getIfAvailable() != null) {
            http.oauth2Login(o -> o.loginPage("/login").userInfoEndpoint(u -> u.userAuthoritiesMapper(oidcRoles)));
        }
        return http.build();
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
