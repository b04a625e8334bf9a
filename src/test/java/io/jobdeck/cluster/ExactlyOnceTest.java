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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;

/**
 * Exactly once across three nodes, as real processes on one PostgreSQL: 10,000 one-shot triggers (500 jobs of 20),
 * all due within the same 15 seconds (imported as definitions documents through one node's API, as a user would), are
 * every one run exactly once (one execution in the history per trigger, under its job, none twice, none missing),
 * Quartz keeps nothing of them (no trigger, no fired-trigger row left), and the runs are spread over the three nodes.
 */
class ExactlyOnceTest {

    static final int TRIGGERS = 10_000;
    /** Each document's jobs are a group of their own ({@code once-0} to {@code once-4}): an import compares its groups. */
    static final String GROUP = "once-%";

    /** How long after the import's start the first trigger is due: the import must be done by then (10-40 s here). */
    static final Duration LEAD = Duration.ofSeconds(60);

    /** 500 jobs of 20 one-shot triggers each (a job's most): jobs as code checks and writes per job. */
    static final int PER_JOB = 20;

    /** Jobs per imported document. */
    static final int CHUNK = 100;

    /** The due times are spread over this window: well within a minute. */
    static final Duration SPREAD = Duration.ofSeconds(15);

    @Test
    void ten_thousand_one_shot_triggers_due_within_a_minute_each_fire_exactly_once_spread_over_three_nodes()
            throws Exception {
        try (Cluster cluster = Cluster.start(3, ProofJob.PACKAGES)) {
            // In documents of 100 jobs (2,000 triggers): a document of thousands of jobs takes longer than the API's
            // 30 s for an answer on a busy machine (answered 503 while the import goes on). All are due in the same
            // window, after the last document.
            Instant due = Instant.now().plus(LEAD).truncatedTo(ChronoUnit.SECONDS);
            for (int from = 0; from < TRIGGERS / PER_JOB; from += CHUNK) {
                long began = System.nanoTime();
                ApiClient.Answer imported = cluster.node(0)
                        .api()
                        .call("POST", "/api/v1/definitions", "admin", document(due, from, from + CHUNK));
                assertThat(imported.status()).as(imported.body()).isEqualTo(200);
                System.out.printf(
                        "exactly once: jobs %d to %d imported in %d ms%n",
                        from, from + CHUNK - 1, (System.nanoTime() - began) / 1_000_000);
            }
            System.out.printf(
                    "exactly once: all imported %d ms before the first is due%n",
                    Duration.between(Instant.now(), due).toMillis());

            try (Connection db = cluster.postgres().connection()) {
                await("every trigger has fired and its run is recorded")
                        .atMost(Duration.between(Instant.now(), due)
                                .plus(SPREAD)
                                .plusSeconds(120))
                        .pollInterval(Duration.ofSeconds(1))
                        .until(() -> count(
                                                db,
                                                "SELECT COUNT(*) FROM QRTZ_TRIGGERS WHERE JOB_GROUP LIKE ? AND TRIGGER_STATE <> 'COMPLETE'")
                                        == 0
                                && count(db, "SELECT COUNT(*) FROM QRTZ_FIRED_TRIGGERS WHERE JOB_GROUP LIKE ?") == 0
                                && count(
                                                db,
                                                "SELECT COUNT(*) FROM JOBDECK_EXECUTION WHERE JOB_GROUP LIKE ?"
                                                        + " AND OUTCOME <> 'RUNNING'")
                                        >= TRIGGERS);
                // Every fire has ended (no fired-trigger row): anything still to be written is in a recorder's
                // queue, flushed within a second or two. Nothing more may come.
                long recorded = count(db, "SELECT COUNT(*) FROM JOBDECK_EXECUTION WHERE JOB_GROUP LIKE ?");
                await("nothing more is recorded")
                        .during(Duration.ofSeconds(3))
                        .atMost(Duration.ofSeconds(10))
                        .until(() ->
                                count(db, "SELECT COUNT(*) FROM JOBDECK_EXECUTION WHERE JOB_GROUP LIKE ?") == recorded);

                // Every row of the group: each trigger's runs (by the job recorded for them), and what else there is.
                Map<String, List<String>> runs = new HashMap<>();
                List<String> others = new ArrayList<>();
                long misfires = 0;
                for (String row : rows(
                        db, "SELECT TRIGGER_NAME, JOB_NAME, OUTCOME FROM JOBDECK_EXECUTION WHERE JOB_GROUP LIKE ?")) {
                    String[] f = row.split(" ");
                    switch (f[2]) {
                        case "SUCCEEDED" ->
                            runs.computeIfAbsent(f[0], t -> new ArrayList<>()).add(f[1]);
                        case "MISFIRED" -> misfires++;
                        default -> others.add(row);
                    }
                }
                List<String> lost = new ArrayList<>();
                List<String> twice = new ArrayList<>();
                List<String> elsewhere = new ArrayList<>();
                for (int i = 0; i < TRIGGERS; i++) {
                    List<String> ran = runs.getOrDefault(trigger(i), List.of());
                    if (ran.isEmpty()) {
                        lost.add(trigger(i));
                    } else if (ran.size() > 1) {
                        twice.add(trigger(i) + " x" + ran.size());
                    }
                    if (!ran.stream().allMatch(job(i / PER_JOB)::equals)) {
                        elsewhere.add(trigger(i) + " " + ran);
                    }
                }
                System.out.printf(
                        "exactly once: %,d triggers, %,d ran, lost %d, more than once %d, misfires recorded %d%n",
                        TRIGGERS, runs.size(), lost.size(), twice.size(), misfires);
                assertThat(lost).as("triggers that never ran").isEmpty();
                assertThat(twice).as("triggers that ran more than once").isEmpty();
                assertThat(elsewhere).as("runs recorded under another job").isEmpty();
                assertThat(others).as("runs that did not succeed").isEmpty();
                assertThat(runs.keySet()).as("no run of a trigger not imported").hasSize(TRIGGERS);

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
                                        + " FROM JOBDECK_EXECUTION WHERE JOB_GROUP LIKE ? AND OUTCOME = 'SUCCEEDED'"));
                assertThat(byNode).as("runs by node name").hasSize(3);
                assertThat(byNode.keySet())
                        .containsExactlyInAnyOrder(cluster.name(0), cluster.name(1), cluster.name(2));
                assertThat(byNode.values()).allMatch(n -> n > 0);
            }
        }
    }

    /**
     * A definitions document of jobs {@code from} to {@code to} (exclusive): job {@code once-0.job-042} with the
     * triggers {@code job-042} and {@code job-042#2} to {@code job-042#20}, each due once at its time (UTC).
     */
    static String document(Instant first, int from, int to) {
        StringJoiner jobs = new StringJoiner(",\n");
        for (int j = from; j < to; j++) {
            StringJoiner triggers = new StringJoiner(", ");
            for (int i = j * PER_JOB; i < (j + 1) * PER_JOB; i++) {
                LocalDateTime at =
                        LocalDateTime.ofInstant(first.plusMillis(SPREAD.toMillis() * i / TRIGGERS), ZoneOffset.UTC);
                triggers.add("{\"name\": \"%s\", \"at\": \"%s\", \"zone\": \"UTC\"}".formatted(trigger(i), at));
            }
            jobs.add("""
                    {"group": "%s", "name": "%s", "type": "JAVA", "properties": %s, "triggers": [%s]}""".formatted("once-" + j / CHUNK, job(j), ProofJob.PROPERTIES, triggers));
        }
        return "{\"version\": 1, \"calendars\": [], \"jobs\": [\n" + jobs + "\n]}";
    }

    static String job(int j) {
        return "job-%03d".formatted(j);
    }

    /** Trigger {@code i}: its job's name, with {@code #2} to {@code #20} after the first (the names a job's triggers take). */
    static String trigger(int i) {
        int k = i % PER_JOB;
        return job(i / PER_JOB) + (k == 0 ? "" : "#" + (k + 1));
    }

    /** Successful runs by the name of the node that ran them ({@code JOBDECK_EXECUTION.NODE} holds its id). */
    private static Map<String, Long> byNode(Connection db) throws SQLException {
        Map<String, Long> runs = new LinkedHashMap<>();
        try (PreparedStatement s = db.prepareStatement("SELECT NODE, COUNT(*) FROM JOBDECK_EXECUTION"
                + " WHERE JOB_GROUP LIKE ? AND OUTCOME = 'SUCCEEDED' GROUP BY NODE ORDER BY NODE")) {
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
        return GroupRows.count(db, sql, GROUP);
    }

    private static List<String> rows(Connection db, String sql) throws SQLException {
        return GroupRows.rows(db, sql, GROUP);
    }
}
