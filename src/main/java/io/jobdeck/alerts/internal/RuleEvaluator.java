package io.jobdeck.alerts.internal;

import io.jobdeck.alerts.AlertRule;
import io.jobdeck.events.JobOutcome;
import io.jobdeck.scheduler.SchedulerState;
import io.jobdeck.support.DurationText;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What each kind of rule says of what a check sees: pure functions, tested as tables. */
final class RuleEvaluator {

    static final String SCHEDULER = "scheduler";
    static final String STORE = "job store";

    private RuleEvaluator() {}

    static Verdict.Set evaluate(AlertRule rule, Facts facts) {
        return switch (rule.kind()) {
            case JOB_FAILED -> failed(rule, facts);
            case JOB_STUCK -> stuck(rule, facts);
            case MISSED_RUN -> missed(rule, facts);
            case SCHEDULER_NOT_RUNNING -> scheduler(rule, facts);
            case STORE_NOT_ANSWERING -> store(rule, facts);
        };
    }

    /** A run that failed for good is bad; a success is fine again; a failure that is retried says nothing yet. */
    private static Verdict.Set failed(AlertRule rule, Facts facts) {
        List<Verdict> verdicts = new ArrayList<>();
        for (Facts.Ended ended : facts.ended()) {
            if (!rule.watches(ended.job().group(), ended.job().name())) {
                continue;
            }
            if (ended.outcome().failed() && ended.last()) {
                verdicts.add(new Verdict(
                        ended.job().toString(),
                        true,
                        "Job " + ended.job() + " failed"
                                + (ended.attempt() > 1 ? " after " + ended.attempt() + " attempts" : "")
                                + " (" + ended.outcome() + ")"
                                + (ended.error() == null ? "" : ": " + ended.error())));
            } else if (ended.outcome() == JobOutcome.SUCCEEDED) {
                verdicts.add(new Verdict(ended.job().toString(), false, "Job " + ended.job() + " succeeded again"));
            }
        }
        return new Verdict.Set(verdicts, false);
    }

    private static Verdict.Set stuck(AlertRule rule, Facts facts) {
        Map<Facts.Job, Facts.Running> oldest = new LinkedHashMap<>();
        facts.running().stream()
                .filter(r -> rule.watches(r.job().group(), r.job().name()))
                .sorted(Comparator.comparing(Facts.Running::firedAt))
                .forEach(r -> oldest.putIfAbsent(r.job(), r));
        List<Verdict> verdicts = new ArrayList<>();
        for (Facts.Running run : oldest.values()) {
            Duration running = Duration.between(run.firedAt(), facts.now());
            if (running.compareTo(rule.threshold()) > 0) {
                verdicts.add(new Verdict(
                        run.job().toString(),
                        true,
                        "Job " + run.job() + " has been running for " + text(running) + " (longer than "
                                + text(rule.threshold()) + "), since " + run.firedAt()));
            }
        }
        return new Verdict.Set(verdicts, true);
    }

    /** A dead man's switch: the window starts at the last success, or when the rule was saved if none is known. */
    private static Verdict.Set missed(AlertRule rule, Facts facts) {
        if (rule.jobGroup() == null || rule.jobName() == null) {
            return new Verdict.Set(List.of(), true);
        }
        Facts.Job job = new Facts.Job(rule.jobGroup(), rule.jobName());
        Instant last = facts.lastSuccess().get(job);
        Instant since = last == null || last.isBefore(rule.updatedAt()) ? rule.updatedAt() : last;
        Duration quiet = Duration.between(since, facts.now());
        boolean bad = quiet.compareTo(rule.threshold()) > 0;
        String message = bad
                ? "Job " + job + " has not succeeded for " + text(quiet) + " (it must at least every "
                        + text(rule.threshold()) + ")" + (last == null ? "" : "; last success " + last)
                : "Job " + job + " succeeded again";
        return new Verdict.Set(List.of(new Verdict(job.toString(), bad, message)), true);
    }

    private static Verdict.Set scheduler(AlertRule rule, Facts facts) {
        SchedulerState state = facts.state();
        Duration inState = Duration.between(facts.stateSince(), facts.now());
        boolean counts = state != SchedulerState.RUNNING && (rule.includeStopped() || state != SchedulerState.STOPPED);
        if (counts && inState.compareTo(rule.threshold()) >= 0) {
            return new Verdict.Set(
                    List.of(new Verdict(
                            SCHEDULER,
                            true,
                            "The scheduler is " + state + " since " + facts.stateSince() + " (" + text(inState) + ")"
                                    + (facts.stateReason() == null ? "" : ": " + facts.stateReason()))),
                    true);
        }
        return new Verdict.Set(List.of(), true);
    }

    private static Verdict.Set store(AlertRule rule, Facts facts) {
        Instant since = facts.storeTroubleSince();
        if (since != null && Duration.between(since, facts.now()).compareTo(rule.threshold()) >= 0) {
            return new Verdict.Set(
                    List.of(new Verdict(
                            STORE,
                            true,
                            "The job store has not answered since " + since
                                    + (facts.storeReason() == null ? "" : ": " + facts.storeReason()))),
                    true);
        }
        return new Verdict.Set(List.of(), true);
    }

    private static String text(Duration duration) {
        return DurationText.format(duration, Locale.ENGLISH);
    }

    /** What a subject that was firing and now has no verdict of a complete rule is told. */
    static String fineAgain(String subject) {
        return switch (subject) {
            case SCHEDULER -> "The scheduler is running again";
            case STORE -> "The job store answers again";
            default -> subject + " is fine again";
        };
    }
}
