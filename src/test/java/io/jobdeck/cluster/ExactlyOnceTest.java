package io.jobdeck.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jobdeck.testing.ApiClient;
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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;

/**
 * Exactly once across three nodes, as real processes on one PostgreSQL: 10,000 jobs, each with one trigger that fires
 * once, all due within the same few seconds (imported in one document through one node's API, as a user would), are
 * every one run exactly once (one execution in the history per job, none twice, none missing), Quartz keeps nothing of
 * them (no trigger, no fired-trigger row left), and the runs are spread over the three nodes.
 */
class ExactlyOnceTest {

    static final int TRIGGERS = 10_000;
    static final String GROUP = "once";

    /** How long after the import's start the first trigger is due: the import must be done by then (about 10 s here). */
    static final Duration LEAD = Duration.ofSeconds(40);

    /** The due times are spread over this window: well within a minute. */
    static final Duration SPREAD = Duration.ofSeconds(15);

    @Test
    void ten_thousand_one_shot_triggers_due_within_a_minute_each_fire_exactly_once_spread_over_three_nodes()
            throws Exception {
        try (Cluster cluster = Cluster.start(3, ProofJob.PACKAGES)) {
            Instant first = Instant.now().plus(LEAD).truncatedTo(ChronoUnit.SECONDS);
            ApiClient.Answer imported =
                    cluster.node(0).api().call("POST", "/api/v1/definitions", "admin", document(first));
            assertThat(imported.status()).as(imported.body()).isEqualTo(200);
            assertThat(Instant.now())
                    .as("the import ended before the first trigger was due (else LEAD is too short here)")
                    .isBefore(first);

            try (Connection db = cluster.postgres().connection()) {
                await("every trigger has fired and its run is recorded")
                        .atMost(Duration.ofMillis(LEAD.plus(SPREAD).toMillis()).plusSeconds(120))
                        .pollInterval(Duration.ofSeconds(1))
                        .until(() -> count(db, "SELECT COUNT(*) FROM QRTZ_TRIGGERS WHERE JOB_GROUP = ?") == 0
                                && count(db, "SELECT COUNT(*) FROM QRTZ_FIRED_TRIGGERS WHERE JOB_GROUP = ?") == 0
                                && count(
                                                db,
                                                "SELECT COUNT(*) FROM JOBDECK_EXECUTION WHERE JOB_GROUP = ?"
                                                        + " AND OUTCOME <> 'RUNNING'")
                                        >= TRIGGERS);
                // Every fire has ended (no fired-trigger row): anything still to be written is in a recorder's
                // queue, flushed within a second or two. Nothing more may come.
                long recorded = count(db, "SELECT COUNT(*) FROM JOBDECK_EXECUTION WHERE JOB_GROUP = ?");
                await("nothing more is recorded")
                        .during(Duration.ofSeconds(3))
                        .atMost(Duration.ofSeconds(10))
                        .until(() ->
                                count(db, "SELECT COUNT(*) FROM JOBDECK_EXECUTION WHERE JOB_GROUP = ?") == recorded);

                assertThat(count(
                                db,
                                "SELECT COUNT(*) FROM (SELECT JOB_NAME FROM JOBDECK_EXECUTION WHERE JOB_GROUP = ?"
                                        + " AND OUTCOME = 'SUCCEEDED' GROUP BY JOB_NAME) ran"))
                        .as("jobs that ran")
                        .isEqualTo(TRIGGERS);
                assertThat(rows(
                                db,
                                "SELECT JOB_NAME, COUNT(*) FROM JOBDECK_EXECUTION WHERE JOB_GROUP = ?"
                                        + " AND OUTCOME <> 'MISFIRED' GROUP BY JOB_NAME HAVING COUNT(*) > 1"))
                        .as("jobs that ran more than once")
                        .isEmpty();
                assertThat(rows(
                                db,
                                "SELECT OUTCOME, COUNT(*) FROM JOBDECK_EXECUTION WHERE JOB_GROUP = ?"
                                        + " AND OUTCOME NOT IN ('SUCCEEDED', 'MISFIRED') GROUP BY OUTCOME"))
                        .as("runs that did not succeed")
                        .isEmpty();
                assertThat(count(
                                db,
                                "SELECT COUNT(*) FROM JOBDECK_EXECUTION WHERE JOB_GROUP = ? AND OUTCOME = 'SUCCEEDED'"
                                        + " AND JOB_NAME <> TRIGGER_NAME"))
                        .as("runs recorded under another trigger than their job's one")
                        .isZero();

                Map<String, Long> byNode = byNode(db);
                System.out.printf(
                        "exactly once: %,d runs of %,d one-shot triggers due within %d s; by node %s; %s%n",
                        recorded,
                        TRIGGERS,
                        SPREAD.toSeconds(),
                        byNode,
                        rows(
                                db,
                                "SELECT 'first run ' || MIN(FIRED_AT) || ', last ' || MAX(FIRED_AT)"
                                        + " || ', largest lag ' || MAX(LAG_MS) || ' ms'"
                                        + " FROM JOBDECK_EXECUTION WHERE JOB_GROUP = ? AND OUTCOME = 'SUCCEEDED'"));
                assertThat(byNode).as("runs by node name").hasSize(3);
                assertThat(byNode.keySet())
                        .containsExactlyInAnyOrder(cluster.name(0), cluster.name(1), cluster.name(2));
                assertThat(byNode.values()).allMatch(runs -> runs > 0);
            }
        }
    }

    /** The definitions document: job {@code once.fire-00042} with trigger {@code fire-00042}, due at its time (UTC). */
    static String document(Instant first) {
        StringJoiner jobs = new StringJoiner(",\n");
        for (int i = 0; i < TRIGGERS; i++) {
            String name = "fire-%05d".formatted(i);
            LocalDateTime at =
                    LocalDateTime.ofInstant(first.plusMillis(SPREAD.toMillis() * i / TRIGGERS), ZoneOffset.UTC);
            jobs.add("""
                    {"group": "%s", "name": "%s", "type": "JAVA", "properties": %s,
                     "triggers": [{"name": "%s", "at": "%s", "zone": "UTC"}]}""".formatted(GROUP, name, ProofJob.PROPERTIES, name, at));
        }
        return "{\"version\": 1, \"calendars\": [], \"jobs\": [\n" + jobs + "\n]}";
    }

    /** Successful runs by the name of the node that ran them ({@code JOBDECK_EXECUTION.NODE} holds its id). */
    private static Map<String, Long> byNode(Connection db) throws SQLException {
        Map<String, Long> runs = new LinkedHashMap<>();
        try (PreparedStatement s = db.prepareStatement("SELECT NODE, COUNT(*) FROM JOBDECK_EXECUTION"
                + " WHERE JOB_GROUP = ? AND OUTCOME = 'SUCCEEDED' GROUP BY NODE ORDER BY NODE")) {
            s.setString(1, GROUP);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    runs.merge(NodeIdentity.nameOf(rs.getString(1)), rs.getLong(2), Long::sum);
                }
            }
        }
        return runs;
    }

    private static long count(Connection db, String sql) throws SQLException {
        try (PreparedStatement s = db.prepareStatement(sql)) {
            s.setString(1, GROUP);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Each row as its columns joined by spaces. */
    private static java.util.List<String> rows(Connection db, String sql) throws SQLException {
        java.util.List<String> rows = new java.util.ArrayList<>();
        try (PreparedStatement s = db.prepareStatement(sql)) {
            s.setString(1, GROUP);
            try (ResultSet rs = s.executeQuery()) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    StringJoiner row = new StringJoiner(" ");
                    for (int c = 1; c <= columns; c++) {
                        row.add(String.valueOf(rs.getObject(c)));
                    }
                    rows.add(row.toString());
                }
            }
        }
        return rows;
    }
}
