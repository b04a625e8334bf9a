package io.jobdeck.dashboard.ui;

import com.vaadin.flow.component.html.Span;
import io.jobdeck.events.JobOutcome;
import io.jobdeck.jobs.JobState;
import io.jobdeck.scheduler.SchedulerState;

/** Lumo badges for states and outcomes. */
final class Badges {

    private Badges() {}

    static String theme(SchedulerState state) {
        return switch (state) {
            case RUNNING -> "badge success";
            case STARTING, STOPPING -> "badge";
            case STOPPED -> "badge contrast";
            case DEGRADED, FAILED -> "badge error";
        };
    }

    static String theme(JobState state) {
        return switch (state) {
            case RUNNING -> "badge success primary";
            case SCHEDULED -> "badge success";
            case PAUSED, COMPLETE, UNSCHEDULED -> "badge contrast";
            case BLOCKED -> "badge";
            case ERROR -> "badge error";
        };
    }

    static String theme(JobOutcome outcome) {
        return switch (outcome) {
            case SUCCEEDED -> "badge success";
            case FAILED -> "badge error";
            case INTERRUPTED -> "badge contrast";
        };
    }

    static Span badge(String text, String theme) {
        Span badge = new Span(text);
        badge.getElement().getThemeList().add(theme);
        return badge;
    }
}
