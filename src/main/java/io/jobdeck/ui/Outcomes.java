package io.jobdeck.ui;

import com.vaadin.flow.component.html.Span;
import io.jobdeck.events.JobOutcome;

/** How an execution ended, as a Lumo badge: the same colours on the dashboard, the job page and the history. */
public final class Outcomes {

    private Outcomes() {}

    /** The badge's theme attribute for an outcome. */
    public static String theme(JobOutcome outcome) {
        return switch (outcome) {
            case SUCCEEDED -> "badge success";
            case FAILED, TIMED_OUT, NODE_DIED -> "badge error";
            case INTERRUPTED, VETOED, MISFIRED -> "badge contrast";
            case RUNNING -> "badge";
        };
    }

    /** A badge with the outcome's name in the reader's language. */
    public static Span badge(JobOutcome outcome) {
        Span badge = new Span();
        badge.setText(badge.getTranslation("outcome." + outcome.name()));
        badge.getElement().getThemeList().add(theme(outcome));
        return badge;
    }
}
