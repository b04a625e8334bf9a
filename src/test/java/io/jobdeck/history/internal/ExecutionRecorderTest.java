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
        when(definitions.masked(any(), any())).thenAnswer(call -> call.getArgument(1));
        return new ExecutionRecorder(
                repository,
                definitions,
                new HistoryProperties(
                        CAPACITY, 100, 65_536, 30, 0, 1000, Duration.ofMinutes(10), Duration.ofMinutes(1)));
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
