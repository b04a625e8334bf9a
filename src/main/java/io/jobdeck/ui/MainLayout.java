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
import com.vaadin.flow.server.menu.MenuConfiguration;
import com.vaadin.flow.server.menu.MenuEntry;
import com.vaadin.flow.component.icon.Icon;

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

        // Views declare themselves with @Menu (title = a translation key), so the layout depends on none of them.
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
