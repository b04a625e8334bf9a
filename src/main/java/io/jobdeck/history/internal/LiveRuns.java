package io.jobdeck.history.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.jobdeck.cluster.NodeIdentity;
import io.jobdeck.events.EventHub;
import io.jobdeck.events.SchedulerEvent;
import io.jobdeck.history.HistoryProperties;
import io.jobdeck.history.LogTail;
import io.jobdeck.jobs.JobOutput;
import io.jobdeck.jobs.Progress;
import io.jobdeck.support.Threads;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * What the executions running on this node log and how far they have got, in memory, by fire id.
 *
 * <p>An execution's worker thread is marked with its fire id in the MDC ({@link #MDC_KEY}) from its start to its end,
 * and so are the tasks it hands to its {@link LiveRun#tasks() executor}; a {@link LogCapture} appender puts what those
 * threads log into the execution's bounded {@link ExecutionLog}. At its end the log (with an HTTP or shell job's output
 * after it) goes into the execution's record, and stays readable here for a short while, so that a live tail shows its
 * last lines.
 *
 * <p>Progress and new log lines are published to the {@link EventHub} by one thread ({@code jobdeck-live}) once per
 * hub tick at most, per execution: however often a job reports, it costs it only an atomic write.
 */
@Component
public class LiveRuns implements DisposableBean {

    /** The MDC key that marks a thread as working for an execution: its fire id. */
    public static final String MDC_KEY = "jobdeck.fire";

    private static final int TASK_THREADS = 4;
    private static final int TASK_QUEUE = 1_000;
    private static final int ENDED_KEPT = 100;
    private static final Duration ENDED_FOR = Duration.ofMinutes(2);

    private final Consumer<SchedulerEvent> publish;
    private final String node;
    private final int logLimit;
    private final Map<String, LiveRun> runs = new ConcurrentHashMap<>();
    private final Cache<String, LogTail> ended = Caffeine.newBuilder()
            .maximumSize(ENDED_KEPT)
            .expireAfterWrite(ENDED_FOR)
            .executor(Runnable::run) // its upkeep on the caller: no hand-off to the common pool on every end
            .build();
    private final ThreadPoolExecutor taskPool = Threads.pool("jobdeck-job-tasks", TASK_THREADS, TASK_QUEUE);
    private final ScheduledThreadPoolExecutor publisher = Threads.singleScheduled("jobdeck-live");
    private final @Nullable LogCapture capture;

    @Autowired
    LiveRuns(EventHub hub, NodeIdentity node, HistoryProperties properties) {
        this(hub::publish, node.id(), properties.logLimit(), EventHub.TICK);
    }

    LiveRuns(Consumer<SchedulerEvent> publish, String node, int logLimit, Duration every) {
        this.publish = publish;
        this.node = node;
        this.logLimit = logLimit;
        this.capture = LogCapture.attach(fireId -> {
            LiveRun run = runs.get(fireId);
            return run == null ? null : run.log;
        });
        publisher.scheduleWithFixedDelay(this::publishPending, every.toNanos(), every.toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * An execution starts on the calling thread (its worker): what this thread logs from now until {@link #end} is
     * the execution's.
     */
    public LiveRun begin(String fireId, String jobGroup, String jobName, Instant firedAt) {
        LiveRun run = new LiveRun(fireId, jobGroup, jobName, firedAt);
        runs.put(fireId, run);
        MDC.put(MDC_KEY, fireId);
        return run;
    }

    /**
     * The execution has ended (called on its worker thread): its log, with {@code output} (an HTTP or shell job's)
     * after it, within the limit.
     */
    public LogTail end(String fireId, @Nullable String output) {
        if (fireId.equals(MDC.get(MDC_KEY))) {
            MDC.remove(MDC_KEY);
        }
        LiveRun run = runs.remove(fireId);
        ExecutionLog log = run == null ? new ExecutionLog(logLimit) : run.log;
        if (output != null && !output.isEmpty()) {
            int length = log.length();
            if (length > 0 && !log.since(length - 1).equals("\n")) {
                log.append("\n");
            }
            log.append(output);
        }
        LogTail whole = new LogTail(log.since(0), log.length(), log.truncated(), false);
        if (run != null && whole.end() > 0) {
            ended.put(fireId, whole); // an empty log has nothing left to tail: most frequent jobs cost no entry
        }
        return whole;
    }

    public Optional<LiveRun> running(String fireId) {
        return Optional.ofNullable(runs.get(fireId));
    }

    /**
     * The log of an execution running on this node, or ended on it a moment ago, from character {@code from} on;
     * none when this node knows no such execution (any more).
     */
    public Optional<LogTail> readLog(String fireId, int from) {
        LiveRun run = runs.get(fireId);
        if (run != null) {
            boolean truncated = run.log.truncated();
            String text = run.log.since(from);
            return Optional.of(new LogTail(text, Math.max(0, from) + text.length(), truncated, true));
        }
        LogTail whole = ended.getIfPresent(fireId);
        if (whole == null) {
            return Optional.empty();
        }
        int start = Math.clamp(from, 0, whole.end());
        return Optional.of(new LogTail(whole.text().substring(start), whole.end(), whole.truncated(), false));
    }

    /** Publishes what changed since the last call: the latest progress and the log's new length, per execution. */
    void publishPending() {
        for (LiveRun run : runs.values()) {
            if (run.progress.changed.getAndSet(false)) {
                Reported p = run.progress.latest.get();
                publish.accept(new SchedulerEvent.ProgressChanged(
                        node, run.fireId, run.jobGroup, run.jobName, p.fraction(), p.done(), p.total(), p.message()));
            }
            int length = run.log.length();
            if (length != run.publishedLength) {
                run.publishedLength = length;
                publish.accept(new SchedulerEvent.LogAppended(node, run.fireId, length));
            }
        }
    }

    /** What a job reported last. */
    public record Reported(
            @Nullable Double fraction,
            long done,
            long total,
            @Nullable String message) {

        static final Reported NOTHING = new Reported(null, 0, 0, null);
    }

    /** One execution running on this node. */
    public final class LiveRun {

        private final String fireId;
        private final String jobGroup;
        private final String jobName;
        private final Instant firedAt;
        private final ExecutionLog log = new ExecutionLog(logLimit);
        private final ReportedProgress progress = new ReportedProgress();
        private final Executor tasks = this::execute;
        private int publishedLength; // only on the publisher's thread

        LiveRun(String fireId, String jobGroup, String jobName, Instant firedAt) {
            this.fireId = fireId;
            this.jobGroup = jobGroup;
            this.jobName = jobName;
            this.firedAt = firedAt;
        }

        public String jobGroup() {
            return jobGroup;
        }

        public String jobName() {
            return jobName;
        }

        public Instant firedAt() {
            return firedAt;
        }

        /** Where the job reports its progress. */
        public Progress progress() {
            return progress;
        }

        public Reported reported() {
            return progress.latest.get();
        }

        /** Where the job's own output goes: straight into this execution's log, as it comes. */
        public JobOutput output() {
            return log::append;
        }

        /** Runs a job's task on Jobdeck's pool, marked as this execution's (with the caller's MDC besides). */
        public Executor tasks() {
            return tasks;
        }

        private void execute(Runnable task) {
            Map<String, String> context = MDC.getCopyOfContextMap();
            taskPool.execute(() -> {
                Map<String, String> before = MDC.getCopyOfContextMap();
                if (context != null) {
                    MDC.setContextMap(context);
                }
                MDC.put(MDC_KEY, fireId);
                try {
                    task.run();
                } finally {
                    if (before == null) {
                        MDC.clear();
                    } else {
                        MDC.setContextMap(before);
                    }
                }
            });
        }
    }

    /** Keeps the latest report; the publisher sends it on its next tick. Lock-free: a job may report in a loop. */
    private static final class ReportedProgress implements Progress {

        private final AtomicReference<Reported> latest = new AtomicReference<>(Reported.NOTHING);
        private final AtomicBoolean changed = new AtomicBoolean();

        @Override
        public void fraction(double done) {
            if (!Double.isNaN(done)) {
                double clamped = Math.clamp(done, 0.0, 1.0);
                update(r -> new Reported(clamped, 0, 0, r.message()));
            }
        }

        @Override
        public void steps(long done, long total) {
            if (total >= 1) {
                long clamped = Math.clamp(done, 0, total);
                update(r -> new Reported((double) clamped / total, clamped, total, r.message()));
            }
        }

        @Override
        public void message(String text) {
            String kept = text.length() <= MESSAGE_MAX ? text : text.substring(0, MESSAGE_MAX - 1) + "…";
            update(r -> new Reported(r.fraction(), r.done(), r.total(), kept.isBlank() ? null : kept));
        }

        private void update(UnaryOperator<Reported> change) {
            Reported before = latest.getAndUpdate(change);
            if (!before.equals(change.apply(before))) {
                changed.set(true);
            }
        }
    }

    @Override
    public void destroy() {
        if (capture != null) {
            capture.detach();
        }
        Threads.shutdown(publisher, Duration.ofSeconds(1));
        Threads.shutdown(taskPool, Duration.ofSeconds(5));
    }
}
