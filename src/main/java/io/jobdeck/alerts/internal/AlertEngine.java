package io.jobdeck.alerts.internal;

import io.jobdeck.alerts.AlertPhase;
import io.jobdeck.alerts.AlertProperties;
import io.jobdeck.alerts.AlertRule;
import io.jobdeck.cluster.ClusterMode;
import io.jobdeck.cluster.NodeIdentity;
import io.jobdeck.events.JobOutcome;
import io.jobdeck.scheduler.SchedulerMonitor;
import io.jobdeck.scheduler.SchedulerStatus;
import io.jobdeck.scheduler.StatusReason;
import io.jobdeck.support.Threads;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Checks the rules every {@code jobdeck.alerts.check-every} on {@code jobdeck-alerts}: gathers the facts (what ended
 * since the last check, what runs, the scheduler's status, the last successes), asks each enabled rule for its verdicts
 * ({@link RuleEvaluator}), de-duplicates them ({@link Dedup}) and hands what is to be sent to the {@link Dispatcher}.
 * The de-duplication state and the last successes are kept in the database and in memory: while the database does not
 * answer (the store rule's very case), the memory decides and the alerts still go out.
 *
 * <p>In a cluster every node checks the rules against what it sees, and the database keeps them to one voice: both are
 * read afresh at each check, and a node sends an alert only if it made the state's change (a compare-and-set, so of
 * nodes deciding the same change at once one sends). A subject that a complete rule no longer finds wrong is told fine
 * again only by the node that made it firing: the others may not see what that node sees (its running jobs, its
 * scheduler).
 */
@Component
public class AlertEngine implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(AlertEngine.class);
    private static final Set<StatusReason.Code> STORE_TROUBLE =
            Set.of(StatusReason.Code.STORE_NOT_ANSWERING, StatusReason.Code.STORE_TOO_SLOW);

    private final AlertStore store;
    private final AlertListener listener;
    private final SchedulerMonitor monitor;
    private final Dispatcher dispatcher;
    private final AlertProperties properties;
    private final Clock clock;
    private final String node;
    private final String nodeName;
    private final boolean cluster;
    private final ScheduledThreadPoolExecutor thread = Threads.singleScheduled("jobdeck-alerts");

    // Guarded by this (the check runs on one thread; tests may call it too).
    private @Nullable Map<AlertStore.Key, Dedup.State> states;
    private Map<AlertStore.Key, String> changedBy = new HashMap<>();
    private @Nullable Map<Facts.Job, Instant> lastSuccess;
    private List<AlertRule> rules = List.of();
    private @Nullable Instant storeTroubleSince;

    AlertEngine(
            AlertStore store,
            AlertListener listener,
            SchedulerMonitor monitor,
            Dispatcher dispatcher,
            AlertProperties properties,
            Clock clock,
            NodeIdentity node,
            ClusterMode cluster) {
        this.store = store;
        this.listener = listener;
        this.monitor = monitor;
        this.dispatcher = dispatcher;
        this.properties = properties;
        this.clock = clock;
        this.node = node.id();
        this.nodeName = node.name();
        this.cluster = cluster.enabled();
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        long every = properties.checkEvery().toMillis();
        thread.scheduleWithFixedDelay(this::checkQuietly, every, every, TimeUnit.MILLISECONDS);
    }

    /** Checks the rules soon, on the check's thread; completes when done. */
    public CompletionStage<Void> checkSoon() {
        return CompletableFuture.runAsync(this::check, thread);
    }

    /** A rule was saved or deleted: what it held is judged afresh. */
    public synchronized void forget(long ruleId) {
        if (states != null) {
            states.keySet().removeIf(key -> key.ruleId() == ruleId);
        }
        rules = rules.stream().filter(r -> r.id() != ruleId).toList();
    }

    private void checkQuietly() {
        try {
            check();
        } catch (RuntimeException e) {
            log.warn("The alert check failed; it runs again in {}", properties.checkEvery(), e);
        }
    }

    /** One check of every enabled rule. */
    public synchronized void check() {
        Instant now = clock.instant();
        List<Facts.Ended> ended = listener.drainEnded();
        Map<Facts.Job, Instant> successes = successes(ended);
        SchedulerStatus status = monitor.status();
        Optional<StatusReason> storeTrouble = Stream.concat(
                        Stream.ofNullable(status.reason()), status.warnings().stream())
                .filter(r -> STORE_TROUBLE.contains(r.code()))
                .findFirst();
        if (storeTrouble.isEmpty()) {
            storeTroubleSince = null;
        } else if (storeTroubleSince == null) {
            storeTroubleSince = now;
        }
        Facts facts = new Facts(
                now,
                status.state(),
                status.since(),
                status.reason() == null ? null : status.reason().text(),
                storeTroubleSince,
                storeTrouble.map(StatusReason::text).orElse(null),
                listener.running(),
                ended,
                successes);
        Map<AlertStore.Key, Dedup.State> known = states();
        for (AlertRule rule : rules()) {
            if (rule.enabled()) {
                apply(rule, RuleEvaluator.evaluate(rule, facts), known, now);
            }
        }
    }

    private void apply(AlertRule rule, Verdict.Set verdicts, Map<AlertStore.Key, Dedup.State> known, Instant now) {
        List<Verdict> all = new ArrayList<>(verdicts.verdicts());
        if (verdicts.complete()) {
            Set<String> judged = new HashSet<>();
            all.forEach(v -> judged.add(v.subject()));
            known.forEach((key, state) -> {
                if (key.ruleId() == rule.id() && state.firing() && !judged.contains(key.subject()) && madeHere(key)) {
                    all.add(new Verdict(key.subject(), false, RuleEvaluator.fineAgain(key.subject())));
                }
            });
        }
        for (Verdict verdict : all) {
            AlertStore.Key key = new AlertStore.Key(rule.id(), verdict.subject());
            Dedup.State before = known.get(key);
            Dedup.Decision decision = Dedup.decide(before, verdict.bad(), now, rule.dedupWindow());
            AlertPhase phase = decision.send();
            if (decision.next() != null && !decision.next().equals(before)) {
                known.put(key, decision.next());
                changedBy.put(key, nodeName);
                try {
                    if (!store.claimState(key, before, decision.next(), nodeName)) {
                        // Another node made this change first (and sent what goes with it): read afresh next time.
                        known.remove(key);
                        phase = null;
                    }
                } catch (RuntimeException e) {
                    log.warn(
                            "Could not store the alert state of rule {} for {}; kept in memory",
                            rule.id(),
                            key.subject(),
                            e);
                }
            }
            if (phase != null) {
                log.info("Alert {} for rule {} ({}): {}", phase, rule.id(), rule.kind(), verdict.message());
                dispatcher.send(Alert.of(rule, verdict.subject(), phase, verdict.message(), now, node));
            }
        }
    }

    /** Whether a complete rule may tell this subject fine again here (see the class comment). */
    private boolean madeHere(AlertStore.Key key) {
        String by = changedBy.get(key);
        return !cluster || by == null || by.equals(nodeName);
    }

    /** The states as the database has them now (other nodes change them too); the last ones known if it fails. */
    private Map<AlertStore.Key, Dedup.State> states() {
        try {
            Map<AlertStore.Key, AlertStore.Stored> stored = store.states();
            Map<AlertStore.Key, Dedup.State> read = new HashMap<>();
            Map<AlertStore.Key, String> by = new HashMap<>();
            stored.forEach((key, row) -> {
                read.put(key, row.state());
                if (row.node() != null) {
                    by.put(key, row.node());
                }
            });
            states = read;
            changedBy = by;
        } catch (RuntimeException e) {
            if (states == null) {
                log.warn("Could not read the alert states; this check starts from none", e);
                states = new HashMap<>();
            } else {
                log.debug("Could not read the alert states; the ones in memory apply", e);
            }
        }
        return states;
    }

    private List<AlertRule> rules() {
        try {
            rules = store.rules();
        } catch (RuntimeException e) {
            log.debug("Could not read the alert rules; the last ones read apply", e);
        }
        return rules;
    }

    /** The last successes, with those that ended now noted (in memory at once, in the database if it answers). */
    private Map<Facts.Job, Instant> successes(List<Facts.Ended> ended) {
        try {
            // Afresh at each check: the other nodes' jobs succeed too.
            lastSuccess = new HashMap<>(store.lastSuccesses());
        } catch (RuntimeException e) {
            log.debug("Could not read the last successes; the ones in memory apply", e);
        }
        Map<Facts.Job, Instant> known = lastSuccess == null ? new HashMap<>() : lastSuccess;
        // One write per job and check, of its latest success: a job that succeeded 500 times since the last check
        // costs the database what one success does.
        Map<Facts.Job, Instant> latest = new HashMap<>();
        for (Facts.Ended end : ended) {
            if (end.outcome() == JobOutcome.SUCCEEDED) {
                latest.merge(end.job(), end.at(), AlertEngine::later);
            }
        }
        latest.forEach((job, at) -> {
            known.merge(job, at, AlertEngine::later);
            try {
                store.saveSuccess(job, at);
            } catch (RuntimeException e) {
                log.debug("Could not store the last success of {}", job, e);
            }
        });
        return known;
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    @Override
    public void destroy() {
        Threads.shutdown(thread, Duration.ofSeconds(2));
    }
}
