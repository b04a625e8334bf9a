package io.jobdeck.alerts.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import io.jobdeck.alerts.AlertDelivery;
import io.jobdeck.alerts.Alerts;
import io.jobdeck.alerts.DeliveryPage;
import io.jobdeck.support.DisplayText;
import io.jobdeck.support.Errors;
import io.jobdeck.ui.Pager;
import io.jobdeck.ui.Reloader;
import io.jobdeck.ui.UserTime;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** What the alert rules raised, newest first, a page at a time: when, for what, to which channel, and whether it arrived. */
@Route("alerts")
@PageTitle("Jobdeck · Alerts")
@Menu(title = "nav.alerts", icon = "vaadin:bell", order = 10.5)
@RolesAllowed("ADMIN")
class AlertsView extends VerticalLayout {

    static final int PAGE_SIZE = 50;

    private final Alerts alerts;
    private final Grid<AlertDelivery> grid = new Grid<>();
    private final Pager pager = new Pager("alerts", PAGE_SIZE, "alerts.range", this::reload);
    private @Nullable Reloader<Answer> pages;

    private record Answer(int offset, DeliveryPage page) {}

    AlertsView(Alerts alerts, Clock clock) {
        this.alerts = alerts;
        setSizeFull();
        grid.setId("alerts-list");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT);
        grid.addColumn(d -> UserTime.format(d.raisedAt(), clock.instant()))
                .setKey("when")
                .setHeader(getTranslation("alerts.when"))
                .setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(d -> getTranslation("alerts.phase." + d.phase().name()))
                .setKey("phase")
                .setHeader(getTranslation("alerts.phase"))
                .setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(d -> getTranslation("alerts.kind." + d.kind().name()))
                .setKey("kind")
                .setHeader(getTranslation("alerts.rule"))
                .setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(d -> DisplayText.safe(d.subject(), 200))
                .setKey("subject")
                .setHeader(getTranslation("alerts.subject"))
                .setFlexGrow(1);
        grid.addColumn(d -> getTranslation("alerts.channel." + d.channel().name()))
                .setKey("channel")
                .setHeader(getTranslation("alerts.channel"))
                .setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(this::delivered)
                .setKey("delivered")
                .setHeader(getTranslation("alerts.delivered"))
                .setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(d -> DisplayText.safe(d.message(), 300))
                .setKey("message")
                .setHeader(getTranslation("alerts.message"))
                .setFlexGrow(2);
        grid.setEmptyStateText(getTranslation("alerts.none"));

        Button refresh = new Button(getTranslation("alerts.refresh"), VaadinIcon.REFRESH.create());
        refresh.setId("alerts-refresh");
        refresh.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        refresh.addClickListener(e -> {
            pager.first();
            reload();
        });
        RouterLink rules = new RouterLink(getTranslation("alerts.rules.link"), AlertRulesView.class);
        rules.setId("alerts-rules-link");
        HorizontalLayout bar = new HorizontalLayout(pager, refresh, rules);
        bar.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
        add(new H2(getTranslation("alerts.title")), new Paragraph(getTranslation("alerts.intro")), bar, grid);
        setFlexGrow(1, grid);
    }

    private String delivered(AlertDelivery d) {
        if (d.success() == null) {
            return getTranslation("alerts.delivered.sending");
        }
        String attempts = getTranslation("alerts.attempts", d.attempts());
        return d.success()
                ? getTranslation("alerts.delivered.yes", attempts)
                : getTranslation(
                        "alerts.delivered.no",
                        attempts,
                        d.lastError() == null ? "" : DisplayText.safe(d.lastError(), 200));
    }

    @Override
    protected void onAttach(AttachEvent event) {
        super.onAttach(event);
        UI ui = event.getUI();
        pages = new Reloader<>(
                ui,
                () -> {
                    int offset = pager.offset();
                    return alerts.readDeliveries(offset, PAGE_SIZE).thenApply(page -> new Answer(offset, page));
                },
                this::show);
        reload();
    }

    private void reload() {
        pager.loading();
        if (pages != null) {
            pages.request();
        }
    }

    private void show(@Nullable Answer answer, @Nullable Throwable error) {
        if (answer == null) {
            pager.failed(getTranslation("alerts.failed", error == null ? "" : Errors.describe(error)));
            return;
        }
        if (answer.offset() != pager.offset()) {
            return; // a page left meanwhile; the one asked for next follows
        }
        List<AlertDelivery> rows = answer.page().rows();
        grid.setItems(rows);
        pager.show(rows.size(), answer.page().total(), true);
    }
}
