package io.jobdeck.jobs;

import org.quartz.CronScheduleBuilder;
import org.quartz.CronTrigger;
import org.quartz.Trigger;

/**
 * What a trigger does about fires it missed (the scheduler was stopped, or every worker was busy for longer than the
 * misfire threshold). Each choice is explained to the user in one sentence ({@code misfire.<NAME>.help}).
 */
public enum Misfire {
    /** Run once as soon as possible, then keep to the schedule (Quartz's "fire and proceed", its smart choice). */
    FIRE_ONCE_NOW(CronTrigger.MISFIRE_INSTRUCTION_FIRE_ONCE_NOW),
    /** Skip what was missed and wait for the next time on the schedule. */
    SKIP(CronTrigger.MISFIRE_INSTRUCTION_DO_NOTHING),
    /** Run every missed fire, one after another, as soon as possible. */
    CATCH_UP(Trigger.MISFIRE_INSTRUCTION_IGNORE_MISFIRE_POLICY);

    private final int instruction;

    Misfire(int instruction) {
        this.instruction = instruction;
    }

    /** The cron schedule with this choice. */
    public CronScheduleBuilder applyTo(CronScheduleBuilder schedule) {
        return switch (this) {
            case FIRE_ONCE_NOW -> schedule.withMisfireHandlingInstructionFireAndProceed();
            case SKIP -> schedule.withMisfireHandlingInstructionDoNothing();
            case CATCH_UP -> schedule.withMisfireHandlingInstructionIgnoreMisfires();
        };
    }

    /** The choice a stored cron trigger has; Quartz's smart policy reads as {@link #FIRE_ONCE_NOW}, which it means. */
    public static Misfire of(int instruction) {
        for (Misfire m : values()) {
            if (m.instruction == instruction) {
                return m;
            }
        }
        return FIRE_ONCE_NOW;
    }
}
