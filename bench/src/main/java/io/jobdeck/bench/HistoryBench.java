package io.jobdeck.bench;

import io.jobdeck.events.JobOutcome;
import io.jobdeck.history.ExecutionFilter;
import io.jobdeck.history.ExecutionHistory;
import io.jobdeck.history.ExecutionPage;
import io.jobdeck.history.internal.ErrorWords;
import io.jobdeck.testing.Postgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * The execution history at 10 million executions, in the embedded H2 store and in PostgreSQL (a real server from the
 * embedded binaries the tests use): the server time of the queries the history view and the dashboard make, through
 * {@link ExecutionHistory} (role check, worker thread, the repository's SQL), warm. The rows are written straight into
 * the tables ({@code INSERT ... SELECT} over a generated range, in chunks), then the words of their errors as the
 * recorder writes them, then the statistics are gathered ({@code ANALYZE}).
 *
 * <p>The mix: 1,000 jobs in 20 groups, skewed (a job's share falls with its number: {@code job-0} has about 3% of all
 * runs, most jobs a few hundred); 3 nodes; fired evenly over 30 days; 5% failed with one of 9 kinds of error message
 * (some with the job's host or URL, some with a number of their own), 1% timed out, 0.85% misfired, vetoed,
 * interrupted or lost with their node; a stack trace for every failure; the newest few still running. The values are
 * a hash of the row's number, the same on both databases.
 */
final class HistoryBench {

    record Config(long rows, int chunk, int warmups, int reps, List<String> databases) {}

    /** One query's timings on one database, and what its last answer counted. */
    record Timing(String database, String query, long[] nanos, String answer, boolean goal) {}

    record Result(List<Timing> timings, Map<String, String> seeding) {}

    static final String BUSY_GROUP = "group-00";
    static final String BUSY_JOB = "job-0";
    static final String QUIET_GROUP = "group-19";
    static final String QUIET_JOB = "job-999";

    private HistoryBench() {}

    static Result run(Config cfg) throws Exception {
        List<Timing> timings = new ArrayList<>();
        Map<String, String> seeding = new LinkedHashMap<>();
        for (String database : cfg.databases()) {
            if (database.equals("h2")) {
                try (JobdeckApp app = JobdeckApp.boot(2)) {
                    seeding.put("H2", seed(app, cfg, false));
                    timings.addAll(measure(app, "H2", cfg));
                }
            } else if (database.equals("postgresql")) {
                try (Postgres postgres = Postgres.start()) {
                    List<String> args = new ArrayList<>();
                    postgres.datasource().forEach((k, v) -> args.add("--" + k + "=" + v));
                    try (JobdeckApp app = JobdeckApp.boot(2, args.toArray(String[]::new))) {
                        seeding.put("PostgreSQL", seed(app, cfg, true));
                        timings.addAll(measure(app, "PostgreSQL", cfg));
                    }
                }
            } else {
                throw new IllegalArgumentException("BENCH_HISTORY_DATABASES: h2 or postgresql, not " + database);
            }
        }
        return new Result(timings, seeding);
    }

    private static List<Timing> measure(JobdeckApp app, String database, Config cfg) throws Exception {
        ExecutionHistory history = app.context.getBean(ExecutionHistory.class);
        Map<String, Callable<String>> queries = new LinkedHashMap<>();
        Map<String, Boolean> goal = new LinkedHashMap<>();
        query(queries, goal, true, "first page (no filter)", history, ExecutionFilter.ALL);
        query(
                queries,
                goal,
                true,
                "a page of the busiest job's failures (job + outcome)",
                history,
                ExecutionFilter.ofJob(BUSY_GROUP, BUSY_JOB).withOutcomes(Set.of(JobOutcome.FAILED)));
        query(
                queries,
                goal,
                false,
                "a page of a quiet job's failures (job + outcome)",
                history,
                ExecutionFilter.ofJob(QUIET_GROUP, QUIET_JOB).withOutcomes(Set.of(JobOutcome.FAILED)));
        query(queries, goal, true, "search in errors \"refused\" (common)", history, search("refused"));
        query(queries, goal, true, "search in errors \"heap\" (rare)", history, search("heap"));
        query(
                queries,
                goal,
                true,
                "search in errors \"connection refused\" (two words)",
                history,
                search("connection refused"));
        query(queries, goal, true, "search in errors \"nosuchword\" (no match)", history, search("nosuchword"));
        query(
                queries,
                goal,
                false,
                "search \"refused\" in the busiest job's errors",
                history,
                new ExecutionFilter(BUSY_GROUP, BUSY_JOB, Set.of(), null, null, null, "refused"));
        query(
                queries,
                goal,
                false,
                "a page of one group (group filter)",
                history,
                new ExecutionFilter(QUIET_GROUP, null, Set.of(), null, null, null, null));
        queries.put("the busiest job's last outcome (lastEnded)", () -> lastRun(history, BUSY_GROUP, BUSY_JOB));
        goal.put("the busiest job's last outcome (lastEnded)", true);
        queries.put("a quiet job's last outcome (lastEnded)", () -> lastRun(history, QUIET_GROUP, QUIET_JOB));
        goal.put("a quiet job's last outcome (lastEnded)", true);

        List<Timing> out = new ArrayList<>();
        for (Map.Entry<String, Callable<String>> q : queries.entrySet()) {
            String answer = "";
            for (int i = 0; i < cfg.warmups(); i++) {
                answer = q.getValue().call();
            }
            long[] nanos = new long[cfg.reps()];
            for (int i = 0; i < cfg.reps(); i++) {
                long t = System.nanoTime();
                answer = q.getValue().call();
                nanos[i] = System.nanoTime() - t;
            }
            Timing timing = new Timing(
                    database, q.getKey(), nanos, answer + "; " + BenchMain.loadAverage(), goal.get(q.getKey()));
            BenchMain.log("%s", line(timing, cfg.rows()));
            out.add(timing);
        }
        return out;
    }

    static String line(Timing t, long rows) {
        return String.format(
                Locale.ROOT,
                "history, %s, %,d executions, %s: p50=%s ms p95=%s ms max=%s ms (n=%d); %s%s",
                t.database(),
                rows,
                t.query(),
                Stats.fmt(Stats.quantileMs(t.nanos(), 0.50)),
                Stats.fmt(Stats.quantileMs(t.nanos(), 0.95)),
                Stats.fmt(Stats.of(t.nanos()).maxMs()),
                t.nanos().length,
                t.answer(),
                !t.goal() ? " (no goal)" : Stats.quantileMs(t.nanos(), 0.95) < 100 ? ": PASS" : ": FAIL");
    }

    private static ExecutionFilter search(String text) {
        return new ExecutionFilter(null, null, Set.of(), null, null, null, text);
    }

    private static void query(
            Map<String, Callable<String>> queries,
            Map<String, Boolean> goal,
            boolean isGoal,
            String name,
            ExecutionHistory history,
            ExecutionFilter filter) {
        queries.put(name, () -> {
            ExecutionPage page =
                    history.readPage(filter, 0, 50).toCompletableFuture().get(60, TimeUnit.SECONDS);
            return String.format(
                    Locale.ROOT,
                    "a page of %d, count %,d%s",
                    page.rows().size(),
                    page.total(),
                    page.capped() ? "+" : "");
        });
        goal.put(name, isGoal);
    }

    private static String lastRun(ExecutionHistory history, String group, String name) {
        return history.lastRun(group, name)
                .map(r -> "last outcome " + r.outcome())
                .orElse("no last outcome");
    }

    // --- seeding ---

    private static String seed(JobdeckApp app, Config cfg, boolean postgres) throws Exception {
        DataSource data = app.context.getBean(DataSource.class);
        long t0 = System.nanoTime();
        Instant first = Instant.now().minus(Duration.ofDays(30));
        double stepMs = Duration.ofDays(30).toMillis() / (double) cfg.rows();
        try (Connection c = seedingConnection(data, app, postgres)) {
            if (!postgres) {
                // The app's statements time out after 30 s; loading millions of rows takes longer. The connection
                // is evicted from the pool afterwards, so the app's own connections keep their timeout.
                execute(c, "SET QUERY_TIMEOUT 0");
            }
            // A bulk load: the indexes are dropped and made again afterwards (as one sorted build each, instead of
            // millions of inserts at random places).
            List<String> indexes = dropIndexes(c, postgres);
            c.setAutoCommit(false);
            long words = 0;
            for (long from = 1; from <= cfg.rows(); from += cfg.chunk()) {
                long to = Math.min(cfg.rows(), from + cfg.chunk() - 1);
                long maxId = maxId(c);
                String insert = insertExecutions(postgres, first, stepMs, cfg.rows(), from, to);
                long chunkStart = System.nanoTime();
                try (Statement s = c.createStatement()) {
                    s.executeUpdate(insert);
                } catch (SQLException e) {
                    throw new SQLException(e.getMessage() + " in " + insert, e);
                }
                long executionsNanos = System.nanoTime() - chunkStart;
                words += insertWords(c, maxId);
                c.commit();
                long chunkNanos = System.nanoTime() - chunkStart;
                BenchMain.log(
                        "history: %s: %,d of %,d executions, %,d error words, %.0f s",
                        postgres ? "PostgreSQL" : "H2", to, cfg.rows(), words, (System.nanoTime() - t0) / 1e9);
            }
            try (Statement s = c.createStatement()) {
                s.executeUpdate("INSERT INTO JOBDECK_EXECUTION_DETAIL (EXECUTION_ID, STACK_TRACE, LOG, LOG_TRUNCATED)"
                        + " SELECT ID, 'java.lang.IllegalStateException: ' || ERROR || CHR(10)"
                        + " || '\tat io.jobdeck.jobs.http.HttpRequestJob.execute(HttpRequestJob.java:120)' || CHR(10)"
                        + " || '\tat org.quartz.core.JobRunShell.run(JobRunShell.java:202)', NULL, FALSE"
                        + " FROM JOBDECK_EXECUTION WHERE OUTCOME = 'FAILED'");
            }
            c.commit();
            c.setAutoCommit(true);
            long indexing = System.nanoTime();
            BenchMain.log("history: %s: making %d indexes again", postgres ? "PostgreSQL" : "H2", indexes.size());
            if (postgres) {
                execute(c, "SET maintenance_work_mem = '512MB'");
            }
            for (String index : indexes) {
                execute(c, index);
            }
            long indexed = System.nanoTime();
            try (Statement s = c.createStatement()) {
                s.execute(postgres ? "VACUUM ANALYZE" : "ANALYZE");
            }
            String seeded = String.format(
                    Locale.ROOT,
                    "%,d executions with %,d error words seeded in %.0f s (of which the indexes %.0f s), %s in %.0f s;"
                            + " %s",
                    cfg.rows(),
                    words,
                    (indexed - t0) / 1e9,
                    (indexed - indexing) / 1e9,
                    postgres ? "VACUUM ANALYZE" : "ANALYZE",
                    (System.nanoTime() - indexed) / 1e9,
                    mix(c));
            if (!postgres) {
                ((com.zaxxer.hikari.HikariDataSource) data).evictConnection(c);
            }
            return seeded;
        }
    }

    /**
     * Drops the history tables' indexes but those a constraint holds (the primary keys; on H2 also the index of the
     * words' foreign key) and returns the statements that make them again, as the database states them.
     */
    private static List<String> dropIndexes(Connection c, boolean postgres) throws SQLException {
        List<String> create = new ArrayList<>();
        List<String> names = new ArrayList<>();
        if (postgres) {
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT indexname, indexdef FROM pg_indexes WHERE tablename IN"
                            + " ('jobdeck_execution', 'jobdeck_execution_word') AND indexname NOT LIKE '%_pkey'")) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                    create.add(rs.getString(2));
                }
            }
        } else {
            Map<String, String> heads = new LinkedHashMap<>();
            Map<String, List<String>> columns = new LinkedHashMap<>();
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT I.INDEX_NAME, I.TABLE_NAME, I.INDEX_TYPE_NAME, C.COLUMN_NAME,"
                            + " C.ORDERING_SPECIFICATION FROM INFORMATION_SCHEMA.INDEXES I JOIN"
                            + " INFORMATION_SCHEMA.INDEX_COLUMNS C ON C.INDEX_SCHEMA = I.INDEX_SCHEMA AND C.INDEX_NAME"
                            + " = I.INDEX_NAME WHERE I.TABLE_NAME IN ('JOBDECK_EXECUTION', 'JOBDECK_EXECUTION_WORD')"
                            + " AND I.INDEX_TYPE_NAME IN ('INDEX', 'UNIQUE INDEX') AND I.INDEX_NAME NOT IN (SELECT"
                            + " INDEX_NAME FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS WHERE INDEX_NAME IS NOT NULL)"
                            + " ORDER BY I.INDEX_NAME, C.ORDINAL_POSITION")) {
                while (rs.next()) {
                    String name = rs.getString(1);
                    heads.put(
                            name,
                            "CREATE " + (rs.getString(3).equals("UNIQUE INDEX") ? "UNIQUE " : "") + "INDEX " + name
                                    + " ON " + rs.getString(2));
                    columns.computeIfAbsent(name, n -> new ArrayList<>()).add(rs.getString(4) + " " + rs.getString(5));
                }
            }
            heads.forEach((name, head) -> {
                names.add(name);
                create.add(head + " (" + String.join(", ", columns.get(name)) + ")");
            });
        }
        for (String name : names) {
            execute(c, "DROP INDEX " + name);
        }
        return create;
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** PostgreSQL: a connection of its own that sends a batch of inserts as one statement. */
    private static Connection seedingConnection(DataSource data, JobdeckApp app, boolean postgres) throws SQLException {
        if (!postgres) {
            return data.getConnection();
        }
        var env = app.context.getEnvironment();
        return DriverManager.getConnection(
                env.getProperty("spring.datasource.url") + "?reWriteBatchedInserts=true",
                env.getProperty("spring.datasource.username"),
                env.getProperty("spring.datasource.password"));
    }

    private static long maxId(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(ID), 0) FROM JOBDECK_EXECUTION")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The words of the errors written since {@code afterId}, as the recorder writes them. */
    private static long insertWords(Connection c, long afterId) throws SQLException {
        long n = 0;
        try (PreparedStatement read = c.prepareStatement(
                        "SELECT ID, FIRED_AT, ERROR FROM JOBDECK_EXECUTION WHERE ID > ? AND ERROR IS NOT NULL");
                PreparedStatement write = c.prepareStatement(
                        "INSERT INTO JOBDECK_EXECUTION_WORD (WORD, FIRED_AT, EXECUTION_ID) VALUES (?, ?, ?)")) {
            read.setFetchSize(10_000);
            read.setLong(1, afterId);
            int batched = 0;
            try (ResultSet rs = read.executeQuery()) {
                while (rs.next()) {
                    long id = rs.getLong(1);
                    Timestamp firedAt = rs.getTimestamp(2);
                    for (String word : ErrorWords.of(rs.getString(3))) {
                        write.setString(1, word);
                        write.setTimestamp(2, firedAt);
                        write.setLong(3, id);
                        write.addBatch();
                        n++;
                        if (++batched == 5_000) {
                            write.executeBatch();
                            batched = 0;
                        }
                    }
                }
            }
            if (batched > 0) {
                write.executeBatch();
            }
        }
        return n;
    }

    /** What was seeded, in a few numbers. */
    private static String mix(Connection c) throws SQLException {
        StringBuilder out = new StringBuilder();
        try (Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery(
                    "SELECT OUTCOME, COUNT(*) FROM JOBDECK_EXECUTION GROUP BY OUTCOME ORDER BY COUNT(*) DESC")) {
                while (rs.next()) {
                    out.append(out.isEmpty() ? "" : ", ")
                            .append(rs.getString(1))
                            .append(' ')
                            .append(String.format(Locale.ROOT, "%,d", rs.getLong(2)));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT COUNT(DISTINCT JOB_NAME), COUNT(DISTINCT JOB_GROUP),"
                    + " COUNT(DISTINCT NODE), COUNT(DISTINCT ERROR) FROM JOBDECK_EXECUTION")) {
                rs.next();
                out.append(String.format(
                        Locale.ROOT,
                        "; %d jobs in %d groups on %d nodes, %,d distinct error messages",
                        rs.getLong(1),
                        rs.getLong(2),
                        rs.getLong(3),
                        rs.getLong(4)));
            }
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM JOBDECK_EXECUTION WHERE JOB_GROUP = '" + BUSY_GROUP
                    + "' AND JOB_NAME = '" + BUSY_JOB + "'")) {
                rs.next();
                out.append(String.format(Locale.ROOT, "; the busiest job %,d runs", rs.getLong(1)));
            }
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM JOBDECK_EXECUTION WHERE JOB_GROUP = '"
                    + QUIET_GROUP + "' AND JOB_NAME = '" + QUIET_JOB + "'")) {
                rs.next();
                out.append(String.format(Locale.ROOT, ", a quiet one %,d", rs.getLong(1)));
            }
        }
        return out.toString();
    }

    /**
     * Executions {@code from..to} of {@code total}, one a row number. The values are the bench's own numbers, so they are
     * written into the statement. R1..R3 are hashes of the row's number in [0, 1): R1 picks the job (its square: skewed
     * to the first ones), R2 the outcome, R3 the error message.
     */
    private static String insertExecutions(
            boolean postgres, Instant first, double stepMs, long total, long from, long to) {
        String start =
                "CAST('" + first.toString().replace('T', ' ').replace("Z", "+00") + "' AS TIMESTAMP WITH TIME ZONE)";
        String fired = String.format(Locale.ROOT, "CAST(X * %.6f AS BIGINT)", stepMs);
        String range = postgres
                ? "generate_series(CAST(" + from + " AS BIGINT), CAST(" + to + " AS BIGINT)) AS G(X)"
                : "SYSTEM_RANGE(" + from + ", " + to + ")";
        String hashes = "SELECT X, N, J, R2, R3, " + plusMillis(postgres, fired, start) + " AS FIRED,"
                + " MOD(X * 48271, 3000) + 5 AS DUR, MOD(X * 16807, 900) AS LAG FROM (SELECT X, MOD(X, 3) AS N,"
                + " CAST(FLOOR(1000 * POWER(CAST(MOD(X * 2654435761, 4294967291) AS DOUBLE PRECISION) / 4294967291,"
                + " 2)) AS INT) AS J,"
                + " CAST(MOD(X * 2246822519, 4294967279) AS DOUBLE PRECISION) / 4294967279 AS R2,"
                + " CAST(MOD(X * 3266489917, 4294967231) AS DOUBLE PRECISION) / 4294967231 AS R3"
                + " FROM " + range + ") H";
        String running = "X > " + (total - 5);
        String outcome = "CASE WHEN " + running + " THEN 'RUNNING' WHEN R2 < 0.05 THEN 'FAILED' WHEN R2 < 0.06 THEN"
                + " 'TIMED_OUT' WHEN R2 < 0.065 THEN 'MISFIRED' WHEN R2 < 0.067 THEN 'VETOED' WHEN R2 < 0.068 THEN"
                + " 'INTERRUPTED' WHEN R2 < 0.0685 THEN 'NODE_DIED' ELSE 'SUCCEEDED' END";
        String error = "CASE WHEN " + running + " THEN NULL WHEN R2 < 0.05 THEN"
                + " CASE WHEN R3 < 0.25 THEN 'ConnectException: Connection refused: api-' || MOD(J, 40)"
                + " || '.internal/10.0.' || MOD(J, 7) || '.' || MOD(J, 250) || ':8080'"
                + " WHEN R3 < 0.45 THEN 'HTTP 503 Service Unavailable from https://api-' || MOD(J, 40)"
                + " || '.example.com/v1/jobs/' || J"
                + " WHEN R3 < 0.60 THEN 'exited with code ' || (1 + MOD(X, 5))"
                + " WHEN R3 < 0.70 THEN 'SQLException: deadlock detected while updating batch ' || X"
                + " WHEN R3 < 0.80 THEN 'NullPointerException: Cannot invoke \"String.length()\" because \"name\" is"
                + " null'"
                + " WHEN R3 < 0.90 THEN 'SocketTimeoutException: Read timed out after 30000 ms'"
                + " WHEN R3 < 0.96 THEN 'IllegalStateException: invoice ' || MOD(X, 100000) || ' has no customer'"
                + " WHEN R3 < 0.999 THEN 'HTTP 500 Internal Server Error from https://billing.example.com/charge'"
                + " ELSE 'OutOfMemoryError: Java heap space' END"
                + " WHEN R2 < 0.06 THEN 'JobTimedOutException: timed out after PT' || (30 + MOD(J, 5) * 30) || 'S'"
                + " WHEN R2 < 0.067 THEN NULL"
                + " WHEN R2 < 0.068 THEN 'InterruptedException: interrupted by an operator'"
                + " WHEN R2 < 0.0685 THEN 'The node running it stopped before it ended' ELSE NULL END";
        String group = "'group-' || LPAD(CAST(MOD(J, 20) AS VARCHAR), 2, '0')";
        return "INSERT INTO JOBDECK_EXECUTION (FIRE_ID, RUN_KEY, ATTEMPT, JOB_GROUP, JOB_NAME, TRIGGER_GROUP,"
                + " TRIGGER_NAME, NODE, PARAMETERS, RUN_PARAMETERS, SCHEDULED_AT, FIRED_AT, LAG_MS, ENDED_AT,"
                + " DURATION_MS, OUTCOME, ERROR)"
                + " SELECT 'node-' || N || '_' || X, 'node-' || N || '_' || X, 1, " + group + ", 'job-' || J, "
                + group + ", 'trigger-' || J, 'node-' || N,"
                + " CASE WHEN MOD(J, 3) = 0 THEN '{\"url\":\"https://api-' || MOD(J, 40) || '.example.com/v1/jobs/' || J"
                + " || '\"}' ELSE '{}' END, '{}', "
                + plusMillis(postgres, "-LAG", "FIRED") + ", FIRED, LAG,"
                + " CASE WHEN " + running + " THEN NULL ELSE " + plusMillis(postgres, "DUR", "FIRED") + " END,"
                + " CASE WHEN " + running + " THEN NULL ELSE DUR END, " + outcome + ", " + error
                + " FROM (" + hashes + ") S";
    }

    private static String plusMillis(boolean postgres, String millis, String timestamp) {
        return postgres
                ? timestamp + " + (" + millis + ") * INTERVAL '1 millisecond'"
                : "DATEADD(MILLISECOND, " + millis + ", " + timestamp + ")";
    }
}
