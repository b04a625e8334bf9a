package io.jobdeck.audit.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.function.ValueProvider;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.jobdeck.audit.AuditAction;
import io.jobdeck.audit.AuditEntry;
import io.jobdeck.audit.AuditFilter;
import io.jobdeck.audit.AuditLog;
import io.jobdeck.audit.AuditOutcome;
import io.jobdeck.audit.AuditPage;
import io.jobdeck.support.DisplayText;
import io.jobdeck.support.Errors;
import io.jobdeck.ui.UserTime;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** The audit trail, for admins: filters, newest first, paged on the server. Queries run in the background. */
@Route("audit")
@PageTitle("Jobdeck · Audit")
@Menu(title = "nav.audit", icon = "vaadin:clipboard-text", order = 10)
@RolesAllowed("ADMIN")
class AuditView extends VerticalLayout {

    static final int PAGE_SIZE = 50;
    static final int ACTOR_SHOWN = 40;
    static final int ADDRESS_SHOWN = 45;
    static final int TARGET_SHOWN = 80;
    static final int DETAIL_SHOWN = 120;
    static final int TOOLTIP_SHOWN = 1_000;

    private final AuditLog audit;
    private final Clock clock;
    private final TextField actor = new TextField();
    private final ComboBox<AuditAction> action = new ComboBox<>();
    private final ComboBox<AuditOutcome> outcome = new ComboBox<>();
    private final DateTimePicker from = new DateTimePicker();
    private final DateTimePicker to = new DateTimePicker();
    private final Grid<AuditEntry> grid = new Grid<>();
    private final Span pageInfo = new Span();
    private final Button previous = new Button();
    private final Button next = new Button();
    private int page;
    private int pageCount = 1;
    private long requestNumber;

    AuditView(AuditLog audit, Clock clock) {
        this.audit = audit;
        this.clock = clock;
        setSizeFull();

        actor.setLabel(getTranslation("audit.filter.actor"));
        actor.setId("audit-actor");
        actor.setClearButtonVisible(true);
        actor.setValueChangeMode(ValueChangeMode.LAZY);
        actor.setMaxLength(200);
        action.setLabel(getTranslation("audit.filter.action"));
        action.setId("audit-action");
        action.setItems(AuditAction.values());
        action.setItemLabelGenerator(a -> getTranslation("audit.action." + a.name()));
        action.setClearButtonVisible(true);
        outcome.setLabel(getTranslation("audit.filter.outcome"));
        outcome.setItems(AuditOutcome.values());
        outcome.setItemLabelGenerator(o -> getTranslation("audit.outcome." + o.name()));
        outcome.setClearButtonVisible(true);
        from.setLabel(getTranslation("audit.filter.from"));
        to.setLabel(getTranslation("audit.filter.to"));
        from.setLocale(getLocale());
        to.setLocale(getLocale());
        actor.addValueChangeListener(e -> reload(0));
        action.addValueChangeListener(e -> reload(0));
        outcome.addValueChangeListener(e -> reload(0));
        from.addValueChangeListener(e -> reload(0));
        to.addValueChangeListener(e -> reload(0));
        HorizontalLayout filters = new HorizontalLayout(actor, action, outcome, from, to);
        filters.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        filters.getStyle().set("flex-wrap", "wrap");

        grid.setId("audit-grid");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT);
        // The date is shown for anything older than today; the full instant is in the tooltip.
        grid.addColumn(e -> UserTime.format(e.at(), clock.instant()))
                .setKey("at")
                .setHeader(getTranslation("audit.col.at"))
                .setAutoWidth(true)
                .setFlexGrow(0)
                .setTooltipGenerator(e -> e.at().toString());
        // Typed-in text (user names, job names, addresses) gets a fixed share of the width and is cut with an
        // ellipsis, the whole (neutralised) text in a tooltip: a 300-character name cannot push the other columns
        // off-screen, and bidi controls cannot reorder what is shown.
        text(AuditEntry::actor, "actor", "8rem", 1, ACTOR_SHOWN);
        text(e -> Objects.requireNonNullElse(e.address(), ""), "address", "7rem", 0, ADDRESS_SHOWN);
        grid.addColumn(e -> getTranslation("audit.action." + e.action().name()))
                .setKey("action")
                .setHeader(getTranslation("audit.col.action"))
                .setAutoWidth(true)
                .setFlexGrow(0);
        text(AuditEntry::target, "target", "9rem", 2, TARGET_SHOWN);
        grid.addColumn(e -> getTranslation("audit.outcome." + e.outcome().name()))
                .setKey("outcome")
                .setHeader(getTranslation("audit.col.outcome"))
                .setAutoWidth(true)
                .setFlexGrow(0);
        text(e -> Objects.requireNonNullElse(e.detail(), ""), "detail", "8rem", 2, DETAIL_SHOWN);
        grid.setEmptyStateText(getTranslation("audit.empty"));

        previous.setText(getTranslation("audit.previous"));
        previous.setIcon(VaadinIcon.ANGLE_LEFT.create());
        previous.setId("audit-previous");
        previous.addClickListener(e -> reload(page - 1));
        next.setText(getTranslation("audit.next"));
        next.setIcon(VaadinIcon.ANGLE_RIGHT.create());
        next.setIconAfterText(true);
        next.setId("audit-next");
        next.addClickListener(e -> reload(page + 1));
        pageInfo.setId("audit-page");
        HorizontalLayout pager = new HorizontalLayout(previous, pageInfo, next);
        pager.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);

        H2 title = new H2(getTranslation("audit.title"));
        title.getStyle().set("margin", "0");
        add(title, filters, grid, pager);
        setFlexGrow(1, grid);
    }

    private void text(ValueProvider<AuditEntry, String> value, String key, String width, int grow, int shown) {
        grid.addColumn(e -> DisplayText.safe(value.apply(e), shown))
                .setKey(key)
                .setHeader(getTranslation("audit.col." + key))
                .setWidth(width)
                .setFlexGrow(grow)
                .setTooltipGenerator(e -> DisplayText.safe(value.apply(e), TOOLTIP_SHOWN));
    }

    @Override
    protected void onAttach(AttachEvent event) {
        super.onAttach(event);
        reload(0);
    }

    private void reload(int wanted) {
        if (from.getValue() != null && to.getValue() != null && !from.getValue().isBefore(to.getValue())) {
            to.setInvalid(true);
            to.setErrorMessage(getTranslation("audit.filter.range.invalid"));
            return;
        }
        to.setInvalid(false);
        page = Math.clamp(wanted, 0, Math.max(0, pageCount - 1));
        AuditFilter filter = new AuditFilter(
                actor.getValue(),
                action.getValue(),
                outcome.getValue(),
                instant(from.getValue()),
                instant(to.getValue()));
        long request = ++requestNumber;
        pageInfo.setText(getTranslation("audit.loading"));
        previous.setEnabled(false);
        next.setEnabled(false);
        UI ui = UI.getCurrent();
        audit.search(filter, page, PAGE_SIZE)
                .whenComplete((result, error) -> ui.access(() -> {
                    if (request != requestNumber) {
                        return; // a newer filter is on its way
                    }
                    if (error != null) {
                        Notification n = Notification.show(getTranslation("action.failed", Errors.describe(error)));
                        n.addThemeVariants(NotificationVariant.LUMO_ERROR);
                        return;
                    }
                    show(result);
                }));
    }

    private void show(AuditPage result) {
        grid.setItems(result.entries());
        pageCount = result.pageCount();
        page = result.page();
        pageInfo.setText(getTranslation("audit.page", page + 1, pageCount, result.total()));
        previous.setEnabled(page > 0);
        next.setEnabled(page + 1 < pageCount);
    }

    private static @Nullable Instant instant(@Nullable LocalDateTime local) {
        return local == null ? null : local.atZone(UserTime.zone()).toInstant();
    }
}
