package io.jobdeck.nodes.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.data.provider.ListDataProvider;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import com.vaadin.flow.data.renderer.LitRenderer;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import io.jobdeck.nodes.ClusterSnapshot;
import io.jobdeck.nodes.ClusterStatus;
import io.jobdeck.nodes.NodeInfo;
import io.jobdeck.scheduler.DrainResult;
import io.jobdeck.scheduler.SchedulerControl;
import io.jobdeck.scheduler.SchedulerState;
import io.jobdeck.scheduler.StatusReason;
import io.jobdeck.security.Role;
import io.jobdeck.support.DisplayText;
import io.jobdeck.support.DurationText;
import io.jobdeck.ui.LiveUpdates;
import io.jobdeck.ui.Notifications;
import io.jobdeck.ui.UserTime;
import jakarta.annotation.security.PermitAll;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;

/**
 * The cluster's nodes, one row per node start: name, address, version, state (lost and left ones marked), since,
 * workers, running jobs, last check-in and its age, clock skew against the database, fires in the last minute. Kept
 * current from the heartbeat's snapshot, which the event hub's ticks bring ({@link LiveUpdates}); on one node it shows
 * this node and says that clustering is off.
 */
@Route("nodes")
@PageTitle("Jobdeck · Nodes")
@Menu(title = "nav.nodes", icon = "vaadin:cluster", order = 2.7)
@PermitAll
class NodesView extends VerticalLayout {

    private static final int TEXT_MAX = 200;

    private final ClusterStatus cluster;
    private final SchedulerControl control;
    private final boolean canOperate;
    private final Clock clock;
    private final Span clusterState = new Span();
    private final Paragraph single = new Paragraph();
    private final Paragraph problem = new Paragraph();
    private final Grid<Row> grid = new Grid<>();
    private @Nullable List<Row> shown;
    private @Nullable SchedulerState shownState;
    private boolean shownClustered;
    /** The rows shown, in a provider that knows a row by its node, so that a refresh keeps each row's key. */
    private final List<Row> items = new ArrayList<>();
    /** Nodes with a drain or undrain on its way. */
    private final Set<String> busy = new HashSet<>();

    /** What one row shows, so that a refresh changes the grid only when something shown changed. */
    record Row(
            NodeInfo node,
            String state,
            String stateTheme,
            String reason,
            String since,
            String workers,
            String checkin,
            String skew) {}

    NodesView(
            ClusterStatus cluster,
            SchedulerControl control,
            AuthenticationContext auth,
            LiveUpdates live,
            Clock clock) {
        this.cluster = cluster;
        this.control = control;
        this.canOperate = auth.hasRole(Role.OPERATOR.name());
        this.clock = clock;
        setSizeFull();

        H2 title = new H2(getTranslation("nodes.title"));
        title.getStyle().set("margin", "0");
        clusterState.setId("nodes-cluster-state");
        Div header = new Div(title, clusterState);
        header.addClassName("jobdeck-status");

        single.setId("nodes-single");
        single.setText(getTranslation("nodes.single"));
        single.addClassName("jobdeck-hint");
        problem.setId("nodes-problem");
        problem.addClassName("jobdeck-notice");
        problem.setVisible(false);

        grid.setId("nodes-grid");
        // Wrapped cells: a reason or a long name gets a second line, never an ellipsis (the page fits 1,280 px).
        grid.addThemeVariants(
                GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_WRAP_CELL_CONTENT);
        // Name, then where it runs and which version, on a second line: the page fits 1,280 px without scrolling.
        grid.addColumn(LitRenderer.<Row>of("<div>${item.name}</div>"
                                + "<div class=\"jobdeck-hint\">${item.address} · ${item.version}</div>")
                        .withProperty(
                                "name",
                                r -> DisplayText.safe(r.node().name(), TEXT_MAX)
                                        + (r.node().thisNode() ? " · " + getTranslation("nodes.thisNode") : ""))
                        .withProperty(
                                "address",
                                r -> Objects.requireNonNullElse(r.node().address(), "—"))
                        .withProperty(
                                "version",
                                r -> Objects.requireNonNullElse(r.node().version(), "—")))
                .setHeader(getTranslation("nodes.name") + " · " + getTranslation("nodes.address") + " · "
                        + getTranslation("nodes.version"))
                .setKey("name")
                .setWidth("11em")
                .setFlexGrow(1);
        grid.addColumn(new ComponentRenderer<>(this::stateCell))
                .setHeader(getTranslation("nodes.state") + " · " + getTranslation("nodes.since"))
                .setKey("state")
                .setWidth("15em")
                .setFlexGrow(4);
        grid.addColumn(Row::workers)
                .setHeader(getTranslation("nodes.workers"))
                .setKey("workers")
                .setWidth("5em")
                .setTextAlign(ColumnTextAlign.END);
        grid.addColumn(r -> r.node().runningJobs())
                .setHeader(getTranslation("nodes.running"))
                .setKey("running")
                .setWidth("5em")
                .setTextAlign(ColumnTextAlign.END);
        grid.addColumn(Row::checkin)
                .setHeader(getTranslation("nodes.checkin"))
                .setKey("checkin")
                .setWidth("9em")
                .setFlexGrow(1);
        grid.addColumn(Row::skew)
                .setHeader(getTranslation("nodes.skew"))
                .setKey("skew")
                .setWidth("5em")
                .setTextAlign(ColumnTextAlign.END);
        grid.addColumn(r -> r.node().firesLastMinute())
                .setHeader(getTranslation("nodes.fires"))
                .setKey("fires")
                .setWidth("5em")
                .setTextAlign(ColumnTextAlign.END);
        // Drain and undrain per live node, for operators (the service checks the role again).
        grid.addColumn(actions())
                .setKey("actions")
                .setAutoWidth(true)
                .setFlexGrow(0)
                .setFrozenToEnd(true);
        grid.setItems(new ListDataProvider<>(items) {
            @Override
            public Object getId(Row row) {
                return row.node().id();
            }
        });
        grid.setPartNameGenerator(r -> r.node().lost() ? "jobdeck-node-lost" : null);
        grid.setSizeFull();

        add(header, single, problem, grid);
        setFlexGrow(1, grid);
        live.follow(this, this::refresh);
        refresh();
    }

    /**
     * Drain or undrain a live node of a cluster, for operators; nothing for viewers, lost or left nodes. A template the
     * browser keeps across the refreshes (every second), so the button under the pointer is never replaced.
     */
    private LitRenderer<Row> actions() {
        return LitRenderer.<Row>of("<span id=\"node-actions-${item.name}\">"
                        + "<vaadin-button theme=\"small tertiary\" ?hidden=\"${!item.action}\""
                        + " ?disabled=\"${item.busy}\" title=\"${item.help}\" @click=\"${toggle}\">"
                        + "${item.action}</vaadin-button></span>")
                .withProperty("name", r -> r.node().name())
                .withProperty("action", r -> action(r.node()) == null ? "" : getTranslation(action(r.node())))
                .withProperty("help", r -> action(r.node()) == null ? "" : getTranslation(action(r.node()) + ".help"))
                .withProperty("busy", r -> busy.contains(r.node().name()))
                .withFunction("toggle", r -> {
                    String action = action(r.node());
                    if (action != null && !busy.contains(r.node().name())) {
                        send(r.node().name(), action.equals("nodes.drain"), r);
                    }
                });
    }

    /** The message key of what an operator may do to this node now, or null. */
    private @Nullable String action(NodeInfo node) {
        if (!canOperate || !shownClustered || node.presence() != NodeInfo.Presence.LIVE) {
            return null;
        }
        return node.drained() ? "nodes.undrain" : "nodes.drain";
    }

    private void send(String name, boolean drain, Row row) {
        UI ui = UI.getCurrent();
        CompletionStage<DrainResult> result;
        try {
            result = drain ? control.drain(name) : control.undrain(name);
        } catch (AccessDeniedException | AuthenticationException refused) {
            Notifications.error(getTranslation("access.denied"));
            return;
        }
        busy.add(name);
        grid.getDataProvider().refreshItem(row);
        result.whenComplete((done, error) -> ui.access(() -> {
            busy.remove(name);
            grid.getDataProvider().refreshAll();
            String safeName = DisplayText.safe(name, TEXT_MAX);
            if (error == null && done.succeeded()) {
                Notifications.success(getTranslation(drain ? "nodes.drain.done" : "nodes.undrain.done", safeName));
            } else {
                String why = error != null ? error.getMessage() : done.error();
                Notifications.error(getTranslation(
                        "nodes.drain.failed", safeName, DisplayText.safe(Objects.toString(why, ""), TEXT_MAX)));
            }
        }));
    }

    private Component stateCell(Row row) {
        Span badge = new Span(row.state());
        badge.getElement().getThemeList().add(row.stateTheme());
        badge.getElement().setAttribute("data-state", row.node().lost() ? "LOST" : row.state());
        Span since = new Span(" " + row.since());
        since.addClassName("jobdeck-hint");
        Div cell = new Div(badge, since);
        if (!row.reason().isEmpty()) {
            Span reason = new Span(row.reason());
            reason.getStyle().set("display", "block");
            reason.addClassName("jobdeck-hint");
            cell.add(reason);
        }
        return cell;
    }

    /** Shows the latest snapshot; returns whether anything changed. */
    private boolean refresh() {
        ClusterSnapshot snapshot = cluster.current();
        boolean changed = false;
        if (snapshot.state() != shownState || snapshot.clustered() != shownClustered) {
            shownState = snapshot.state();
            // Without a cluster there is no cluster to be running: the badge is this node's.
            clusterState.setText(getTranslation(
                    snapshot.clustered() ? "nodes.clusterState" : "nodes.nodeState",
                    getTranslation("state." + snapshot.state())));
            clusterState.getElement().getThemeList().clear();
            clusterState.getElement().getThemeList().add(theme(snapshot.state()));
            clusterState
                    .getElement()
                    .setAttribute("data-state", snapshot.state().name());
            changed = true;
        }
        single.setVisible(!snapshot.clustered());
        if (snapshot.clustered() != shownClustered) {
            shownClustered = snapshot.clustered();
            grid.getDataProvider().refreshAll();
            changed = true;
        }
        String why = snapshot.problemIfAny()
                .map(p -> getTranslation("nodes.problem", DisplayText.safe(p, TEXT_MAX)))
                .orElse("");
        if (!why.equals(problem.getText())) {
            problem.setText(why);
            problem.setVisible(!why.isEmpty());
            changed = true;
        }
        List<Row> rows = snapshot.nodes().stream().map(this::row).toList();
        if (!rows.equals(shown)) {
            shown = rows;
            items.clear();
            items.addAll(rows);
            grid.getDataProvider().refreshAll();
            changed = true;
        }
        return changed;
    }

    private Row row(NodeInfo node) {
        String state;
        String theme;
        switch (node.presence()) {
            case LOST -> {
                state = getTranslation("nodes.lost");
                theme = "badge error primary";
            }
            case LEFT -> {
                state = getTranslation("nodes.left");
                theme = "badge contrast";
            }
            default -> {
                state = getTranslation("state." + node.state());
                theme = theme(node.state());
            }
        }
        String reason = node.live()
                ? node.reasonIfAny().map(this::reason).orElse("")
                : node.lost() && node.lostAt() != null
                        ? getTranslation("nodes.lostAt", UserTime.format(node.lostAt(), clock.instant()))
                        : "";
        return new Row(
                node,
                state,
                theme,
                DisplayText.safe(reason, TEXT_MAX),
                UserTime.format(node.since(), clock.instant()),
                node.live() ? node.busyWorkers() + " / " + node.poolSize() : "—",
                getTranslation(
                        "nodes.checkinAge",
                        UserTime.format(node.checkinAt(), clock.instant()),
                        DurationText.format(Duration.ofSeconds(node.checkinAge().toSeconds()), getLocale())),
                getTranslation("nodes.skewMillis", (node.skewMillis() > 0 ? "+" : "") + node.skewMillis()));
    }

    private String reason(StatusReason reason) {
        return getTranslation("reason." + reason.code().name(), reason.args().toArray());
    }

    private static String theme(SchedulerState state) {
        return switch (state) {
            case RUNNING -> "badge success";
            case STARTING, STOPPING -> "badge";
            case STOPPED -> "badge contrast";
            case DEGRADED, FAILED -> "badge error";
        };
    }
}
