package io.jobdeck.history.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.jobdeck.events.JobOutcome;
import io.jobdeck.history.HistoryProperties;
import io.jobdeck.jobs.JobDefinitions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;

/**
 * The recorder's bookkeeping against a database that is slow or refuses: a full queue never blocks the caller and
 * every record it refuses is counted; a refused batch is retried until it is written, and the error shows meanwhile.
 * The database is stood in for here; the real one is in ExecutionHistoryTest and the recorder benchmark.
 */
class ExecutionRecorderTest {

    static final int CAPACITY = 1_000;

    private final ExecutionRepository repository = mock(ExecutionRepository.class);
    private final JobDefinitions definitions = mock(JobDefinitions.class);
    private final List<ExecutionRepository.Row> written = new CopyOnWriteArrayList<>();
    private ExecutionRecorder recorder;

    @AfterEach
    void close() {
        recorder.destroy();
    }

    private ExecutionRecorder recorder() {
        return recorder(Duration.ofMillis(250));
    }

    private ExecutionRecorder recorder(Duration syncEvery) {
        when(definitions.masked(any(), any())).thenAnswer(call -> call.getArgument(1));
        return new ExecutionRecorder(
                repository,
                definitions,
                new HistoryProperties(
                        CAPACITY, 100, 65_536, 30, 0, 1000, Duration.ofMinutes(10), Duration.ofMinutes(1), syncEvery));
    }

    @Test
    void what_was_written_is_forced_to_disk_within_the_sync_interval_once_not_after_every_batch() throws Exception {
        Duration interval = Duration.ofSeconds(3);
        AtomicInteger syncs = new AtomicInteger();
        doAnswer(call -> syncs.incrementAndGet()).when(repository).sync();
        recorder = recorder(interval);

        long before = System.nanoTime();
        for (int i = 0; i < 20; i++) {
            recorder.offer(started("fire-" + i));
            await().atMost(Duration.ofSeconds(5)).until(() -> recorder.health().waiting() == 0); // its own batch
        }
        Duration writing = Duration.ofNanos(System.nanoTime() - before);
        int duringWrites = syncs.get();
        await().atMost(Duration.ofSeconds(10)).until(() -> syncs.get() > 0);
        AtomicInteger seen = new AtomicInteger(-1);
        await().during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(10))
                .until(() -> syncs.get() == seen.getAndSet(syncs.get())); // nothing new written: no more syncs

        long intervals = writing.toMillis() / interval.toMillis();
        if (intervals == 0) {
            assertThat(duringWrites)
                    .as("20 batches in %s: none forced before the interval", writing)
                    .isZero();
        }
        assertThat(syncs.get())
                .as("20 batches written in %s share their syncs: at most one per interval", writing)
                .isLessThanOrEqualTo((int) intervals + 1);
    }

    @Test
    void a_flush_completes_only_once_what_came_before_it_is_written_and_forced_to_disk() throws Exception {
        List<String> calls = new CopyOnWriteArrayList<>();
        doAnswer(call -> calls.add("write")).when(repository).write(anyList(), anyList());
        doAnswer(call -> calls.add("sync")).when(repository).sync();
        recorder = recorder(Duration.ofHours(1)); // never by the clock: only the flush forces it

        recorder.offer(started("a"));
        recorder.flush().toCompletableFuture().get(10, TimeUnit.SECONDS);

        assertThat(calls).containsExactly("write", "sync");
    }

    @Test
    void a_full_queue_refuses_at_once_counts_every_record_it_refused_and_keeps_the_rest() throws Exception {
        CountDownLatch databaseHangs = new CountDownLatch(1);
        doAnswer(call -> {
                    databaseHangs.await();
                    written.addAll(call.getArgument(0));
                    written.addAll(call.getArgument(1));
                    return null;
                })
                .when(repository)
                .write(anyList(), anyList());
        recorder = recorder();

        int offered = CAPACITY + 250;
        int accepted = 0;
        long started = System.nanoTime();
        for (int i = 0; i < offered; i++) {
            if (recorder.offer(started("fire-" + i))) {
                accepted++;
            }
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .as("offering never waits for the database")
                .isLessThan(Duration.ofSeconds(5));

        long lost = recorder.health().lost();
        assertThat(lost).isPositive().isEqualTo(offered - accepted);
        databaseHangs.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> recorder.health().waiting() == 0);
        recorder.flush().toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThat(written).hasSize(accepted);
        assertThat(recorder.health().lost()).as("the loss stays counted").isEqualTo(lost);
        assertThat(recorder.health().waiting()).isZero();
    }

    @Test
    void a_batch_the_database_refuses_is_retried_until_written_and_the_reason_shows_meanwhile() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        doAnswer(call -> {
                    if (attempts.incrementAndGet() <= 2) {
                        throw new DataAccessResourceFailureException("Connection refused");
                    }
                    written.addAll(call.getArgument(0));
                    return null;
                })
                .when(repository)
                .write(anyList(), anyList());
        recorder = recorder();

        recorder.offer(started("a"));
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(recorder.health().lastError()).contains("Connection refused"));
        recorder.flush().toCompletableFuture().get(10, TimeUnit.SECONDS);

        assertThat(written).extracting(r -> r.record().fireId()).containsExactly("a");
        assertThat(recorder.health().lastError()).isNull();
        assertThat(recorder.health().lost()).isZero();
    }

    @Test
    void a_start_and_its_end_in_one_batch_are_written_once_as_ended() throws Exception {
        List<List<ExecutionRepository.Row>> ends = new CopyOnWriteArrayList<>();
        CountDownLatch hold = new CountDownLatch(1);
        doAnswer(call -> {
                    hold.await();
                    written.addAll(call.getArgument(0));
                    ends.add(call.getArgument(1));
                    return null;
                })
                .when(repository)
                .write(anyList(), anyList());
        recorder = recorder();
        recorder.offer(started("blocker")); // the writer waits on this one while the next two queue up
        ExecutionRecord start = started("short");
        recorder.offer(start);
        recorder.offer(start.end(Instant.now(), 3, JobOutcome.SUCCEEDED, null, null, null, null, null, null, false));
        hold.countDown();
        recorder.flush().toCompletableFuture().get(10, TimeUnit.SECONDS);

        assertThat(written)
                .filteredOn(r -> r.record().fireId().equals("short"))
                .singleElement()
                .satisfies(r -> assertThat(r.record().outcome()).isEqualTo(JobOutcome.SUCCEEDED));
        assertThat(ends).allSatisfy(batch -> assertThat(batch).isEmpty());
    }

    @Test
    void under_load_batches_wait_longer_for_more_and_a_quiet_recorder_writes_a_lone_record_at_once() throws Exception {
        List<Integer> batches = new CopyOnWriteArrayList<>();
        doAnswer(call -> {
                    List<ExecutionRepository.Row> starts = call.getArgument(0);
                    List<ExecutionRepository.Row> ends = call.getArgument(1);
                    batches.add(starts.size() + ends.size());
                    written.addAll(starts);
                    written.addAll(ends);
                    return null;
                })
                .when(repository)
                .write(anyList(), anyList());
        recorder = recorder();

        // A burst: a batch of at least BUSY_BATCH records, so the recorder is busy.
        for (int i = 0; i < ExecutionRecorder.BUSY_BATCH * 2; i++) {
            recorder.offer(started("burst-" + i));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> written.size() == ExecutionRecorder.BUSY_BATCH * 2);
        assertThat(batches.getLast()).isGreaterThanOrEqualTo(ExecutionRecorder.BUSY_BATCH);

        // Busy: the next record waits for company, well past the quiet linger, and is still written within a second.
        recorder.offer(started("after-burst"));
        await().during(Duration.ofMillis(250))
                .atMost(Duration.ofSeconds(1))
                .until(() -> recorder.health().waiting() == 1);
        await().atMost(Duration.ofSeconds(2)).until(() -> recorder.health().waiting() == 0);

        // That batch held one record: quiet again, a lone record goes out without the long wait.
        long before = System.nanoTime();
        recorder.offer(started("quiet"));
        await().atMost(Duration.ofSeconds(2)).until(() -> recorder.health().waiting() == 0);
        assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(ExecutionRecorder.BUSY_LINGER);
    }

    private static ExecutionRecord started(String fireId) {
        return new ExecutionRecord(
                fireId,
                fireId,
                1,
                "g",
                "n",
                "g",
                "t",
                "node",
                null,
                Map.of("k", "v"),
                Map.of(),
                Instant.now(),
                Instant.now(),
                null,
                null,
                JobOutcome.RUNNING,
                null,
                null,
                null,
                null,
                null,
                null,
                false);
    }
}
