package io.jobdeck.dashboard.ui;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import io.jobdeck.nodes.ClusterSnapshot;
import io.jobdeck.nodes.NodeNotice;
import io.jobdeck.scheduler.SchedulerState;
import io.jobdeck.support.DisplayText;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The cluster on the dashboard (cluster mode only): its state (RUNNING only if a node fires), how many nodes are live,
 * and what single nodes are doing on their way ("Stopping… 2 jobs still running on node-b"), not following, or lost.
 */
class ClusterPanel extends Div {

    private static final int TEXT_MAX = 300;

    private final Span state = new Span();
    private final Span nodes = new Span();
    private final Div notices = new Div();
    private List<String> shown = List.of();

    ClusterPanel() {
        setId("cluster-panel");
        addClassName("jobdeck-cluster-panel");
        Span title = new Span(getTranslation("cluster.panel.title"));
        title.getStyle().set("font-weight", "600");
        state.setId("cluster-state");
        nodes.setId("cluster-nodes");
        nodes.addClassName("jobdeck-hint");
        Anchor link = new Anchor("nodes", getTranslation("cluster.panel.link"));
        link.setId("cluster-nodes-link");
        Div line = new Div(title, state, nodes, link);
        line.getStyle().set("display", "flex").set("gap", "var(--lumo-space-s)").set("align-items", "center");
        notices.setId("cluster-notices");
        notices.addClassName("jobdeck-hint");
        add(line, notices);
    }

    /** Shows {@code snapshot}; returns whether anything changed. */
    boolean show(ClusterSnapshot snapshot) {
        List<String> texts = new ArrayList<>();
        texts.add(snapshot.state().name());
        texts.add(getTranslation("cluster.panel.nodes", snapshot.liveCount(), liveNames(snapshot)));
        snapshot.problemIfAny()
                .ifPresent(p -> texts.add(getTranslation("cluster.notice.problem", DisplayText.safe(p, TEXT_MAX))));
        snapshot.notices().forEach(n -> texts.add(notice(n)));
        if (texts.equals(shown)) {
            return false;
        }
        shown = texts;
        SchedulerState cluster = snapshot.state();
        state.setText(getTranslation("state." + cluster));
        state.getElement().getThemeList().clear();
        state.getElement().getThemeList().add(Badges.theme(cluster));
        state.getElement().setAttribute("data-state", cluster.name());
        nodes.setText(texts.get(1));
        notices.removeAll();
        texts.subList(2, texts.size()).forEach(text -> notices.add(new Div(text)));
        return true;
    }

    /** Nodes counted: every name's newest start that has not left. */
    private static long liveNames(ClusterSnapshot snapshot) {
        return snapshot.nodes().stream()
                .filter(n -> n.presence() != io.jobdeck.nodes.NodeInfo.Presence.LEFT)
                .map(io.jobdeck.nodes.NodeInfo::name)
                .distinct()
                .count();
    }

    private String notice(NodeNotice n) {
        String node = DisplayText.safe(n.node(), TEXT_MAX);
        return switch (n.kind()) {
            case TRANSITION ->
                n.state() == SchedulerState.STARTING
                        ? getTranslation("cluster.notice.starting", node)
                        : getTranslation("cluster.notice.stopping", n.runningJobs(), node);
            case LOST -> getTranslation("cluster.notice.lost", node);
            case DISAGREES ->
                getTranslation(
                        "cluster.notice.disagrees",
                        node,
                        getTranslation("state." + n.state())
                                + (n.reason() == null
                                        ? ""
                                        : ": "
                                                + getTranslation(
                                                        "reason."
                                                                + n.reason()
                                                                        .code()
                                                                        .name(),
                                                        Objects.requireNonNull(n.reason())
                                                                .args()
                                                                .toArray())));
        };
    }
}
