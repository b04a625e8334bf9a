package io.jobdeck.security.ui;

import io.jobdeck.security.SecurityProperties;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.util.HtmlUtils;

/**
 * The login page: a plain HTML form that Spring Security's form login receives. It is deliberately not a Vaadin view:
 * a Vaadin view needs an HTTP session (and a UI in it) before it can render, so every anonymous visit, by a person or
 * a bot, would leave a session behind. This page needs none: its CSRF token is in a cookie, and the outcome of a
 * failed login comes back in the URL ({@code ?error}, {@code ?locked}, {@code ?waiting}, {@code ?expired}). A session
 * is created only when someone logs in.
 */
@Controller
class LoginPage {

    /** Query parameter → message keys (title, then text, or just one line). */
    private static final List<List<String>> NOTICES = List.of(
            List.of("locked", "login.locked"),
            List.of("waiting", "login.waiting"),
            List.of("expired", "login.expired"),
            List.of("error", "login.error.title", "login.error.message"),
            List.of("logout", "login.loggedOut"));

    private final MessageSource messages;
    private final ObjectProvider<InMemoryClientRegistrationRepository> oidc;
    private final boolean rememberMe;

    LoginPage(
            MessageSource messages,
            ObjectProvider<InMemoryClientRegistrationRepository> oidc,
            SecurityProperties properties) {
        this.messages = messages;
        this.oidc = oidc;
        this.rememberMe = properties.rememberMe().enabled();
    }

    @GetMapping(value = "/login", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> page(HttpServletRequest request) {
        Locale locale = locale(request);
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noStore())
                .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .body(html(request, locale));
    }

    private String html(HttpServletRequest request, Locale locale) {
        String context = request.getContextPath();
        StringBuilder form = new StringBuilder();
        notice(request, locale).ifPresent(form::append);
        form.append(field(
                "username",
                "text",
                t("login.username", locale),
                "username",
                SecurityProperties.User.MAX_USERNAME,
                true));
        form.append(field(
                "password",
                "password",
                t("login.password", locale),
                "current-password",
                SecurityProperties.User.MAX_PASSWORD,
                false));
        if (rememberMe) {
            form.append("<label class=\"check\"><input type=\"checkbox\" name=\"remember-me\"> ")
                    .append(e(t("login.rememberMe", locale)))
                    .append("</label>\n");
        }
        if (request.getAttribute(CsrfToken.class.getName()) instanceof CsrfToken csrf) {
            form.append("<input type=\"hidden\" name=\"")
                    .append(e(csrf.getParameterName()))
                    .append("\" value=\"")
                    .append(e(csrf.getToken()))
                    .append("\">\n");
        }
        form.append("<button type=\"submit\">")
                .append(e(t("login.submit", locale)))
                .append("</button>\n");
        StringBuilder providers = new StringBuilder();
        InMemoryClientRegistrationRepository registrations = oidc.getIfAvailable();
        if (registrations != null) {
            for (ClientRegistration provider : registrations) {
                providers
                        .append("<a class=\"provider\" href=\"")
                        .append(e(context + "/oauth2/authorization/" + provider.getRegistrationId()))
                        .append("\">")
                        .append(e(t("login.oidc", locale, provider.getClientName())))
                        .append("</a>\n");
            }
        }
        String language = locale.getLanguage().isEmpty() ? "en" : locale.getLanguage();
        return """
                <!doctype html>
                <html lang="%s">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <meta name="color-scheme" content="light dark">
                <title>%s · %s</title>
                <style>%s</style>
                </head>
                <body>
                <main>
                <h1>%s</h1>
                <form method="post" action="%s/login">
                <h2>%s</h2>
                %s</form>
                %s</main>
                </body>
                </html>
                """.formatted(
                        language,
                        e(t("app.title", locale)),
                        e(t("login.title", locale)),
                        STYLE,
                        e(t("app.title", locale)),
                        e(context),
                        e(t("login.title", locale)),
                        form,
                        providers);
    }

    /** The one message for what happened last, if anything: a locked user sees the lock, not also "wrong password". */
    private Optional<String> notice(HttpServletRequest request, Locale locale) {
        for (List<String> notice : NOTICES) {
            if (request.getParameter(notice.getFirst()) != null) {
                boolean problem = !notice.getFirst().equals("logout");
                StringBuilder html = new StringBuilder("<div id=\"login-notice\" role=\"")
                        .append(problem ? "alert\" class=\"notice problem\">" : "status\" class=\"notice\">");
                html.append("<strong>").append(e(t(notice.get(1), locale))).append("</strong>");
                if (notice.size() > 2) {
                    html.append("<p>").append(e(t(notice.get(2), locale))).append("</p>");
                }
                return Optional.of(html.append("</div>\n").toString());
            }
        }
        return Optional.empty();
    }

    private static String field(
            String name, String type, String label, String autocomplete, int maxLength, boolean autofocus) {
        return "<label for=\"" + name + "\">" + e(label) + "</label>\n<input id=\"" + name + "\" name=\"" + name
                + "\" type=\"" + type + "\" autocomplete=\"" + autocomplete + "\" maxlength=\"" + maxLength
                + "\" required" + (autofocus ? " autofocus" : "") + ">\n";
    }

    /** English or Russian, as the browser prefers; the base bundle is English. */
    private static Locale locale(HttpServletRequest request) {
        for (Locale l : Collections.list(request.getLocales())) {
            if (l.getLanguage().equals("ru")) {
                return Locale.forLanguageTag("ru");
            }
            if (l.getLanguage().equals("en")) {
                break;
            }
        }
        // Locale.ROOT reads messages.properties itself, never the server's own locale as a fallback.
        return Locale.ROOT;
    }

    private String t(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, locale);
    }

    private static String e(String text) {
        return HtmlUtils.htmlEscape(text, "UTF-8");
    }

    private static final String STYLE = """
            :root{--bg:#f4f5f7;--card:#fff;--text:#1a1d23;--muted:#5f6672;--line:#c9ced6;--accent:#1676f3;\
            --problem-bg:#fdecea;--problem:#b3261e;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
            @media (prefers-color-scheme:dark){:root{--bg:#14171c;--card:#1e2229;--text:#e8eaed;--muted:#a4abb6;\
            --line:#3a404a;--accent:#5a9cf8;--problem-bg:#3b1d1b;--problem:#f2b8b5}}
            *{box-sizing:border-box}
            body{margin:0;min-height:100vh;display:flex;align-items:center;justify-content:center;background:var(--bg);\
            color:var(--text)}
            main{width:min(22rem,92vw);display:flex;flex-direction:column;gap:1rem}
            h1{margin:0;text-align:center;font-size:1.75rem}
            h2{margin:0 0 .5rem;font-size:1.25rem}
            form{background:var(--card);border-radius:12px;padding:1.5rem;display:flex;flex-direction:column;\
            gap:.4rem;box-shadow:0 2px 8px rgba(0,0,0,.12)}
            label{font-size:.875rem;color:var(--muted);margin-top:.4rem}
            input[type=text],input[type=password]{font:inherit;padding:.55rem .7rem;border:1px solid var(--line);\
            border-radius:6px;background:var(--card);color:var(--text)}
            input:focus{outline:2px solid var(--accent);outline-offset:1px}
            .check{display:flex;gap:.5rem;align-items:center;color:var(--text)}
            button{margin-top:1rem;font:inherit;font-weight:600;padding:.6rem;border:0;border-radius:6px;\
            background:var(--accent);color:#fff;cursor:pointer}
            .notice{border-radius:6px;padding:.6rem .8rem;background:var(--bg)}
            .notice.problem{background:var(--problem-bg);color:var(--problem)}
            .notice p{margin:.25rem 0 0}
            .provider{text-align:center;color:var(--accent)}
            """;
}
