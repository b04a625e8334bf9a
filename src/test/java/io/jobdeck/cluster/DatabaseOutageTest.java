package io.jobdeck.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jobdeck.testing.ApiClient;
import io.jobdeck.testing.AppProcess;
import io.jobdeck.testing.Cluster;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Two nodes, as real processes, lose their PostgreSQL for 30 seconds while triggers fire every second and one-shot
 * triggers fall due, and get it back: both say DEGRADED while it is away and RUNNING after, and the history shows every
 * fire accounted for exactly as each trigger's misfire policy says, none twice.
 *
 * <p>What "no lost fire" means here, for a trigger that fires every second from {@code start} to {@code end}: its
 * fire times are the slots {@code start + k s}. A slot is either run (a run in the history scheduled at that time), or
 * skipped as the policy says after a misfire the history records. So, in the order of their scheduled times, two
 * consecutive runs are one second apart, unless the history has a misfire of that trigger scheduled strictly between
 * them (Quartz records the first missed slot), and there are exactly as many such gaps as misfires; the last run is
 * the last slot before {@code end}. With "catch up" no slot may be skipped: the runs are exactly every slot. With
 * "fire once now" a misfire restarts the grid at the moment it is handled (hence "one second apart" rather than "on the
 * slots"). For a one-shot trigger due while the database is away: "catch up" runs it once (late) and records no
 * misfire; "fire once now" runs it once, late, after at most one misfire (after one, its run is scheduled at the
 * moment the misfire was handled); "skip" either runs it once (when it was late
 * by less than the misfire threshold) or records one misfire and does not run it. "No duplicate": no fire id twice,
 * no two runs of one trigger scheduled at the same time.
 */
class DatabaseOutageTest {

    static final String GROUP = "outage";
    static final Duration OUTAGE = Duration.ofSeconds(30);
    static final String[] POLICIES = {"FIRE_ONCE_NOW", "SKIP", "CATCH_UP"};

    /** What each trigger did: its runs' scheduled times and its misfires' (first missed slot), in order. */
    record Fires(List<Instant> runs, List<Instant> misfires) {}

    @Test
    void every_node_is_degraded_while_postgresql_is_away_and_no_fire_is_lost_or_doubled_after_it_returns()
            throws Exception {
        try (Cluster cluster = Cluster.start(2, ProofJob.PACKAGES)) {
            Instant start = Instant.now().plusSeconds(10).truncatedTo(ChronoUnit.SECONDS);
            Instant outage = start.plusSeconds(15);
            // Half a second past a slot: the last slot is then the one before it, whether Quartz counts the end or not.
            // The ticks must outlive the misfire handling: Quartz scans for misfires every misfireThreshold (30 s), so
            // a slot missed during the outage may be handled up to 30 s after the database is back, and restarting
            // PostgreSQL took up to 18 s on CI's busy machine (a trigger whose end passed first simply completes).
            Instant end = outage.plus(OUTAGE).plusSeconds(55).plusMillis(500);
            ApiClient.Answer imported =
                    cluster.node(0).api().call("POST", "/api/v1/definitions", "admin", document(start, outage, end));
            assertThat(imported.status()).as(imported.body()).isEqualTo(200);

            try (Connection db = cluster.postgres().connection()) {
                await("the ticks have run before the outage")
                        .atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(200))
                        .until(() -> !Instant.now().isBefore(outage) && runsNow(db) >= 3 * 5);
            }

            cluster.postgres().stop();
            Instant stopped = Instant.now();
            for (AppProcess node : cluster.nodes()) {
                await("every node says DEGRADED while the database is away")
                        .atMost(OUTAGE.minus(Duration.between(stopped, Instant.now())))
                        .pollInterval(Duration.ofMillis(200))
                        .until(() -> state(node).equals("DEGRADED"));
            }
            await("the outage lasts " + OUTAGE.toSeconds() + " s")
                    .atMost(OUTAGE.plusSeconds(5))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> !Instant.now().isBefore(stopped.plus(OUTAGE)));
            for (AppProcess node : cluster.nodes()) {
                assertThat(state(node))
                        .as("still degraded at the end of the outage")
                        .isEqualTo("DEGRADED");
            }
            cluster.postgres().restart();
            Instant restarted = Instant.now();
            for (AppProcess node : cluster.nodes()) {
                await("every node says RUNNING once the database is back")
                        .atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(200))
                        .until(() -> state(node).equals("RUNNING"));
            }
            System.out.printf(
                    "database outage: stopped %s, restarted %s, both nodes RUNNING %.1f s later%n",
                    stopped,
                    restarted,
                    Duration.between(restarted, Instant.now()).toMillis() / 1e3);

            try (Connection db = cluster.postgres().connection()) {
                try {
                    await("every trigger has ended (the ticks at " + end + ") and its fires are recorded")
                            .atMost(Duration.between(Instant.now(), end).plusSeconds(60))
                            .pollInterval(Duration.ofSeconds(1))
                            .until(() -> count(
                                                    db,
                                                    "SELECT COUNT(*) FROM QRTZ_TRIGGERS WHERE JOB_GROUP = ? AND TRIGGER_STATE <> 'COMPLETE'")
                                            == 0
                                    && count(db, "SELECT COUNT(*) FROM QRTZ_FIRED_TRIGGERS WHERE JOB_GROUP = ?") == 0);
                } catch (org.awaitility.core.ConditionTimeoutException e) {
                    try (PreparedStatement s = db.prepareStatement("SELECT TRIGGER_NAME, TRIGGER_STATE, NEXT_FIRE_TIME"
                                    + " FROM QRTZ_TRIGGERS WHERE JOB_GROUP = ? AND TRIGGER_STATE <> 'COMPLETE'");
                            PreparedStatement f = db.prepareStatement(
                                    "SELECT TRIGGER_NAME, STATE, INSTANCE_NAME FROM QRTZ_FIRED_TRIGGERS WHERE JOB_GROUP = ?")) {
                        s.setString(1, GROUP);
                        f.setString(1, GROUP);
                        for (PreparedStatement q : List.of(s, f)) {
                            try (ResultSet rs = q.executeQuery()) {
                                while (rs.next()) {
                                    System.out.printf(
                                            "  left: %s %s %s%n", rs.getString(1), rs.getString(2), rs.getString(3));
                                }
                            }
                        }
                    }
                    throw e;
                }
                long recorded = count(db, "SELECT COUNT(*) FROM JOBDECK_EXECUTION WHERE JOB_GROUP = ?");
                await("nothing more is recorded")
                        .during(Duration.ofSeconds(3))
                        .atMost(Duration.ofSeconds(10))
                        .until(() ->
                                count(db, "SELECT COUNT(*) FROM JOBDECK_EXECUTION WHERE JOB_GROUP = ?") == recorded);

                assertThat(count(
                                db,
                                "SELECT COUNT(*) FROM (SELECT FIRE_ID FROM JOBDECK_EXECUTION WHERE JOB_GROUP = ?"
                                        + " GROUP BY FIRE_ID HAVING COUNT(*) > 1) twice"))
                        .as("fire ids recorded twice")
                        .isZero();
                assertThat(count(
                                db,
                                "SELECT COUNT(*) FROM JOBDECK_EXECUTION WHERE JOB_GROUP = ?"
                                        + " AND OUTCOME NOT IN ('SUCCEEDED', 'MISFIRED')"))
                        .as("runs that did not succeed (or are still running)")
                        .isZero();
                Map<String, Fires> fires = fires(db);
                fires.forEach((trigger, f) -> System.out.printf(
                        "  %s: %d runs, misfires at %s%n", trigger, f.runs().size(), f.misfires()));

                for (String policy : POLICIES) {
                    String trigger = "tick-" + policy.toLowerCase(java.util.Locale.ROOT);
                    Fires tick = fires.get(trigger);
                    assertThat(tick).as(trigger).isNotNull();
                    assertThat(tick.runs()).as(trigger + ": no slot run twice").doesNotHaveDuplicates();
                    assertThat(tick.runs().getFirst())
                            .as(trigger + ": its first run")
                            .isEqualTo(start);
                    assertThat(Duration.between(tick.runs().getLast(), end))
                            .as(trigger + ": its last run is the last slot before the end")
                            .isLessThan(Duration.ofSeconds(1));
                    List<Instant> gaps = new ArrayList<>();
                    for (int i = 1; i < tick.runs().size(); i++) {
                        Instant before = tick.runs().get(i - 1);
                        Instant after = tick.runs().get(i);
                        if (!after.equals(before.plusSeconds(1))) {
                            gaps.add(before);
                            assertThat(tick.misfires())
                                    .as(trigger + ": a misfire explains the gap after the run scheduled at " + before)
                                    .anyMatch(m -> m.isAfter(before) && m.isBefore(after));
                        }
                    }
                    assertThat(gaps.size())
                            .as(trigger + ": one misfire recorded per gap, no more")
                            .isEqualTo(tick.misfires().size());
                    if (policy.equals("CATCH_UP")) {
                        assertThat(gaps)
                                .as(trigger + ": catch up runs every slot")
                                .isEmpty();
                        assertThat(tick.runs())
                                .as(trigger + ": every slot from the start to the end")
                                .hasSize((int) Duration.between(start, end).toSeconds() + 1);
                    }

                    for (int k = 1; k <= 5; k++) {
                        String once = "once-" + policy.toLowerCase(java.util.Locale.ROOT) + "-" + k;
                        Fires f = fires.getOrDefault(once, new Fires(List.of(), List.of()));
                        Instant due = outage.plusSeconds(5L * k);
                        // Run at its time, or, after a misfire that "fires once now", scheduled when that was handled.
                        assertThat(f.runs())
                                .as(once + ": runs")
                                .allMatch(run -> f.misfires().isEmpty() ? run.equals(due) : run.isAfter(due));
                        assertThat(f.misfires()).as(once + ": misfires").allMatch(due::equals);
                        switch (policy) {
                            case "CATCH_UP" -> {
                                assertThat(f.runs()).as(once + ": runs").hasSize(1);
                                assertThat(f.misfires()).as(once + ": misfires").isEmpty();
                            }
                            case "FIRE_ONCE_NOW" -> {
                                assertThat(f.runs()).as(once + ": runs").hasSize(1);
                                assertThat(f.misfires()).as(once + ": misfires").hasSizeLessThanOrEqualTo(1);
                            }
                            default ->
                                assertThat(f.runs().size() + f.misfires().size())
                                        .as(once + ": run once or recorded as missed once")
                                        .isEqualTo(1);
                        }
                    }
                }
            }
        }
    }

    /**
     * Three jobs firing every second from {@code start} to {@code end}, one per misfire policy, and five one-shot jobs
     * per policy due during the outage (5, 10, 15, 20 and 25 s into it).
     */
    static String document(Instant start, Instant outage, Instant end) {
        StringJoiner jobs = new StringJoiner(",\n");
        for (String policy : POLICIES) {
            String name = "tick-" + policy.toLowerCase(java.util.Locale.ROOT);
            jobs.add(job(name, """
                    {"name": "%s", "every": "PT1S", "zone": "UTC", "start": "%s", "end": "%s", "misfire": "%s"}""".formatted(name, utc(start), utc(end), policy)));
            for (int k = 1; k <= 5; k++) {
                String once = "once-" + policy.toLowerCase(java.util.Locale.ROOT) + "-" + k;
                jobs.add(job(once, """
                        {"name": "%s", "at": "%s", "zone": "UTC", "misfire": "%s"}""".formatted(once, utc(outage.plusSeconds(5L * k)), policy)));
            }
        }
        return "{\"version\": 1, \"calendars\": [], \"jobs\": [\n" + jobs + "\n]}";
    }

    private static String job(String name, String trigger) {
        return """
                {"group": "%s", "name": "%s", "type": "JAVA", "properties": %s, "triggers": [%s]}""".formatted(GROUP, name, ProofJob.PROPERTIES, trigger);
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static String state(AppProcess node) {
        return node.api()
                .get("/api/v1/scheduler", "viewer")
                .json()
                .path("state")
                .asString();
    }

    private static long runsNow(Connection db) throws SQLException {
        return count(db, "SELECT COUNT(*) FROM JOBDECK_EXECUTION WHERE JOB_GROUP = ? AND JOB_NAME LIKE 'tick-%'");
    }

    /** Each trigger's runs and misfires, by their scheduled times in order. */
    private static Map<String, Fires> fires(Connection db) throws SQLException {
        Map<String, Fires> fires = new TreeMap<>();
        try (PreparedStatement s = db.prepareStatement("SELECT TRIGGER_NAME, OUTCOME, SCHEDULED_AT"
                + " FROM JOBDECK_EXECUTION WHERE JOB_GROUP = ? ORDER BY TRIGGER_NAME, SCHEDULED_AT, ID")) {
            s.setString(1, GROUP);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Fires f = fires.computeIfAbsent(
                            rs.getString(1), t -> new Fires(new ArrayList<>(), new ArrayList<>()));
                    Instant scheduled =
                            rs.getObject(3, java.time.OffsetDateTime.class).toInstant();
                    (rs.getString(2).equals("MISFIRED") ? f.misfires() : f.runs()).add(scheduled);
                }
            }
        }
        return fires;
    }

    private static long count(Connection db, String sql) throws SQLException {
        return GroupRows.count(db, sql, GROUP);
    }
}
