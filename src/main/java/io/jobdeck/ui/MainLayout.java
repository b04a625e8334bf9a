package io.jobdeck.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.ClientCallable;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dependency.JavaScript;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.page.ColorScheme;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.Layout;
import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.server.menu.MenuConfiguration;
import com.vaadin.flow.server.menu.MenuEntry;
import com.vaadin.flow.spring.security.AuthenticationContext;
import io.jobdeck.security.Role;
import jakarta.annotation.security.PermitAll;
import java.time.Clock;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** The frame around every view: title, navigation, the user, language, light/dark switch and logout. */
@Layout
@PermitAll
// A static script, no Node bundle (decision 0003); under /assets/**, which Vaadin's security configurer serves.
@JavaScript("context://assets/scripts/jobdeck-time.js")
@JavaScript("context://assets/scripts/jobdeck-live.js")
@JavaScript("context://assets/scripts/jobdeck-tooltips.js")
public class MainLayout extends AppLayout {

    private static final String PREFS_APPLIED = "jobdeck.prefsApplied";

    private final AuthenticationContext auth;
    private final UserPreferences preferences;
    private final Clock clock;
    private final LiveUpdates live;
    private final LiveProperties liveProperties;
    private final Button themeToggle = new Button();

    MainLayout(
            AuthenticationContext auth,
            UserPreferences preferences,
            Clock clock,
            LiveUpdates live,
            LiveProperties liveProperties) {
        this.auth = auth;
        this.preferences = preferences;
        this.clock = clock;
        this.live = live;
        this.liveProperties = liveProperties;
        Span title = new Span(getTranslation("app.title"));
        title.getStyle().set("font-weight", "600").set("font-size", "var(--lumo-font-size-l)");

        themeToggle.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ICON);
        themeToggle.setAriaLabel(getTranslation("theme.toggle"));
        themeToggle.setTooltipText(getTranslation("theme.toggle"));
        themeToggle.setId("theme-toggle");
        themeToggle.addClickListener(e -> toggleTheme());

        Select<Locale> language = new Select<>();
        language.setId("language");
        language.setAriaLabel(getTranslation("language.label"));
        language.setItems(TranslationProvider.LOCALES);
        language.setItemLabelGenerator(l -> getTranslation("language." + l.getLanguage()));
        language.setValue(TranslationProvider.LOCALES.stream()
                .filter(l -> l.getLanguage().equals(getLocale().getLanguage()))
                .findFirst()
                .orElse(Locale.ENGLISH));
        language.setWidth("8.5rem");
        language.addValueChangeListener(e -> {
            if (e.isFromClient() && e.getValue() != null) {
                switchLanguage(e.getValue());
            }
        });

        String user = auth.getPrincipalName().orElse("");
        Span who = new Span(user + " · " + getTranslation("role." + role().name()));
        who.setId("current-user");
        who.addClassName("jobdeck-hint");

        Button logout = new Button(getTranslation("user.logout"), VaadinIcon.SIGN_OUT.create());
        logout.setId("logout");
        logout.setAriaLabel(getTranslation("user.logout")); // its text is hidden on a phone
        logout.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        logout.addClickListener(e -> auth.logout());

        HorizontalLayout header = new HorizontalLayout(new DrawerToggle(), title, who, language, themeToggle, logout);
        header.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
        header.expand(title);
        header.setWidthFull();
        header.getStyle().set("padding-right", "var(--lumo-space-m)");
        addToNavbar(header);

        // Views declare themselves with @Menu (title = a translation key); the menu lists only what the user may open.
        SideNav nav = new SideNav();
        for (MenuEntry entry : MenuConfiguration.getMenuEntries()) {
            SideNavItem item = new SideNavItem(getTranslation(entry.title()), entry.path());
            if (entry.icon() != null) {
                item.setPrefixComponent(new Icon(entry.icon()));
            }
            nav.addItem(item);
        }
        addToDrawer(nav);
        setPrimarySection(Section.DRAWER);
    }

    private Role role() {
        if (auth.hasRole(Role.ADMIN.name())) {
            return Role.ADMIN;
        }
        return auth.hasRole(Role.OPERATOR.name()) ? Role.OPERATOR : Role.VIEWER;
    }

    @Override
    protected void onAttach(AttachEvent event) {
        super.onAttach(event);
        UI ui = event.getUI();
        UserTime.detect(ui);
        UserTime.configureMovingTimes(ui, clock.instant());
        getElement()
                .executeJs(
                        "window.JobdeckLive.configure(this, {serverNow: $0, limitMillis: $1,"
                                + " texts: {locale: $2, stale: $3}})",
                        (double) clock.millis(),
                        (double) liveProperties.silenceLimit().toMillis(),
                        ui.getLocale().toLanguageTag(),
                        getTranslation("live.stale"));
        VaadinSession session = event.getSession();
        ColorScheme.Value scheme = session.getAttribute(ColorScheme.Value.class);
        applyTheme(scheme == null ? ColorScheme.Value.LIGHT : scheme);
        if (session.getAttribute(PREFS_APPLIED) == null) {
            session.setAttribute(PREFS_APPLIED, Boolean.TRUE);
            preferences.load().thenAccept(prefs -> ui.access(() -> applySaved(ui, prefs)));
        }
    }

    /**
     * The page heard nothing for a while and asks whether it is still live: the answer carries the present state and
     * the server's time. (If the server no longer knows the page, Vaadin makes it reload instead.)
     */
    @ClientCallable
    double stillLive() {
        return getUI().map(live::heardFrom).orElseGet(clock::millis);
    }

    private void applySaved(UI ui, UserPreferences.Prefs prefs) {
        if (prefs.colorScheme() != null) {
            ColorScheme.Value saved =
                    "dark".equals(prefs.colorScheme()) ? ColorScheme.Value.DARK : ColorScheme.Value.LIGHT;
            ui.getSession().setAttribute(ColorScheme.Value.class, saved);
            applyTheme(saved);
        }
        if (prefs.language() != null && !prefs.language().equals(ui.getLocale().getLanguage())) {
            Locale locale = Locale.forLanguageTag(prefs.language());
            ui.getSession().setLocale(locale);
            ui.getPage().reload();
        }
    }

    private void switchLanguage(Locale locale) {
        UI ui = UI.getCurrent();
        ui.getSession().setLocale(locale);
        save(currentScheme(), locale.getLanguage());
        ui.getPage().reload();
    }

    private void toggleTheme() {
        ColorScheme.Value next =
                currentScheme() == ColorScheme.Value.DARK ? ColorScheme.Value.LIGHT : ColorScheme.Value.DARK;
        getUI().ifPresent(ui -> ui.getSession().setAttribute(ColorScheme.Value.class, next));
        applyTheme(next);
        save(next, getLocale().getLanguage());
    }

    private ColorScheme.Value currentScheme() {
        VaadinSession session = VaadinSession.getCurrent();
        ColorScheme.Value scheme = session == null ? null : session.getAttribute(ColorScheme.Value.class);
        return Objects.requireNonNullElse(scheme, ColorScheme.Value.LIGHT);
    }

    private void save(ColorScheme.Value scheme, @Nullable String language) {
        preferences.save(new UserPreferences.Prefs(scheme == ColorScheme.Value.DARK ? "dark" : "light", language));
    }

    private void applyTheme(ColorScheme.Value scheme) {
        getUI().ifPresent(ui -> ui.getPage().setColorScheme(scheme));
        themeToggle.setIcon(scheme == ColorScheme.Value.DARK ? VaadinIcon.SUN_O.create() : VaadinIcon.MOON_O.create());
        themeToggle.getElement().setAttribute("data-scheme", scheme == ColorScheme.Value.DARK ? "dark" : "light");
    }
}
