package io.jobdeck.jobs;

import io.jobdeck.cluster.NodeIdentity;
import io.jobdeck.events.EventHub;
import io.jobdeck.events.SchedulerEvent;
import io.jobdeck.jobs.internal.JobKind;
import io.jobdeck.jobs.internal.JobKinds;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiPredicate;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.quartz.Calendar;
import org.quartz.JobBuilder;
import org.quartz.JobDataMap;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.impl.matchers.GroupMatcher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The job store as definitions: every job defined in the browser (or by a definitions document) with its triggers,
 * their pause and who manages it, and every calendar Jobdeck edits; and a set of such definitions written in one
 * transaction (Quartz's Spring job store joins it), all or nothing. No role checks here: the services that call it
 * ({@link JobDefinitions}, the jobs-as-code service) check them.
 */
@Component
public class StoredCatalog {

    /**
     * The job data property that says the job is managed by a definitions file (its value names the file). Not a
     * property of any type: a Java parameter's name holds no dot, the other types' keys start with their own prefix.
     */
    public static final String MANAGED_BY = "jobdeck.managed-by";

    private final Scheduler scheduler;
    private final JobKinds kinds;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final EventHub hub;
    private final String node;

    StoredCatalog(
            Scheduler scheduler,
            JobKinds kinds,
            TransactionTemplate transactions,
            Clock clock,
            EventHub hub,
            NodeIdentity node) {
        this.scheduler = scheduler;
        this.kinds = kinds;
        this.transactions = transactions;
        this.clock = clock;
        this.hub = hub;
        this.node = node.id();
    }

    /** A job's key. */
    public record Key(String group, String name) {

        @Override
        public String toString() {
            return group + "." + name;
        }
    }

    /**
     * One job as stored: its definition (secrets in clear, triggers named), the names of its paused triggers, and the
     * file that manages it (null: none).
     */
    public record StoredJob(
            JobDefinition definition,
            Set<String> pausedTriggers,
            @Nullable String managedBy) {

        public StoredJob {
            pausedTriggers = Set.copyOf(pausedTriggers);
        }

        public Key key() {
            return new Key(definition.group(), definition.name());
        }
    }

    /**
     * The definitions read: jobs in group and name order, calendars by name, the names of all calendars (also those
     * defined in code), and how many jobs were left out because they are defined in code.
     */
    public record Snapshot(List<StoredJob> jobs, List<JobCalendar> calendars, Set<String> calendarNames, int skipped) {}

    /**
     * What to write: calendars to add or replace, jobs to add or replace (with their pause and manager), and jobs to
     * delete.
     */
    public record Changes(List<JobCalendar> calendars, List<StoredJob> jobs, List<Key> deleted) {}

    /** Every job {@code selected} takes (by group and name) and every calendar. Reads the store: not on a UI thread. */
    public Snapshot read(BiPredicate<String, String> selected) throws SchedulerException {
        List<StoredJob> jobs = new ArrayList<>();
        int skipped = 0;
        List<JobKey> keys = new ArrayList<>();
        for (String group : scheduler.getJobGroupNames()) {
            for (JobKey key : scheduler.getJobKeys(GroupMatcher.jobGroupEquals(group))) {
                if (selected.test(key.getGroup(), key.getName())) {
                    keys.add(key);
                }
            }
        }
        keys.sort(Comparator.comparing(JobKey::getGroup).thenComparing(JobKey::getName));
        for (JobKey key : keys) {
            JobDetail job = scheduler.getJobDetail(key);
            if (job == null) {
                continue; // deleted meanwhile
            }
            try {
                JobDefinition definition = definition(job);
                Set<String> paused = new TreeSet<>();
                for (TriggerDefinition t : definition.triggers()) {
                    if (scheduler.getTriggerState(org.quartz.TriggerKey.triggerKey(t.name(), key.getGroup()))
                            == Trigger.TriggerState.PAUSED) {
                        paused.add(t.name());
                    }
                }
                jobs.add(new StoredJob(definition, paused, managedBy(job)));
            } catch (JobDefinitions.NotEditable inCode) {
                skipped++;
            }
        }
        List<JobCalendar> calendars = new ArrayList<>();
        Set<String> names = new TreeSet<>(scheduler.getCalendarNames());
        for (String name : names) {
            Calendar quartz = scheduler.getCalendar(name);
            if (quartz != null) {
                QuartzCalendars.fromQuartz(name, quartz).ifPresent(calendars::add);
            }
        }
        return new Snapshot(jobs, calendars, names, skipped);
    }

    /** Writes {@code changes} in one transaction: all of them or, if any fails, none. */
    public void write(Changes changes) {
        inTransaction(() -> {
            for (JobCalendar calendar : changes.calendars()) {
                scheduler.addCalendar(calendar.name(), QuartzCalendars.toQuartz(calendar), true, true);
            }
            Instant now = clock.instant();
            for (StoredJob job : changes.jobs()) {
                JobDefinition definition = job.definition();
                JobKey key = JobKey.jobKey(definition.name(), definition.group());
                JobDetail stored = scheduler.getJobDetail(key);
                JobDefinition before =
                        stored == null ? definition.as(key.getGroup(), key.getName(), List.of()) : definition(stored);
                JobDefinition named =
                        definition.as(key.getGroup(), key.getName(), named(key, before, definition.triggers()));
                if (stored == null) {
                    Set<Trigger> triggers = new LinkedHashSet<>();
                    named.triggers().forEach(t -> triggers.add(QuartzTriggers.build(key, t, now)));
                    scheduler.scheduleJob(jobDetail(key, named, job.managedBy()), triggers, false);
                } else {
                    replace(key, named, job.managedBy());
                }
                for (TriggerDefinition t : named.triggers()) {
                    org.quartz.TriggerKey trigger = org.quartz.TriggerKey.triggerKey(t.name(), key.getGroup());
                    boolean paused = scheduler.getTriggerState(trigger) == Trigger.TriggerState.PAUSED;
                    if (job.pausedTriggers().contains(t.name()) && !paused) {
                        scheduler.pauseTrigger(trigger);
                    } else if (!job.pausedTriggers().contains(t.name()) && paused) {
                        scheduler.resumeTrigger(trigger);
                    }
                }
            }
            for (Key gone : changes.deleted()) {
                scheduler.deleteJob(JobKey.jobKey(gone.name(), gone.group()));
            }
        });
    }

    /** The file that manages the job, if one does. */
    static @Nullable String managedBy(JobDetail job) {
        Object by = job.getJobDataMap().get(MANAGED_BY);
        return by == null ? null : by.toString();
    }

    interface QuartzStep {
        void run() throws SchedulerException;
    }

    /**
     * Runs Quartz calls in one transaction (Quartz's Spring job store joins it), then says that jobs changed: Quartz
     * tells its listeners before the transaction commits, and a page that read the store then would not see the change.
     */
    void inTransaction(QuartzStep step) {
        transactions.executeWithoutResult(tx -> {
            try {
                step.run();
            } catch (SchedulerException e) {
                throw new StoreFailed(e);
            }
        });
        hub.publish(new SchedulerEvent.JobsChanged(node));
    }

    /** A Quartz failure inside a transaction, which rolled it back. */
    static final class StoreFailed extends RuntimeException {

        StoreFailed(SchedulerException cause) {
            super(cause.getMessage(), cause);
        }
    }

    /**
     * The triggers with their names: a trigger keeps the name it was read with if the job still has it, and a name of
     * the job's own ({@code nightly}, {@code nightly#2}) given once; another gets the job's own name if that is free,
     * else the job's name and the first free number ({@code nightly#2}: a job's name cannot hold {@code #}, so no other
     * job's trigger can be called that).
     */
    public static List<TriggerDefinition> named(JobKey key, JobDefinition before, List<TriggerDefinition> triggers) {
        Set<String> had =
                before.triggers().stream().map(TriggerDefinition::name).collect(Collectors.toSet());
        // A name that went in this edit is not given to a new trigger: that would carry the old one's pause over.
        Set<String> taken = new HashSet<>(had);
        triggers.forEach(t -> taken.add(t.name()));
        Set<String> used = new HashSet<>();
        List<TriggerDefinition> named = new ArrayList<>();
        for (TriggerDefinition t : triggers) {
            if ((had.contains(t.name()) || ownName(key.getName(), t.name())) && used.add(t.name())) {
                named.add(t);
                continue;
            }
            String name = key.getName();
            for (int n = 2; taken.contains(name); n++) {
                name = key.getName() + "#" + n;
            }
            taken.add(name);
            used.add(name);
            named.add(t.named(name));
        }
        return named;
    }

    /** Whether {@code trigger} is a name of the job {@code job}'s own: its name, or its name, {@code #} and more. */
    public static boolean ownName(String job, String trigger) {
        return trigger.equals(job) || trigger.startsWith(job + "#") && trigger.length() > job.length() + 1;
    }

    /**
     * Replaces the job's definition: its data, and each trigger that changed (keeping its pause; one that did not
     * change keeps its phase and fires); triggers no longer in the definition go, new ones come. Call it inside a
     * transaction. A running execution goes on as it started.
     */
    void replace(JobKey key, JobDefinition after, @Nullable String managedBy) throws SchedulerException {
        scheduler.addJob(jobDetail(key, after, managedBy), true);
        Map<String, Trigger> existing = new HashMap<>();
        for (Trigger t : scheduler.getTriggersOfJob(key)) {
            if (QuartzTriggers.defines(t)) {
                existing.put(t.getKey().getName(), t);
            }
        }
        Instant now = clock.instant();
        for (TriggerDefinition t : after.triggers()) {
            Trigger old = existing.remove(t.name());
            Trigger fresh = QuartzTriggers.build(key, t, now);
            if (old == null) {
                scheduler.scheduleJob(fresh);
            } else if (!QuartzTriggers.read(old)
                    .map(QuartzTriggers::describe)
                    .orElse("")
                    .equals(QuartzTriggers.describe(t))) {
                boolean paused = scheduler.getTriggerState(old.getKey()) == Trigger.TriggerState.PAUSED;
                scheduler.rescheduleJob(old.getKey(), fresh);
                if (paused) {
                    scheduler.pauseTrigger(fresh.getKey());
                }
            }
        }
        for (Trigger gone : existing.values()) {
            scheduler.unscheduleJob(gone.getKey());
        }
    }

    JobDetail jobDetail(JobKey key, JobDefinition definition, @Nullable String managedBy) {
        JobKind kind = kinds.of(definition.type());
        Map<String, String> data = new LinkedHashMap<>(kind.toData(definition.data()));
        data.putAll(definition.retry().toData());
        if (managedBy != null) {
            data.put(MANAGED_BY, managedBy);
        }
        return JobBuilder.newJob(kind.jobClass(definition.data()))
                .withIdentity(key)
                .withDescription(definition.description().isBlank() ? null : definition.description())
                .usingJobData(new JobDataMap(data))
                .storeDurably()
                .requestRecovery(definition.rerunIfNodeDies())
                .build();
    }

    /**
     * A job's properties, all strings (that is how the job store keeps them), without Jobdeck's own marks and its
     * retry policy.
     */
    static Map<String, String> data(JobDetail job) {
        Map<String, String> data = new LinkedHashMap<>();
        job.getJobDataMap().forEach((k, v) -> {
            if (!k.equals(MANAGED_BY) && !RetryPolicy.isPolicyKey(k)) {
                data.put(k, String.valueOf(v));
            }
        });
        return data;
    }

    /** A job defined here, as its form defines it: what it does (one of the types) and its triggers, its own first. */
    JobDefinition definition(JobDetail job) throws SchedulerException {
        JobKey key = job.getKey();
        Map<String, String> data = data(job);
        JobKind kind = kinds.of(job.getJobClass(), data).orElseThrow(JobDefinitions.NotEditable::new);
        return new JobDefinition(
                key.getGroup(),
                key.getName(),
                job.getDescription() == null ? "" : job.getDescription(),
                kind.type(),
                data,
                storedTriggers(key),
                RetryPolicy.of(job.getJobDataMap()),
                job.requestsRecovery());
    }

    /** The job's triggers as its form shows them, in a stable order; refused if one was made in code. */
    private List<TriggerDefinition> storedTriggers(JobKey key) throws SchedulerException {
        List<TriggerDefinition> triggers = new ArrayList<>();
        for (Trigger trigger : scheduler.getTriggersOfJob(key)) {
            if (QuartzTriggers.defines(trigger)) {
                triggers.add(QuartzTriggers.read(trigger).orElseThrow(JobDefinitions.NotEditable::new));
            }
        }
        triggers.sort(Comparator.comparing((TriggerDefinition t) -> !t.name().equals(key.getName()))
                .thenComparing(t -> t.name().length())
                .thenComparing(TriggerDefinition::name));
        return triggers;
    }

    /** Whether the job exists and a file manages it. */
    Optional<String> managedBy(JobKey key) throws SchedulerException {
        JobDetail job = scheduler.getJobDetail(key);
        return job == null ? Optional.empty() : Optional.ofNullable(managedBy(job));
    }
}
