package io.jobdeck.dashboard.ui;

import io.jobdeck.jobs.JobState;
import io.jobdeck.scheduler.SchedulerState;

/** Lumo badge themes for states (outcomes' are {@link io.jobdeck.ui.Outcomes}'). */
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
}
