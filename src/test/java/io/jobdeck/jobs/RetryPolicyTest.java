package io.jobdeck.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** How long a run waits before each retry, and which failures it retries: a pure function, tested as a table. */
class RetryPolicyTest {

    /** A "random" source that always says the same: 0 is the shortest jitter, just under 1 the longest. */
    private static RandomGenerator always(double value) {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                throw new UnsupportedOperationException();
            }

            @Override
            public double nextDouble() {
                return value;
            }
        };
    }

    private static final RandomGenerator MIDDLE = always(0.5);

    private static List<Duration> waits(RetryPolicy policy, RandomGenerator random) {
        return IntStream.rangeClosed(2, policy.maxAttempts())
                .mapToObj(attempt -> policy.delayBefore(attempt, random))
                .toList();
    }

    @Test
    void a_fixed_backoff_waits_the_same_before_every_retry() {
        RetryPolicy policy = RetryPolicy.fixed(4, Duration.ofSeconds(10));

        assertThat(waits(policy, MIDDLE))
                .containsExactly(Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(10));
    }

    @Test
    void an_exponential_backoff_doubles_from_the_first_wait() {
        RetryPolicy policy = RetryPolicy.exponential(5, Duration.ofMillis(200), null);

        assertThat(waits(policy, MIDDLE))
                .containsExactly(
                        Duration.ofMillis(200),
                        Duration.ofMillis(400),
                        Duration.ofMillis(800),
                        Duration.ofMillis(1600));
    }

    @Test
    void an_exponential_backoff_stops_growing_at_its_longest_wait() {
        RetryPolicy policy = RetryPolicy.exponential(6, Duration.ofSeconds(10), Duration.ofSeconds(45));

        assertThat(waits(policy, MIDDLE))
                .containsExactly(
                        Duration.ofSeconds(10),
                        Duration.ofSeconds(20),
                        Duration.ofSeconds(40),
                        Duration.ofSeconds(45),
                        Duration.ofSeconds(45));
    }

    @Test
    void without_a_longest_wait_doubling_stops_at_a_day_and_never_overflows() {
        RetryPolicy policy = RetryPolicy.exponential(10, Duration.ofHours(1), null);

        assertThat(policy.delayBefore(7, MIDDLE)).isEqualTo(Duration.ofHours(24)); // 32 h, capped
        assertThat(policy.delayBefore(Integer.MAX_VALUE, MIDDLE)).isEqualTo(Duration.ofHours(24));
    }

    @Test
    void jitter_makes_a_wait_at_most_that_many_percent_shorter_or_longer() {
        RetryPolicy policy = RetryPolicy.fixed(3, Duration.ofSeconds(10)).withJitter(20);

        assertThat(policy.delayBefore(2, always(0.0))).isEqualTo(Duration.ofSeconds(8));
        assertThat(policy.delayBefore(2, always(0.5))).isEqualTo(Duration.ofSeconds(10));
        assertThat(policy.delayBefore(2, always(0.75))).isEqualTo(Duration.ofSeconds(11));
        assertThat(policy.delayBefore(2, always(Math.nextDown(1.0)))).isEqualTo(Duration.ofSeconds(12));
    }

    @Test
    void jittered_waits_stay_within_their_bounds_and_spread_over_them() {
        RetryPolicy policy = RetryPolicy.exponential(4, Duration.ofSeconds(1), Duration.ofSeconds(3))
                .withJitter(50);
        Random seeded = new Random(42);

        List<Long> second = IntStream.range(0, 2_000)
                .mapToObj(i -> policy.delayBefore(3, seeded).toMillis())
                .toList();
        List<Long> third = IntStream.range(0, 2_000)
                .mapToObj(i -> policy.delayBefore(4, seeded).toMillis())
                .toList();

        // 2 s ± 50 %: 1 s to 3 s, spread over both halves.
        assertThat(second).allSatisfy(ms -> assertThat(ms).isBetween(1_000L, 3_000L));
        assertThat(second).anySatisfy(ms -> assertThat(ms).isLessThan(1_200L));
        assertThat(second).anySatisfy(ms -> assertThat(ms).isGreaterThan(2_800L));
        // 4 s, capped at 3 s, then ± 50 %: 1.5 s to 4.5 s, but never over the longest wait.
        assertThat(third).allSatisfy(ms -> assertThat(ms).isBetween(1_500L, 3_000L));
        assertThat(third).anySatisfy(ms -> assertThat(ms).isEqualTo(3_000L));
    }

    @Test
    void the_same_seed_gives_the_same_waits() {
        RetryPolicy policy = RetryPolicy.exponential(8, Duration.ofMillis(300), Duration.ofMinutes(1))
                .withJitter(100);

        assertThat(waits(policy, new SplittableRandom(7))).isEqualTo(waits(policy, new SplittableRandom(7)));
        assertThat(waits(policy, new SplittableRandom(7)))
                .allSatisfy(d -> assertThat(d).isBetween(Duration.ZERO, Duration.ofMinutes(1)));
    }

    @Test
    void a_run_is_retried_while_attempts_remain_for_the_failures_chosen() {
        RetryPolicy policy =
                RetryPolicy.fixed(3, Duration.ofSeconds(1)).only(EnumSet.of(RetryPolicy.Failure.TIMED_OUT), "");

        assertThat(policy.retries(RetryPolicy.Failure.TIMED_OUT, "", 1)).isTrue();
        assertThat(policy.retries(RetryPolicy.Failure.TIMED_OUT, "", 2)).isTrue();
        assertThat(policy.retries(RetryPolicy.Failure.TIMED_OUT, "", 3))
                .as("the last attempt")
                .isFalse();
        assertThat(policy.retries(RetryPolicy.Failure.FAILED, "", 1))
                .as("not chosen")
                .isFalse();
        assertThat(RetryPolicy.NONE.retries(RetryPolicy.Failure.FAILED, "", 1)).isFalse();
    }

    @Test
    void a_policy_may_retry_only_errors_that_say_a_given_text() {
        RetryPolicy policy = RetryPolicy.fixed(2, Duration.ofSeconds(1))
                .only(EnumSet.allOf(RetryPolicy.Failure.class), "java.net.ConnectException");

        assertThat(policy.retries(
                        RetryPolicy.Failure.FAILED,
                        "org.quartz.JobExecutionException: x\njava.net.ConnectException: refused\n",
                        1))
                .isTrue();
        assertThat(policy.retries(RetryPolicy.Failure.FAILED, "java.lang.IllegalStateException: bad input", 1))
                .isFalse();
    }

    @Test
    void a_policy_is_stored_as_strings_and_read_back_the_same() {
        RetryPolicy policy = RetryPolicy.exponential(5, Duration.ofMillis(250), Duration.ofMinutes(2))
                .withJitter(15)
                .only(EnumSet.of(RetryPolicy.Failure.FAILED), "503");

        Map<String, String> data = policy.toData();

        assertThat(data)
                .containsEntry("jobdeck.retry.attempts", "5")
                .containsEntry("jobdeck.retry.backoff", "EXPONENTIAL")
                .containsEntry("jobdeck.retry.delay", "PT0.25S")
                .containsEntry("jobdeck.retry.max-delay", "PT2M")
                .containsEntry("jobdeck.retry.jitter", "15")
                .containsEntry("jobdeck.retry.failures", "FAILED")
                .containsEntry("jobdeck.retry.error-contains", "503");
        assertThat(data.keySet()).allSatisfy(k -> assertThat(k).startsWith(RunAttempt.INTERNAL_PREFIX));
        assertThat(RetryPolicy.of(data)).isEqualTo(policy);
        assertThat(RetryPolicy.NONE.toData()).isEmpty();
        assertThat(RetryPolicy.of(Map.of())).isEqualTo(RetryPolicy.NONE);
    }

    @Test
    void a_policy_that_cannot_be_read_is_no_retry_at_all() {
        for (Map<String, String> data : List.of(
                Map.of("jobdeck.retry.attempts", "many"),
                Map.of("jobdeck.retry.attempts", "1000"),
                Map.of("jobdeck.retry.attempts", "3", "jobdeck.retry.delay", "soon"),
                Map.of("jobdeck.retry.attempts", "3", "jobdeck.retry.delay", "-PT5S"),
                Map.of("jobdeck.retry.attempts", "3", "jobdeck.retry.failures", "ALWAYS"),
                Map.of("jobdeck.retry.attempts", "3", "jobdeck.retry.jitter", "500"))) {
            assertThat(RetryPolicy.of(data)).as(data.toString()).isEqualTo(RetryPolicy.NONE);
        }
    }

    @Test
    void one_attempt_holds_nothing_else_and_a_fixed_wait_no_longest_wait() {
        RetryPolicy one = new RetryPolicy(
                1, RetryPolicy.Backoff.EXPONENTIAL, Duration.ofDays(9), Duration.ofDays(9), 300, Set.of(), "x");
        RetryPolicy fixed = new RetryPolicy(
                3, RetryPolicy.Backoff.FIXED, Duration.ofSeconds(5), Duration.ofMinutes(1), 0, Set.of(), "");

        assertThat(one).isEqualTo(RetryPolicy.NONE);
        assertThat(fixed.maxDelay()).isNull();
    }
}
