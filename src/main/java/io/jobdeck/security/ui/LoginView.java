package io.jobdeck.security.ui;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.component.login.LoginI18n;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinServletRequest;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import jakarta.servlet.http.HttpSession;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.web.WebAttributes;

/** The login page: user name and password, and "sign in with …" for each OpenID Connect provider configured. */
@Route(value = "login", autoLayout = false)
@PageTitle("Jobdeck · Login")
@AnonymousAllowed
class LoginView extends VerticalLayout implements BeforeEnterObserver {

    private final LoginForm form = new LoginForm();
    private final Span locked = new Span();

    LoginView(ObjectProvider<InMemoryClientRegistrationRepository> oidc) {
        setSizeFull();
        setAlignItems(Alignment.CENTER);
        setJustifyContentMode(JustifyContentMode.CENTER);
        addClassName("jobdeck-login");

        LoginI18n i18n = LoginI18n.createDefault();
        i18n.getForm().setTitle(getTranslation("login.title"));
        i18n.getForm().setUsername(getTranslation("login.username"));
        i18n.getForm().setPassword(getTranslation("login.password"));
        i18n.getForm().setSubmit(getTranslation("login.submit"));
        i18n.getErrorMessage().setTitle(getTranslation("login.error.title"));
        i18n.getErrorMessage().setMessage(getTranslation("login.error.message"));
        i18n.getErrorMessage().setUsername(getTranslation("login.error.username"));
        i18n.getErrorMessage().setPassword(getTranslation("login.error.password"));
        form.setI18n(i18n);
        form.setForgotPasswordButtonVisible(false);
        form.setAction("login");

        locked.setId("login-locked");
        locked.addClassName("jobdeck-error-text");
        locked.setVisible(false);

        H1 brand = new H1(getTranslation("app.title"));
        brand.getStyle().set("margin", "0");
        add(brand, form, locked);

        InMemoryClientRegistrationRepository providers = oidc.getIfAvailable();
        if (providers != null) {
            Div links = new Div();
            for (ClientRegistration provider : providers) {
                Anchor link = new Anchor(
                        "oauth2/authorization/" + provider.getRegistrationId(),
                        getTranslation("login.oidc", provider.getClientName()));
                link.setRouterIgnore(true);
                links.add(link);
            }
            add(links);
        }
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (event.getLocation().getQueryParameters().getParameters().containsKey("error")) {
            form.setError(true);
            HttpSession session = VaadinServletRequest.getCurrent() == null
                    ? null
                    : VaadinServletRequest.getCurrent().getHttpServletRequest().getSession(false);
            Object failure = session == null ? null : session.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
            if (failure instanceof LockedException) {
                locked.setText(getTranslation("login.locked"));
                locked.setVisible(true);
            }
        }
    }
}
