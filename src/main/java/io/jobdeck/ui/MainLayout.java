package io.jobdeck.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.page.ColorScheme;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.Layout;
import io.jobdeck.dashboard.ui.DashboardView;

/** The frame around every view: title, navigation, and the light/dark switch. */
@Layout
public class MainLayout extends AppLayout {

    private final Button themeToggle = new Button();

    MainLayout() {
        Span title = new Span(getTranslation("app.title"));
        title.addClassNames("jobdeck-app-title");
        title.getStyle().set("font-weight", "600").set("font-size", "var(--lumo-font-size-l)");

        themeToggle.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ICON);
        themeToggle.setAriaLabel(getTranslation("theme.toggle"));
        themeToggle.setTooltipText(getTranslation("theme.toggle"));
        themeToggle.setId("theme-toggle");
        themeToggle.addClickListener(e -> toggleTheme());

        HorizontalLayout header = new HorizontalLayout(new DrawerToggle(), title, themeToggle);
        header.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
        header.expand(title);
        header.setWidthFull();
        header.getStyle().set("padding-right", "var(--lumo-space-m)");
        addToNavbar(header);

        SideNav nav = new SideNav();
        nav.addItem(new SideNavItem(getTranslation("nav.dashboard"), DashboardView.class, VaadinIcon.DASHBOARD.create()));
        addToDrawer(nav);
        setPrimarySection(Section.DRAWER);
    }

    @Override
    protected void onAttach(AttachEvent event) {
        super.onAttach(event);
        UserTime.detect(event.getUI());
        ColorScheme.Value scheme = event.getSession().getAttribute(ColorScheme.Value.class);
        applyTheme(scheme == null ? ColorScheme.Value.LIGHT : scheme);
    }

    private void toggleTheme() {
        ColorScheme.Value current = getUI().map(ui -> ui.getPage().getColorScheme()).orElse(ColorScheme.Value.LIGHT);
        ColorScheme.Value next = current == ColorScheme.Value.DARK ? ColorScheme.Value.LIGHT : ColorScheme.Value.DARK;
        getUI().ifPresent(ui -> ui.getSession().setAttribute(ColorScheme.Value.class, next));
        applyTheme(next);
    }

    private void applyTheme(ColorScheme.Value scheme) {
        getUI().ifPresent(ui -> ui.getPage().setColorScheme(scheme));
        themeToggle.setIcon(scheme == ColorScheme.Value.DARK ? VaadinIcon.SUN_O.create() : VaadinIcon.MOON_O.create());
    }
}
