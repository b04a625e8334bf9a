package io.jobdeck.jobs;

import org.jspecify.annotations.Nullable;

/**
 * What the jobs list shows: jobs whose name, group, description or type contains {@code text} (any case), optionally
 * only one group, one type (a job class name) and one state, in one order.
 *
 * @param text  searched for in the name, group, description and job class; blank for any
 * @param group only this group, or null for all
 * @param type  only this job class (its full name), or null for all
 * @param state only jobs in this state, or null for all
 */
public record JobQuery(
        String text,
        @Nullable String group,
        @Nullable String type,
        @Nullable StateFilter state,
        Order order) {

    public static final JobQuery ALL = new JobQuery("", null, null, null, Order.NAME);

    public JobQuery {
        text = text.strip();
    }

    /** The states a list can be narrowed to, as read from the job's triggers. */
    public enum StateFilter {
        /** At least one trigger waits to fire. */
        SCHEDULED,
        /** At least one trigger is paused. */
        PAUSED,
        /** A trigger is in error: Quartz could not fire it (its job class is missing, for example). */
        ERROR,
        /** No trigger at all: the job runs only when run now. */
        UNSCHEDULED
    }

    /** The orders a list can be in; within each, by group and then name. */
    public enum Order {
        NAME,
        NEXT_FIRE,
        TYPE
    }
}
