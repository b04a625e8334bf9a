package io.jobdeck.dashboard.ui;

import io.jobdeck.events.JobOutcome;
import io.jobdeck.jobs.JobState;
import io.jobdeck.scheduler.SchedulerState;

/** Lumo badge themes for states and outcomes. */
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
            case FAILED, TIMED_OUT, NODE_DIED -> "badge error";
            case INTERRUPTED, VETOED, MISFIRED -> "badge contrast";
            case RUNNING -> "badge";
        };
    }
}
