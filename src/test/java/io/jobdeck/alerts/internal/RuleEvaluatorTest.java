package io.jobdeck.alerts.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobdeck.alerts.AlertRule;
import io.jobdeck.alerts.Channel;
import io.jobdeck.alerts.RuleKind;
import io.jobdeck.events.JobOutcome;
import io.jobdeck.scheduler.SchedulerState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each kind of rule as a pure function of what a check sees, tested as a table: the subjects it finds wrong or fine. */
class RuleEvaluatorTest {

    static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    static final Facts.Job NIGHTLY = new Facts.Job("reports", "nightly");
    static final Facts.Job OTHER = new Facts.Job("other", "job");

    /** A check at T0 + 3 h of a healthy scheduler running since T0, nothing running, nothing ended. */
    static final class F {
        Instant now = T0.plus(Duration.ofHours(3));
        SchedulerState state = SchedulerState.RUNNING;
        Instant since = T0;

        @Nullable
        Instant storeTroubleSince;

        List<Facts.Running> running = List.of();
        List<Facts.Ended> ended = List.of();
        Map<Facts.Job, Instant> lastSuccess = Map.of();

        Facts facts() {
            return new Facts(now, state, since, null, storeTroubleSince, null, running, ended, lastSuccess);
        }
    }

    static AlertRule rule(RuleKind kind, @Nullable String group, @Nullable String name, Duration threshold) {
        return new AlertRule(
                1, kind, true, group, name, threshold, Duration.ofHours(1), Set.of(Channel.IN_APP), false, T0);
    }

    static Facts.Ended ended(Facts.Job job, JobOutcome outcome, boolean last) {
        return new Facts.Ended(job, outcome, last, last ? 3 : 1, outcome.failed() ? "boom" : null, T0);
    }

    static Stream<Arguments> rows() {
        AlertRule failed = rule(RuleKind.JOB_FAILED, null, null, Duration.ZERO);
        AlertRule failedNightly = rule(RuleKind.JOB_FAILED, "reports", "nightly", Duration.ZERO);
        AlertRule stuck = rule(RuleKind.JOB_STUCK, null, null, Duration.ofMinutes(10));
        AlertRule missed = rule(RuleKind.MISSED_RUN, "reports", "nightly", Duration.ofHours(2));
        AlertRule scheduler = rule(RuleKind.SCHEDULER_NOT_RUNNING, null, null, Duration.ofSeconds(60));
        AlertRule schedulerStopped = new AlertRule(
                1,
                RuleKind.SCHEDULER_NOT_RUNNING,
                true,
                null,
                null,
                Duration.ofSeconds(60),
                Duration.ofHours(1),
                Set.of(Channel.IN_APP),
                true,
                T0);
        AlertRule store = rule(RuleKind.STORE_NOT_ANSWERING, null, null, Duration.ofSeconds(30));
        return Stream.of(
                row(
                        "a run that failed for good is wrong",
                        failed,
                        f -> {
                            f.ended = List.of(ended(NIGHTLY, JobOutcome.FAILED, true));
                            return f;
                        },
                        Map.of("reports.nightly", true)),
                row(
                        "a failure that is retried says nothing yet",
                        failed,
                        f -> {
                            f.ended = List.of(ended(NIGHTLY, JobOutcome.FAILED, false));
                            return f;
                        },
                        Map.of()),
                row(
                        "a timeout that ends the run is wrong too",
                        failed,
                        f -> {
                            f.ended = List.of(ended(NIGHTLY, JobOutcome.TIMED_OUT, true));
                            return f;
                        },
                        Map.of("reports.nightly", true)),
                row(
                        "an interrupted run says nothing",
                        failed,
                        f -> {
                            f.ended = List.of(ended(NIGHTLY, JobOutcome.INTERRUPTED, true));
                            return f;
                        },
                        Map.of()),
                row(
                        "a success is fine again",
                        failed,
                        f -> {
                            f.ended = List.of(ended(NIGHTLY, JobOutcome.SUCCEEDED, true));
                            return f;
                        },
                        Map.of("reports.nightly", false)),
                row(
                        "a rule on one job ignores the others",
                        failedNightly,
                        f -> {
                            f.ended = List.of(ended(OTHER, JobOutcome.FAILED, true));
                            return f;
                        },
                        Map.of()),
                row(
                        "a run longer than the threshold is stuck",
                        stuck,
                        f -> {
                            f.running = List.of(new Facts.Running(NIGHTLY, "f1", f.now.minus(Duration.ofMinutes(11))));
                            return f;
                        },
                        Map.of("reports.nightly", true)),
                row(
                        "a run within the threshold is not",
                        stuck,
                        f -> {
                            f.running = List.of(new Facts.Running(NIGHTLY, "f1", f.now.minus(Duration.ofMinutes(9))));
                            return f;
                        },
                        Map.of()),
                row(
                        "no success within the window since the rule was saved is a missed run",
                        missed,
                        f -> f,
                        Map.of("reports.nightly", true)),
                row(
                        "a success within the window is fine",
                        missed,
                        f -> {
                            f.lastSuccess = Map.of(NIGHTLY, f.now.minus(Duration.ofMinutes(90)));
                            return f;
                        },
                        Map.of("reports.nightly", false)),
                row(
                        "a success long ago is a missed run",
                        missed,
                        f -> {
                            f.lastSuccess = Map.of(NIGHTLY, f.now.minus(Duration.ofMinutes(121)));
                            return f;
                        },
                        Map.of("reports.nightly", true)),
                row(
                        "the window starts no earlier than the rule: a new rule is fine for its first window",
                        missed,
                        f -> {
                            f.now = T0.plus(Duration.ofMinutes(119));
                            return f;
                        },
                        Map.of("reports.nightly", false)),
                row(
                        "degraded for longer than the threshold",
                        scheduler,
                        f -> {
                            f.state = SchedulerState.DEGRADED;
                            f.since = f.now.minusSeconds(61);
                            return f;
                        },
                        Map.of("scheduler", true)),
                row(
                        "degraded for less than the threshold",
                        scheduler,
                        f -> {
                            f.state = SchedulerState.DEGRADED;
                            f.since = f.now.minusSeconds(59);
                            return f;
                        },
                        Map.of()),
                row(
                        "stopped by an operator is no alert",
                        scheduler,
                        f -> {
                            f.state = SchedulerState.STOPPED;
                            f.since = f.now.minusSeconds(3600);
                            return f;
                        },
                        Map.of()),
                row(
                        "stopped is an alert when the rule says so",
                        schedulerStopped,
                        f -> {
                            f.state = SchedulerState.STOPPED;
                            f.since = f.now.minusSeconds(3600);
                            return f;
                        },
                        Map.of("scheduler", true)),
                row("running is fine", scheduler, f -> f, Map.of()),
                row(
                        "a store silent for longer than the threshold",
                        store,
                        f -> {
                            f.storeTroubleSince = f.now.minusSeconds(30);
                            return f;
                        },
                        Map.of("job store", true)),
                row(
                        "a store silent for less",
                        store,
                        f -> {
                            f.storeTroubleSince = f.now.minusSeconds(29);
                            return f;
                        },
                        Map.of()));
    }

    static Arguments row(String name, AlertRule rule, UnaryOperator<F> facts, Map<String, Boolean> expected) {
        return Arguments.of(name, rule, facts.apply(new F()).facts(), expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void says_which_subjects_are_wrong_and_which_are_fine(
            String name, AlertRule rule, Facts facts, Map<String, Boolean> expected) {
        Verdict.Set verdicts = RuleEvaluator.evaluate(rule, facts);
        assertThat(verdicts.verdicts())
                .extracting(Verdict::subject, Verdict::bad)
                .containsExactlyInAnyOrderElementsOf(expected.entrySet().stream()
                        .map(e -> org.assertj.core.groups.Tuple.tuple(e.getKey(), e.getValue()))
                        .toList());
        assertThat(verdicts.complete()).as("complete").isEqualTo(rule.kind() != RuleKind.JOB_FAILED);
    }
}
