package io.jobdeck.jobs;

import org.quartz.CronScheduleBuilder;
import org.quartz.CronTrigger;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.SimpleTrigger;
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

    /** An interval or one-off schedule with this choice (for a one-off, skipping a missed fire means it never runs). */
    public SimpleScheduleBuilder applyTo(SimpleScheduleBuilder schedule) {
        return switch (this) {
            case FIRE_ONCE_NOW -> schedule.withMisfireHandlingInstructionNowWithExistingCount();
            case SKIP -> schedule.withMisfireHandlingInstructionNextWithRemainingCount();
            case CATCH_UP -> schedule.withMisfireHandlingInstructionIgnoreMisfires();
        };
    }

    /** The choice a stored trigger has; Quartz's smart policy reads as {@link #FIRE_ONCE_NOW}, which it means. */
    public static Misfire of(Trigger trigger) {
        int instruction = trigger.getMisfireInstruction();
        if (trigger instanceof SimpleTrigger) {
            return switch (instruction) {
                case SimpleTrigger.MISFIRE_INSTRUCTION_RESCHEDULE_NEXT_WITH_REMAINING_COUNT,
                        SimpleTrigger.MISFIRE_INSTRUCTION_RESCHEDULE_NEXT_WITH_EXISTING_COUNT -> SKIP;
                case Trigger.MISFIRE_INSTRUCTION_IGNORE_MISFIRE_POLICY -> CATCH_UP;
                default -> FIRE_ONCE_NOW;
            };
        }
        for (Misfire m : values()) {
            if (m.instruction == instruction) {
                return m;
            }
        }
        return FIRE_ONCE_NOW;
    }
}
