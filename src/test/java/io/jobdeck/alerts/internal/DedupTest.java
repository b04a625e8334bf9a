package io.jobdeck.alerts.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobdeck.alerts.AlertPhase;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The de-duplication of one rule and subject as a pure function, tested as a table. */
class DedupTest {

    static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    static final Duration WINDOW = Duration.ofHours(1);

    static Stream<Arguments> rows() {
        Dedup.State told = new Dedup.State(true, true, T0);
        Dedup.State heldBack = new Dedup.State(true, false, T0);
        Dedup.State recovered = new Dedup.State(false, false, T0);
        return Stream.of(
                row("the first failure is told", null, true, T0, told, AlertPhase.FIRING),
                row("fine with nothing stored stays nothing", null, false, T0, null, null),
                row("still wrong within the window: nothing more", told, true, T0.plusSeconds(60), told, null),
                row(
                        "still wrong after the window: told again",
                        told,
                        true,
                        T0.plus(WINDOW),
                        new Dedup.State(true, true, T0.plus(WINDOW)),
                        AlertPhase.FIRING),
                row(
                        "fine again after a told alert: a recovery",
                        told,
                        false,
                        T0.plusSeconds(60),
                        recovered,
                        AlertPhase.RECOVERED),
                row(
                        "wrong again within the window after a recovery: held back",
                        recovered,
                        true,
                        T0.plusSeconds(120),
                        heldBack,
                        null),
                row(
                        "fine again after a held-back alert: no recovery",
                        heldBack,
                        false,
                        T0.plusSeconds(180),
                        recovered,
                        null),
                row(
                        "a held-back alert is told once the window passes",
                        heldBack,
                        true,
                        T0.plus(WINDOW).plusSeconds(1),
                        new Dedup.State(true, true, T0.plus(WINDOW).plusSeconds(1)),
                        AlertPhase.FIRING),
                row("fine and already fine: nothing", recovered, false, T0.plusSeconds(300), recovered, null));
    }

    static Arguments row(
            String name,
            Dedup.@Nullable State before,
            boolean bad,
            Instant now,
            Dedup.@Nullable State after,
            @Nullable AlertPhase sent) {
        return Arguments.of(name, before, bad, now, after, sent);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void decides_what_to_store_and_what_to_send(
            String name,
            Dedup.@Nullable State before,
            boolean bad,
            Instant now,
            Dedup.@Nullable State after,
            @Nullable AlertPhase sent) {
        Dedup.Decision decision = Dedup.decide(before, bad, now, WINDOW);
        assertThat(decision.next()).as("stored").isEqualTo(after);
        assertThat(decision.send()).as("sent").isEqualTo(sent);
    }
}
