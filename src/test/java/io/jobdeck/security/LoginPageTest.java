package io.jobdeck.security;

import static io.jobdeck.security.WebClient.location;
import static io.jobdeck.security.WebClient.setCookies;
import static org.assertj.core.api.Assertions.assertThat;

import io.jobdeck.testing.Isolated;
import io.jobdeck.testing.JobdeckApp;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The login page and form through the real filter chain over HTTP: no session for anonymous visitors, CSRF and
 * cross-site protection of the form, one true message after a failure, security headers and cookie attributes.
 * Tests that fail logins come from their own address ({@code X-Forwarded-For}, honoured from the local proxy), so
 * that the throttle of one test does not touch another.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LoginPageTest {

    static final Path DATA = JobdeckApp.newDataDir();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        Isolated.quietApp(registry, DATA);
    }

    /** Counts the HTTP sessions the server creates. */
    static class SessionCounter implements HttpSessionListener {
        final AtomicInteger created = new AtomicInteger();

        @Override
        public void sessionCreated(HttpSessionEvent event) {
            created.incrementAndGet();
        }
    }

    @TestConfiguration
    static class Sessions {
        @Bean
        SessionCounter sessionCounter() {
            return new SessionCounter();
        }
    }

    @Autowired
    SessionCounter sessions;

    @LocalServerPort
    int port;

    @Test
    void anonymous_visits_create_no_session_until_someone_logs_in() {
        int before = sessions.created.get();
        for (int i = 0; i < 50; i++) {
            for (String path : new String[] {"/login", "/login?error", "/login?logout", "/", "/audit"}) {
                HttpResponse<String> response = new WebClient(port).get(path);
                assertThat(setCookies(response)).as("GET " + path).noneMatch(c -> c.startsWith("JSESSIONID"));
            }
        }
        assertThat(sessions.created.get())
                .as("sessions created by 250 anonymous visits")
                .isEqualTo(before);

        HttpResponse<String> login = new WebClient(port).login("viewer", "viewer-pass");

        assertThat(setCookies(login)).anyMatch(c -> c.startsWith("JSESSIONID"));
        assertThat(sessions.created.get()).as("a login makes its session").isEqualTo(before + 1);
    }

    @Test
    void the_page_asked_for_before_login_is_remembered_without_a_session() {
        WebClient browser = new WebClient(port);
        assertThat(location(browser.get("/audit"))).endsWith("/login");

        HttpResponse<String> login = browser.login("admin", "admin-pass");

        assertThat(location(login)).endsWith("/audit");
    }

    @Test
    void a_login_form_posted_without_its_token_logs_nobody_in() {
        WebClient attacker = new WebClient(port);

        HttpResponse<String> post = attacker.post("/login", WebClient.form("admin", "admin-pass", "forged"));

        assertThat(location(post)).endsWith("/login?expired");
        assertThat(setCookies(post)).noneMatch(c -> c.startsWith("JSESSIONID"));
        assertThat(location(attacker.get("/"))).as("still anonymous").endsWith("/login");
    }

    @Test
    void a_login_form_posted_from_another_site_is_refused_even_with_a_valid_token() {
        String[][] crossSite = {
            {"Origin", "https://evil.example"},
            {"Sec-Fetch-Site", "cross-site"},
            {"Sec-Fetch-Site", "same-site"},
            {"Origin", "null"}
        };
        for (String[] header : crossSite) {
            WebClient victim = new WebClient(port);
            String token = victim.csrfToken();

            HttpResponse<String> post =
                    victim.post("/login", WebClient.form("admin", "admin-pass", token), header[0], header[1]);

            assertThat(post.statusCode()).as(header[0] + ": " + header[1]).isEqualTo(403);
            assertThat(setCookies(post)).noneMatch(c -> c.startsWith("JSESSIONID"));
            assertThat(location(victim.get("/"))).endsWith("/login");
        }

        WebClient user = new WebClient(port);
        String token = user.csrfToken();
        HttpResponse<String> sameOrigin = user.post(
                "/login",
                WebClient.form("admin", "admin-pass", token),
                "Origin",
                "http://localhost:" + port,
                "Sec-Fetch-Site",
                "same-origin");
        assertThat(location(sameOrigin))
                .as("the same login from our own page")
                .isEqualTo("http://localhost:" + port + "/");
        assertThat(user.get("/").statusCode()).isEqualTo(200);
    }

    @Test
    void a_locked_user_typing_the_right_password_sees_only_the_lock_message() {
        WebClient browser = new WebClient(port);
        String[] from = {"X-Forwarded-For", "192.0.2.50"};
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> wrong = browser.login("operator", "wrong-" + i, from);
            assertThat(location(wrong)).endsWith("/login?error");
        }
        String wrongPage = browser.get("/login?error").body();
        assertThat(wrongPage).contains("Wrong user name or password").doesNotContain("Too many failed attempts");

        HttpResponse<String> right = browser.login("operator", "operator-pass", from);

        assertThat(location(right)).endsWith("/login?locked");
        String page = browser.get("/login?locked").body();
        assertThat(page)
                .contains("Too many failed attempts for this user. Wait a few minutes, then try again.")
                .doesNotContain("Wrong user name or password")
                .doesNotContain("Check them and try again");
        assertThat(count(page, "id=\"login-notice\"")).as("one message").isEqualTo(1);
    }

    @Test
    void html_pages_and_static_resources_carry_the_security_headers() {
        WebClient browser = new WebClient(port);
        assertSecurityHeaders(browser.get("/login"), "/login");

        browser.login("viewer", "viewer-pass");
        HttpResponse<String> start = browser.get("/");
        assertThat(start.statusCode()).isEqualTo(200);
        assertThat(start.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertSecurityHeaders(start, "/ (Vaadin's page)");

        Matcher script = Pattern.compile("src=\"\\./(VAADIN/[^\"]+\\.js)\"").matcher(start.body());
        assertThat(script.find()).as("the page loads a Vaadin script").isTrue();
        HttpResponse<String> resource = browser.get("/" + script.group(1));
        assertThat(resource.statusCode()).isEqualTo(200);
        assertSecurityHeaders(resource, script.group(1));
    }

    @Test
    void the_session_cookie_is_same_site_lax_http_only_and_secure_behind_a_tls_proxy() {
        HttpResponse<String> direct = new WebClient(port).login("viewer", "viewer-pass");
        assertThat(sessionCookie(direct)).contains("SameSite=Lax", "HttpOnly").doesNotContain("Secure");

        String[] viaTlsProxy = {"X-Forwarded-Proto", "https", "X-Forwarded-For", "192.0.2.60"};
        WebClient browser = new WebClient(port);
        HttpResponse<String> page = browser.get("/login", viaTlsProxy);
        String csrfCookie = setCookies(page).getFirst().split(";")[0];
        assertThat(setCookies(page).getFirst()).as("the form's token cookie").contains("Secure", "SameSite=Strict");
        Matcher token = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page.body());
        assertThat(token.find()).isTrue();
        // The proxy speaks https to the browser, so the browser sends the Secure cookie back; this client must be told.
        HttpResponse<String> proxied = browser.post(
                "/login",
                WebClient.form("viewer", "viewer-pass", token.group(1)),
                "X-Forwarded-Proto",
                "https",
                "X-Forwarded-For",
                "192.0.2.60",
                "Cookie",
                csrfCookie);

        assertThat(sessionCookie(proxied)).contains("SameSite=Lax", "HttpOnly", "Secure");
        assertThat(location(proxied)).as("redirects stay on https").startsWith("https://");
    }

    @Test
    void the_login_page_speaks_the_browsers_language_and_escapes_nothing_it_was_given() {
        String russian = new WebClient(port)
                .get("/login?error=%3Cscript%3E", "Accept-Language", "ru-RU,ru;q=0.9")
                .body();
        assertThat(russian).contains("<html lang=\"ru\">", "Вход", "Неверное имя пользователя или пароль");
        assertThat(russian).doesNotContain("<script>");

        String english = new WebClient(port)
                .get("/login", "Accept-Language", "de-DE,en;q=0.5")
                .body();
        assertThat(english).contains("<html lang=\"en\">", "Sign in");
    }

    private static String sessionCookie(HttpResponse<?> response) {
        return setCookies(response).stream()
                .filter(c -> c.startsWith("JSESSIONID"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no session cookie in " + setCookies(response)));
    }

    private static void assertSecurityHeaders(HttpResponse<?> response, String what) {
        var headers = response.headers();
        assertThat(headers.firstValue("X-Content-Type-Options")).as(what).contains("nosniff");
        assertThat(headers.firstValue("Referrer-Policy")).as(what).contains("same-origin");
        assertThat(headers.firstValue("Permissions-Policy"))
                .as(what)
                .hasValueSatisfying(p -> assertThat(p).contains("camera=()"));
        assertThat(headers.allValues("X-Frame-Options")).as(what).containsExactly("DENY");
        assertThat(headers.firstValue("Content-Security-Policy")).as(what).contains("frame-ancestors 'none'");
    }

    private static int count(String text, String needle) {
        return text.split(Pattern.quote(needle), -1).length - 1;
    }
}
