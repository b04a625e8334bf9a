package io.jobdeck.alerts;

import io.jobdeck.alerts.internal.Alert;
import io.jobdeck.alerts.internal.AlertEngine;
import io.jobdeck.alerts.internal.AlertStore;
import io.jobdeck.alerts.internal.Dispatcher;
import io.jobdeck.audit.AuditAction;
import io.jobdeck.audit.Audited;
import io.jobdeck.cluster.NodeIdentity;
import io.jobdeck.jobs.FieldProblem;
import io.jobdeck.security.Permissions;
import io.jobdeck.support.Threads;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadPoolExecutor;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.MessageSource;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * The alert rules (read, checked, saved, deleted, tried with a test alert) and the record of what was sent, for
 * admins. Reads and writes run on {@code jobdeck-alerts-read}, never on the caller's thread.
 */
@Service
public class Alerts implements DisposableBean {

    /** The most rows one page of deliveries may have. */
    public static final int MAX_PAGE = 200;

    private final AlertStore store;
    private final AlertEngine engine;
    private final Dispatcher dispatcher;
    private final MessageSource messages;
    private final Clock clock;
    private final String node;
    private final ThreadPoolExecutor worker = Threads.pool("jobdeck-alerts-read", 1, 100);

    Alerts(
            AlertStore store,
            AlertEngine engine,
            Dispatcher dispatcher,
            MessageSource messages,
            Clock clock,
            NodeIdentity node) {
        this.store = store;
        this.engine = engine;
        this.dispatcher = dispatcher;
        this.messages = messages;
        this.clock = clock;
        this.node = node.id();
    }

    /** A draft refused by its checks: the problems, by field, in the caller's language. */
    public static final class Refused extends RuntimeException {
        private final List<FieldProblem> problems;

        public Refused(List<FieldProblem> problems) {
            super(problems.stream()
                    .map(p -> p.field() + ": " + p.message())
                    .collect(java.util.stream.Collectors.joining("; ")));
            this.problems = List.copyOf(problems);
        }

        public List<FieldProblem> problems() {
            return problems;
        }
    }

    @PreAuthorize(Permissions.ADMINISTER)
    public CompletionStage<List<AlertRule>> readRules() {
        return CompletableFuture.supplyAsync(store::rules, worker);
    }

    /**
     * What is wrong with a draft, by field ({@code kind}, {@code job}, {@code threshold}, {@code dedup},
     * {@code channels}), worded in {@code locale}; empty when it can be saved. Pure: nothing is read or stored.
     */
    public List<FieldProblem> check(RuleDraft draft, Locale locale) {
        List<FieldProblem> problems = new ArrayList<>();
        RuleKind kind = draft.kind();
        if (kind == null) {
            problems.add(problem("kind", "alerts.rule.kind.required", locale));
            return problems;
        }
        String job = draft.job().strip();
        if (kind.perJob()) {
            if (job.length() > RuleDraft.MAX_JOB) {
                problems.add(problem("job", "alerts.rule.job.tooLong", locale, RuleDraft.MAX_JOB));
            } else if (!job.isEmpty() && parseJob(job) == null) {
                problems.add(problem("job", "alerts.rule.job.format", locale));
            } else if (kind == RuleKind.MISSED_RUN && (job.isEmpty() || job.endsWith(".*"))) {
                problems.add(problem("job", "alerts.rule.job.required", locale));
            }
        }
        if (kind.usesThreshold()) {
            long least = kind == RuleKind.JOB_STUCK || kind == RuleKind.MISSED_RUN ? 1 : 0;
            if (draft.thresholdSeconds() < least || draft.thresholdSeconds() > RuleDraft.MAX_SECONDS) {
                problems.add(problem("threshold", "alerts.rule.threshold.range", locale, least, RuleDraft.MAX_SECONDS));
            }
        }
        if (draft.dedupSeconds() < 0 || draft.dedupSeconds() > RuleDraft.MAX_SECONDS) {
            problems.add(problem("dedup", "alerts.rule.dedup.range", locale, 0, RuleDraft.MAX_SECONDS));
        }
        if (draft.enabled() && draft.channels().isEmpty()) {
            problems.add(problem("channels", "alerts.rule.channels.required", locale));
        }
        return problems;
    }

    /** Saves a new rule (id 0) or changes one; refused with {@link Refused} if its checks fail. */
    @PreAuthorize(Permissions.ADMINISTER)
    @Audited(
            value = AuditAction.SAVE_ALERT_RULE,
            target = "#draft.id() == 0 ? 'new alert rule' : 'alert rule ' + #draft.id()",
            detail = "#draft.kind() + (#draft.enabled() ? ' on' : ' off') + ' to ' + #draft.channels()")
    public CompletionStage<AlertRule> save(RuleDraft draft, Locale locale) {
        List<FieldProblem> problems = check(draft, locale);
        if (!problems.isEmpty()) {
            return CompletableFuture.failedFuture(new Refused(problems));
        }
        RuleKind kind = Objects.requireNonNull(draft.kind());
        String[] job = kind.perJob() ? parseJob(draft.job().strip()) : null;
        AlertRule rule = new AlertRule(
                draft.id(),
                kind,
                draft.enabled(),
                job == null ? null : job[0],
                job == null ? null : job[1],
                Duration.ofSeconds(kind.usesThreshold() ? draft.thresholdSeconds() : 0),
                Duration.ofSeconds(draft.dedupSeconds()),
                draft.channels(),
                kind == RuleKind.SCHEDULER_NOT_RUNNING && draft.includeStopped(),
                clock.instant());
        return CompletableFuture.supplyAsync(
                () -> {
                    AlertRule saved = store.save(rule)
                            .orElseThrow(() -> new NoSuchElementException("No alert rule " + draft.id()));
                    engine.forget(saved.id());
                    return saved;
                },
                worker);
    }

    @PreAuthorize(Permissions.ADMINISTER)
    @Audited(value = AuditAction.DELETE_ALERT_RULE, target = "'alert rule ' + #id")
    public CompletionStage<Boolean> delete(long id) {
        return CompletableFuture.supplyAsync(
                () -> {
                    boolean deleted = store.delete(id);
                    engine.forget(id);
                    return deleted;
                },
                worker);
    }

    /** Sends a test alert through the rule's channels (recorded like any other); completes once it is handed over. */
    @PreAuthorize(Permissions.ADMINISTER)
    @Audited(value = AuditAction.SEND_TEST_ALERT, target = "'alert rule ' + #id")
    public CompletionStage<String> sendTest(long id) {
        return CompletableFuture.supplyAsync(
                () -> {
                    AlertRule rule =
                            store.rule(id).orElseThrow(() -> new NoSuchElementException("No alert rule " + id));
                    Alert alert = new Alert(
                            UUID.randomUUID().toString(),
                            clock.instant(),
                            rule.id(),
                            rule.kind(),
                            rule.job() == null ? "test" : rule.job(),
                            AlertPhase.TEST,
                            "A test of alert rule " + rule.id() + " (" + rule.kind()
                                    + "): if you read this, the channel works",
                            node,
                            rule.channels());
                    dispatcher.send(alert);
                    return alert.id();
                },
                worker);
    }

    /** One page of what was sent, newest first. */
    @PreAuthorize(Permissions.ADMINISTER)
    public CompletionStage<DeliveryPage> readDeliveries(int offset, int limit) {
        if (offset < 0 || limit < 1 || limit > MAX_PAGE) {
            return CompletableFuture.failedFuture(
                    new IllegalArgumentException("A page starts at 0 or later and has 1 to " + MAX_PAGE + " rows"));
        }
        return CompletableFuture.supplyAsync(() -> store.page(offset, limit), worker);
    }

    /** {@code group.name} as group and name; {@code group.*} as group and null; null when it is neither. */
    static String @Nullable [] parseJob(String job) {
        int dot = job.indexOf('.');
        if (dot <= 0 || dot == job.length() - 1) {
            return null;
        }
        String group = job.substring(0, dot);
        String name = job.substring(dot + 1);
        return new String[] {group, name.equals("*") ? null : name};
    }

    private FieldProblem problem(String field, String key, Locale locale, Object... args) {
        return new FieldProblem(field, Objects.requireNonNullElse(messages.getMessage(key, args, key, locale), key));
    }

    @Override
    public void destroy() {
        Threads.shutdown(worker, Duration.ofSeconds(5));
    }
}
