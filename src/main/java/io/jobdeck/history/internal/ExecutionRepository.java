package io.jobdeck.history.internal;

import io.jobdeck.events.JobOutcome;
import io.jobdeck.history.Execution;
import io.jobdeck.history.ExecutionFilter;
import io.jobdeck.history.ExecutionPage;
import io.jobdeck.stats.ExecutionBuckets;
import io.jobdeck.support.DurableCommits;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The execution tables. Every query is bounded by its page and served by an index (see {@code V8__executions.sql});
 * filters are bound parameters, never concatenated input; texts are cut to their columns.
 */
@Repository
public class ExecutionRepository {

    static final int NAME_MAX = 200;
    static final int PARAMETERS_MAX = 8000;
    static final int ERROR_MAX = 2000;
    static final int DETAIL_MAX = 1_000_000;

    private static final String COLUMNS = "ID, FIRE_ID, RUN_KEY, ATTEMPT, JOB_GROUP, JOB_NAME, TRIGGER_GROUP,"
            + " TRIGGER_NAME, NODE, PARAMETERS, RUN_PARAMETERS, SCHEDULED_AT, FIRED_AT, LAG_MS, ENDED_AT, DURATION_MS,"
            + " OUTCOME, ERROR, HTTP_STATUS, HTTP_BYTES, HTTP_MILLIS, EXIT_CODE";
    private static final String NEWEST_FIRST = " ORDER BY FIRED_AT DESC, ID DESC";
    private static final String INSERT_WORD =
            "INSERT INTO JOBDECK_EXECUTION_WORD (WORD, FIRED_AT, EXECUTION_ID) VALUES (?, ?, ?)";
    private static final String NODE_DIED = "The node running it stopped before it ended";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<LinkedHashMap<String, String>> MAP = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final TransactionTemplate transactions;
    private final DurableCommits durable;
    private final ExecutionBuckets buckets;

    ExecutionRepository(
            JdbcClient jdbc,
            JdbcTemplate template,
            TransactionTemplate transactions,
            DurableCommits durable,
            ExecutionBuckets buckets) {
        this.jdbc = jdbc;
        this.template = template;
        this.transactions = transactions;
        this.durable = durable;
        this.buckets = buckets;
    }

    /**
     * An execution as written: its texts rendered (parameters masked, the error as message and stack trace).
     *
     * @param ended whether this is its end (else its start, written as {@code RUNNING})
     */
    public record Row(
            ExecutionRecord record,
            String parameters,
            String runParameters,
            @Nullable String error,
            @Nullable String stackTrace) {}

    /**
     * Writes starts and ends in one transaction, all or none, and makes them survive a crash. An end updates its
     * start's row, or inserts the whole execution when its start was not written (it came in the same batch, or was
     * lost). The ended ones are added to the charts' per-minute buckets in the same transaction (whose rows are written
     * with it when due, see {@link #writePendingStats}).
     */
    public void write(List<Row> starts, List<Row> ends) {
        transactions.executeWithoutResult(tx -> {
            if (!starts.isEmpty()) {
                insert(starts);
            }
            if (!ends.isEmpty()) {
                int[] updated = template.batchUpdate(
                        "UPDATE JOBDECK_EXECUTION SET ENDED_AT = ?, DURATION_MS = ?, OUTCOME = ?, ERROR = ?,"
                                + " HTTP_STATUS = ?, HTTP_BYTES = ?, HTTP_MILLIS = ?, EXIT_CODE = ? WHERE FIRE_ID = ?",
                        ends.stream()
                                .map(r -> new Object[] {
                                    orNull(timestamp(r.record().endedAt()), Types.TIMESTAMP_WITH_TIMEZONE),
                                    orNull(r.record().durationMillis(), Types.BIGINT),
                                    r.record().outcome().name(),
                                    orNull(fitOrNull(r.error(), ERROR_MAX), Types.VARCHAR),
                                    orNull(r.record().httpStatus(), Types.INTEGER),
                                    orNull(r.record().httpBytes(), Types.BIGINT),
                                    orNull(r.record().httpMillis(), Types.BIGINT),
                                    orNull(r.record().exitCode(), Types.INTEGER),
                                    r.record().fireId()
                                })
                                .toList());
                List<Row> missing = new ArrayList<>();
                for (int i = 0; i < ends.size(); i++) {
                    if (updated[i] == 0) {
                        missing.add(ends.get(i));
                    }
                }
                if (!missing.isEmpty()) {
                    insert(missing);
                }
            }
            List<Row> all = java.util.stream.Stream.concat(starts.stream(), ends.stream())
                    .toList();
            buckets.add(all.stream()
                    .map(Row::record)
                    .filter(r -> r.ended() && r.endedAt() != null)
                    .map(ExecutionRepository::ended)
                    .toList());
            List<Row> detailed = all.stream()
                    .filter(r -> r.record().ended()
                            && (r.stackTrace() != null || r.record().log() != null))
                    .toList();
            List<Row> failed = all.stream()
                    .filter(r -> r.record().ended() && r.error() != null)
                    .toList();
            if (detailed.isEmpty() && failed.isEmpty()) {
                return;
            }
            Map<String, Long> ids = idsOf(java.util.stream.Stream.concat(detailed.stream(), failed.stream())
                    .map(r -> r.record().fireId())
                    .distinct()
                    .toList());
            template.batchUpdate(
                    "INSERT INTO JOBDECK_EXECUTION_DETAIL (EXECUTION_ID, STACK_TRACE, LOG, LOG_TRUNCATED)"
                            + " VALUES (?, ?, ?, ?)",
                    detailed.stream()
                            .filter(r -> ids.containsKey(r.record().fireId()))
                            .map(r -> new Object[] {
                                ids.get(r.record().fireId()),
                                fitOrNull(r.stackTrace(), DETAIL_MAX),
                                fitOrNull(r.record().log(), DETAIL_MAX),
                                r.record().logTruncated()
                            })
                            .toList());
            template.batchUpdate(
                    INSERT_WORD,
                    failed.stream()
                            .filter(r -> ids.containsKey(r.record().fireId()))
                            .flatMap(r -> ErrorWords.of(fitOrNull(r.error(), ERROR_MAX)).stream()
                                    .map(word -> new Object[] {
                                        word,
                                        Timestamp.from(r.record().firedAt()),
                                        ids.get(r.record().fireId())
                                    }))
                            .toList());
        });
    }

    private static ExecutionBuckets.Ended ended(ExecutionRecord r) {
        Instant endedAt = java.util.Objects.requireNonNull(r.endedAt());
        Long duration = r.durationMillis();
        return new ExecutionBuckets.Ended(
                r.jobGroup(),
                r.jobName(),
                endedAt,
                duration == null ? Duration.between(r.firedAt(), endedAt).toMillis() : duration,
                r.outcome(),
                r.scheduledAt() == null
                        ? null
                        : Duration.between(r.scheduledAt(), r.firedAt()).toMillis());
    }

    /**
     * Writes the charts' counts that {@link #write} left waiting ({@link ExecutionBuckets#WRITE_EVERY}): always when
     * {@code evenIfNotDue}, else once they are due. Returns whether it wrote anything.
     */
    boolean writePendingStats(boolean evenIfNotDue) {
        return buckets.writePending(evenIfNotDue);
    }

    /**
     * Forces what {@link #write} committed to disk (H2 writes its commits about half a second later by itself;
     * PostgreSQL at once). The recorder calls it at most every {@code jobdeck.history.sync-every}, and on a flush.
     */
    void sync() {
        durable.flush();
    }

    private void insert(List<Row> rows) {
        template.batchUpdate(
                "INSERT INTO JOBDECK_EXECUTION (FIRE_ID, RUN_KEY, ATTEMPT, JOB_GROUP, JOB_NAME, TRIGGER_GROUP,"
                        + " TRIGGER_NAME, NODE, PARAMETERS, RUN_PARAMETERS, SCHEDULED_AT, FIRED_AT, LAG_MS, ENDED_AT,"
                        + " DURATION_MS, OUTCOME, ERROR, HTTP_STATUS, HTTP_BYTES, HTTP_MILLIS, EXIT_CODE)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                rows.stream()
                        .map(r -> {
                            ExecutionRecord e = r.record();
                            return new Object[] {
                                fit(e.fireId(), NAME_MAX),
                                fit(e.runKey(), NAME_MAX),
                                e.attempt(),
                                fit(e.jobGroup(), NAME_MAX),
                                fit(e.jobName(), NAME_MAX),
                                orNull(fitOrNull(e.triggerGroup(), NAME_MAX), Types.VARCHAR),
                                orNull(fitOrNull(e.triggerName(), NAME_MAX), Types.VARCHAR),
                                fit(e.node(), NAME_MAX),
                                fit(r.parameters(), PARAMETERS_MAX),
                                fit(r.runParameters(), PARAMETERS_MAX),
                                orNull(timestamp(e.scheduledAt()), Types.TIMESTAMP_WITH_TIMEZONE),
                                Timestamp.from(e.firedAt()),
                                orNull(
                                        e.scheduledAt() == null
                                                ? null
                                                : Duration.between(e.scheduledAt(), e.firedAt())
                                                        .toMillis(),
                                        Types.BIGINT),
                                orNull(timestamp(e.endedAt()), Types.TIMESTAMP_WITH_TIMEZONE),
                                orNull(e.durationMillis(), Types.BIGINT),
                                e.outcome().name(),
                                orNull(fitOrNull(r.error(), ERROR_MAX), Types.VARCHAR),
                                orNull(e.httpStatus(), Types.INTEGER),
                                orNull(e.httpBytes(), Types.BIGINT),
                                orNull(e.httpMillis(), Types.BIGINT),
                                orNull(e.exitCode(), Types.INTEGER)
                            };
                        })
                        .toList());
    }

    private Map<String, Long> idsOf(List<String> fireIds) {
        Map<String, Long> ids = new HashMap<>();
        for (int from = 0; from < fireIds.size(); from += 500) {
            List<String> chunk = fireIds.subList(from, Math.min(fireIds.size(), from + 500));
            jdbc.sql("SELECT ID, FIRE_ID FROM JOBDECK_EXECUTION WHERE FIRE_ID IN (:ids)")
                    .param("ids", chunk)
                    .query((rs, n) -> ids.put(rs.getString("FIRE_ID"), rs.getLong("ID")))
                    .list();
        }
        return ids;
    }

    /**
     * One page of executions matching the filter, newest first, and how many match (up to {@code countCap}). A search
     * in errors reads the newest entries of its longest word in the word index ({@code JOBDECK_EXECUTION_WORD}, the
     * page's order) and checks its other words there by key; the rest of the filter is checked on the execution. With
     * other conditions that select fewer executions than the word has entries, those executions are read instead.
     */
    public ExecutionPage page(ExecutionFilter filter, int offset, int limit, int countCap) {
        List<String> words =
                ErrorWords.of(filter.errorText() == null ? null : fit(filter.errorText(), ExecutionFilter.MAX_TEXT));
        if (filter.errorText() != null && words.isEmpty()) {
            return new ExecutionPage(List.of(), 0, false); // no letter or digit: no whole word to find
        }
        List<Object> params = new ArrayList<>();
        String wordWhere = words.isEmpty() ? "" : wordWhere(filter, words, params);
        String executionWhere = executionWhere(filter, words.isEmpty(), params);
        String from;
        String order = " ORDER BY W.FIRED_AT DESC, W.EXECUTION_ID DESC";
        if (words.isEmpty()) {
            from = "JOBDECK_EXECUTION E WHERE 1 = 1" + executionWhere;
            order = " ORDER BY E.FIRED_AT DESC, E.ID DESC";
        } else if (executionWhere.isEmpty()) {
            // Words alone: the count and the page are read from the word index, and only the page's executions.
            long total = count("JOBDECK_EXECUTION_WORD W WHERE " + wordWhere, params, countCap);
            List<Execution> rows = jdbc.sql("SELECT " + prefixed("E.") + " FROM (SELECT W.FIRED_AT, W.EXECUTION_ID"
                            + " FROM JOBDECK_EXECUTION_WORD W WHERE " + wordWhere + order + " LIMIT ? OFFSET ?) W"
                            + " JOIN JOBDECK_EXECUTION E ON E.ID = W.EXECUTION_ID" + order)
                    .params(withAll(params, limit, offset))
                    .query((rs, n) -> execution(rs, null, null, false))
                    .list();
            return new ExecutionPage(rows, Math.min(total, countCap), total > countCap);
        } else if (readByExecutions(filter, words, countCap)) {
            // Fewer executions match the other conditions than entries the word has: read those executions by their
            // index and look each one's words up by key (a busy word within one job).
            params.clear();
            StringBuilder where = new StringBuilder(executionWhere(filter, true, params));
            for (String word : words) {
                where.append(" AND ").append(wordExists("E.FIRED_AT", "E.ID"));
                params.add(word);
            }
            from = "JOBDECK_EXECUTION E WHERE 1 = 1" + where;
            order = " ORDER BY E.FIRED_AT DESC, E.ID DESC";
        } else {
            from = "JOBDECK_EXECUTION_WORD W JOIN JOBDECK_EXECUTION E ON E.ID = W.EXECUTION_ID WHERE " + wordWhere
                    + executionWhere;
        }
        long total = count(from, params, countCap);
        List<Execution> rows = jdbc.sql("SELECT " + prefixed("E.") + " FROM " + from + order + " LIMIT ? OFFSET ?")
                .params(withAll(params, limit, offset))
                .query((rs, n) -> execution(rs, null, null, false))
                .list();
        return new ExecutionPage(rows, Math.min(total, countCap), total > countCap);
    }

    /**
     * Whether a search with other conditions is better read from the executions those conditions select than from the
     * word's entries: both are counted by index up to the cap, and the smaller side is read; when both reach it, the
     * executions of one job (a bounded set), else the word's entries.
     */
    private boolean readByExecutions(ExecutionFilter filter, List<String> words, int countCap) {
        List<Object> wordParams = new ArrayList<>();
        long wordRows =
                count("JOBDECK_EXECUTION_WORD W WHERE " + wordWhere(filter, words, wordParams), wordParams, countCap);
        List<Object> executionParams = new ArrayList<>();
        long executionRows = count(
                "JOBDECK_EXECUTION E WHERE 1 = 1" + executionWhere(filter, true, executionParams),
                executionParams,
                countCap);
        return executionRows < wordRows || (executionRows == wordRows && filter.jobName() != null);
    }

    private static String wordExists(String firedAt, String executionId) {
        return "EXISTS (SELECT 1 FROM JOBDECK_EXECUTION_WORD O WHERE O.WORD = ? AND O.FIRED_AT = " + firedAt
                + " AND O.EXECUTION_ID = " + executionId + ")";
    }

    /** How many rows match, counting no further than one past the cap. */
    private long count(String from, List<Object> params, int countCap) {
        return jdbc.sql("SELECT COUNT(*) FROM (SELECT 1 FROM " + from + " LIMIT ?) T")
                .params(withAll(params, countCap + 1))
                .query(Long.class)
                .single();
    }

    /**
     * The word index's conditions: the longest word (likely the rarest) is read by index, the others checked by key;
     * a time range is read there too.
     */
    private static String wordWhere(ExecutionFilter filter, List<String> words, List<Object> params) {
        String longest = words.stream()
                .max(java.util.Comparator.comparingInt(String::length))
                .orElseThrow();
        StringBuilder sql = new StringBuilder("W.WORD = ?");
        params.add(longest);
        for (String word : words) {
            if (!word.equals(longest)) {
                sql.append(" AND ").append(wordExists("W.FIRED_AT", "W.EXECUTION_ID"));
                params.add(word);
            }
        }
        timeRange(filter, "W.FIRED_AT", sql, params);
        return sql.toString();
    }

    /** The conditions on the execution itself (each starting with AND), the time range too if {@code withTime}. */
    private static String executionWhere(ExecutionFilter filter, boolean withTime, List<Object> params) {
        StringBuilder sql = new StringBuilder();
        if (filter.jobGroup() != null) {
            sql.append(" AND E.JOB_GROUP = ?");
            params.add(filter.jobGroup());
        }
        if (filter.jobName() != null) {
            sql.append(" AND E.JOB_NAME = ?");
            params.add(filter.jobName());
        }
        if (!filter.outcomes().isEmpty()) {
            sql.append(" AND E.OUTCOME IN (")
                    .append(String.join(
                            ", ",
                            java.util.Collections.nCopies(filter.outcomes().size(), "?")))
                    .append(")");
            filter.outcomes().stream().map(Enum::name).sorted().forEach(params::add);
        }
        if (filter.node() != null) {
            sql.append(" AND E.NODE = ?");
            params.add(filter.node());
        }
        if (withTime) {
            timeRange(filter, "E.FIRED_AT", sql, params);
        }
        return sql.toString();
    }

    private static void timeRange(ExecutionFilter filter, String column, StringBuilder sql, List<Object> params) {
        if (filter.from() != null) {
            sql.append(" AND ").append(column).append(" >= ?");
            params.add(Timestamp.from(filter.from()));
        }
        if (filter.to() != null) {
            sql.append(" AND ").append(column).append(" < ?");
            params.add(Timestamp.from(filter.to()));
        }
    }

    /** One execution with its stack trace and log. */
    public Optional<Execution> find(long id) {
        return jdbc.sql("SELECT " + prefixed("E.") + ", D.STACK_TRACE, D.LOG, D.LOG_TRUNCATED"
                        + " FROM JOBDECK_EXECUTION E LEFT JOIN JOBDECK_EXECUTION_DETAIL D ON D.EXECUTION_ID = E.ID"
                        + " WHERE E.ID = ?")
                .param(id)
                .query((rs, n) ->
                        execution(rs, rs.getString("STACK_TRACE"), rs.getString("LOG"), rs.getBoolean("LOG_TRUNCATED")))
                .optional();
    }

    /** The execution of a fire, if it was written. */
    public Optional<Execution> findByFireId(String fireId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM JOBDECK_EXECUTION WHERE FIRE_ID = ?")
                .param(fireId)
                .query((rs, n) -> execution(rs, null, null, false))
                .optional();
    }

    /** The attempts of a run, first first. */
    public List<Execution> attempts(String runKey) {
        return jdbc.sql("SELECT " + COLUMNS
                        + " FROM JOBDECK_EXECUTION WHERE RUN_KEY = ? ORDER BY ATTEMPT, ID LIMIT 100")
                .param(runKey)
                .query((rs, n) -> execution(rs, null, null, false))
                .list();
    }

    /** A job's most recent executions, newest first. */
    public List<Execution> recent(String group, String name, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM JOBDECK_EXECUTION WHERE JOB_GROUP = ? AND JOB_NAME = ?"
                        + NEWEST_FIRST + " LIMIT ?")
                .params(group, name, limit)
                .query((rs, n) -> execution(rs, null, null, false))
                .list();
    }

    /** A job's most recent ended execution (reads its newest rows by index until one has ended). */
    public Optional<Execution> lastEnded(String group, String name) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM JOBDECK_EXECUTION WHERE JOB_GROUP = ? AND JOB_NAME = ?"
                        + " AND OUTCOME <> 'RUNNING'" + NEWEST_FIRST + " LIMIT 1")
                .params(group, name)
                .query((rs, n) -> execution(rs, null, null, false))
                .optional();
    }

    /** The fire ids of executions still "running" on these nodes, or on any node but these ({@code except}). */
    public List<String> runningFireIds(Collection<String> nodes, boolean except, int limit) {
        return jdbc.sql("SELECT FIRE_ID FROM JOBDECK_EXECUTION WHERE OUTCOME = 'RUNNING' AND NODE "
                        + (except ? "NOT " : "") + "IN (:nodes) ORDER BY FIRED_AT LIMIT :limit")
                .param("nodes", List.copyOf(nodes))
                .param("limit", limit)
                .query((rs, n) -> rs.getString(1))
                .list();
    }

    /** The nodes that executions still "running" in the history name. */
    public List<String> runningNodes() {
        return jdbc.sql("SELECT DISTINCT NODE FROM JOBDECK_EXECUTION WHERE OUTCOME = 'RUNNING'")
                .query((rs, n) -> rs.getString(1))
                .list();
    }

    /** Marks these executions, if still "running", as ended by their node's death. Returns how many were. */
    public int markNodeDied(List<String> fireIds, Instant now) {
        int marked = 0;
        for (int from = 0; from < fireIds.size(); from += 500) {
            List<String> chunk = fireIds.subList(from, Math.min(fireIds.size(), from + 500));
            Integer updated = transactions.execute(tx -> {
                int done = jdbc.sql("UPDATE JOBDECK_EXECUTION SET OUTCOME = 'NODE_DIED', ENDED_AT = :now,"
                                + " ERROR = :error WHERE FIRE_ID IN (:ids) AND OUTCOME = 'RUNNING'")
                        .param("now", Timestamp.from(now))
                        .param("error", NODE_DIED)
                        .param("ids", chunk)
                        .update();
                // Their error's words, for the search (not again for one marked before).
                for (String word : ErrorWords.of(NODE_DIED)) {
                    jdbc.sql("INSERT INTO JOBDECK_EXECUTION_WORD (WORD, FIRED_AT, EXECUTION_ID)"
                                    + " SELECT :word, E.FIRED_AT, E.ID FROM JOBDECK_EXECUTION E"
                                    + " WHERE E.FIRE_ID IN (:ids) AND E.OUTCOME = 'NODE_DIED' AND NOT EXISTS"
                                    + " (SELECT 1 FROM JOBDECK_EXECUTION_WORD W WHERE W.WORD = :word"
                                    + " AND W.FIRED_AT = E.FIRED_AT AND W.EXECUTION_ID = E.ID)")
                            .param("word", word)
                            .param("ids", chunk)
                            .update();
                }
                return done;
            });
            marked += updated == null ? 0 : updated;
        }
        durable.flush();
        return marked;
    }

    private static String prefixed(String alias) {
        return alias + COLUMNS.replace(", ", ", " + alias);
    }

    private static Execution execution(
            ResultSet rs, @Nullable String stackTrace, @Nullable String log, boolean logTruncated) throws SQLException {
        Instant scheduled = instant(rs, "SCHEDULED_AT");
        return new Execution(
                rs.getLong("ID"),
                rs.getString("FIRE_ID"),
                rs.getString("RUN_KEY"),
                rs.getInt("ATTEMPT"),
                rs.getString("JOB_GROUP"),
                rs.getString("JOB_NAME"),
                rs.getString("TRIGGER_GROUP"),
                rs.getString("TRIGGER_NAME"),
                rs.getString("NODE"),
                parameters(rs.getString("PARAMETERS")),
                parameters(rs.getString("RUN_PARAMETERS")),
                scheduled,
                rs.getTimestamp("FIRED_AT").toInstant(),
                millis(rs, "LAG_MS"),
                instant(rs, "ENDED_AT"),
                millis(rs, "DURATION_MS"),
                JobOutcome.valueOf(rs.getString("OUTCOME")),
                rs.getString("ERROR"),
                (Integer) rs.getObject("HTTP_STATUS", Integer.class),
                (Long) rs.getObject("HTTP_BYTES", Long.class),
                millis(rs, "HTTP_MILLIS"),
                (Integer) rs.getObject("EXIT_CODE", Integer.class),
                stackTrace,
                log,
                logTruncated);
    }

    /** Parameters as stored: a JSON object of strings. */
    static String json(Map<String, String> parameters) {
        return parameters.isEmpty() ? "{}" : JSON.writeValueAsString(parameters);
    }

    private static Map<String, String> parameters(@Nullable String json) {
        if (json == null || json.isBlank()) {
            return Map.of();
        }
        try {
            return JSON.readValue(json, MAP);
        } catch (RuntimeException e) {
            return Map.of(); // cut at the column's size: shown without parameters rather than not at all
        }
    }

    private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static @Nullable Duration millis(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : Duration.ofMillis(value);
    }

    /**
     * A value to bind, or a null of a known type: an untyped null makes the driver be asked for the parameter's type
     * (metadata work for each null of each row).
     */
    private static Object orNull(@Nullable Object value, int sqlType) {
        return value == null ? new SqlParameterValue(sqlType, null) : value;
    }

    private static @Nullable Timestamp timestamp(@Nullable Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static List<Object> withAll(List<Object> params, Object... more) {
        List<Object> all = new ArrayList<>(params);
        all.addAll(List.of(more));
        return all;
    }

    static String fit(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    static @Nullable String fitOrNull(@Nullable String text, int max) {
        return text == null ? null : fit(text, max);
    }

    /** Where an execution stands in the newest-first order: by its fire time, then by its id. */
    public record Position(Instant firedAt, long id) implements Comparable<Position> {

        /** Everything fired before {@code instant}. */
        public static Position before(Instant instant) {
            return new Position(instant, Long.MIN_VALUE);
        }

        @Override
        public int compareTo(Position other) {
            int byTime = firedAt.compareTo(other.firedAt);
            return byTime != 0 ? byTime : Long.compare(id, other.id);
        }
    }

    /**
     * The {@code n}-th newest execution, found by stepping over {@code n - 1} entries of the fire time index
     * ({@code OFFSET}) rather than by counting the table; empty when there are fewer.
     */
    public Optional<Position> nthNewest(long n) {
        return jdbc.sql("SELECT FIRED_AT, ID FROM JOBDECK_EXECUTION" + NEWEST_FIRST + " LIMIT 1 OFFSET :skip")
                .param("skip", n - 1)
                .query((rs, i) -> new Position(rs.getTimestamp("FIRED_AT").toInstant(), rs.getLong("ID")))
                .optional();
    }

    /**
     * What one purge batch did.
     *
     * @param executions executions deleted
     * @param details    their detail rows deleted
     * @param next       the last execution looked at, where the next batch goes on below; null when none is left
     */
    public record PurgeBatch(
            int executions, int details, @Nullable Position next) {}

    /**
     * Deletes, in one short transaction, the ended executions among the {@code limit} newest below {@code below}
     * (read by the fire time index, from {@code below} down), with their detail rows. Executions still running are
     * passed over, never deleted, and so is each job's newest execution: a job that runs rarely keeps its last outcome
     * however many executions other jobs push past the limits (one probe of the job's index per row).
     */
    public PurgeBatch purgeBelow(Position below, int limit) {
        PurgeBatch batch = transactions.execute(tx -> {
            List<Long> ended = new ArrayList<>();
            List<Position> seen = jdbc.sql("SELECT E.ID, E.FIRED_AT, CASE WHEN E.OUTCOME <> 'RUNNING' AND EXISTS"
                            + " (SELECT 1 FROM JOBDECK_EXECUTION N WHERE N.JOB_GROUP = E.JOB_GROUP"
                            + " AND N.JOB_NAME = E.JOB_NAME AND N.FIRED_AT >= E.FIRED_AT"
                            + " AND (N.FIRED_AT > E.FIRED_AT OR N.ID > E.ID)) THEN 1 ELSE 0 END AS DELETABLE"
                            + " FROM JOBDECK_EXECUTION E"
                            + " WHERE E.FIRED_AT <= :time AND (E.FIRED_AT < :time OR E.ID < :id)"
                            + " ORDER BY E.FIRED_AT DESC, E.ID DESC LIMIT :limit")
                    .param("time", Timestamp.from(below.firedAt()))
                    .param("id", below.id())
                    .param("limit", limit)
                    .query((rs, n) -> {
                        Position p = new Position(rs.getTimestamp("FIRED_AT").toInstant(), rs.getLong("ID"));
                        if (rs.getInt("DELETABLE") == 1) {
                            ended.add(p.id());
                        }
                        return p;
                    })
                    .list();
            int details = 0;
            int executions = 0;
            if (!ended.isEmpty()) {
                details = jdbc.sql("DELETE FROM JOBDECK_EXECUTION_DETAIL WHERE EXECUTION_ID IN (:ids)")
                        .param("ids", ended)
                        .update();
                executions = jdbc.sql("DELETE FROM JOBDECK_EXECUTION WHERE ID IN (:ids) AND OUTCOME <> 'RUNNING'")
                        .param("ids", ended)
                        .update();
            }
            return new PurgeBatch(executions, details, seen.size() < limit ? null : seen.getLast());
        });
        return java.util.Objects.requireNonNull(batch);
    }

    /** The nodes that ran the newest {@code recent} executions (read by index, however many there are), by name. */
    public List<String> recentNodes(int recent) {
        return jdbc.sql("SELECT DISTINCT NODE FROM (SELECT NODE FROM JOBDECK_EXECUTION" + NEWEST_FIRST
                        + " LIMIT ?) T ORDER BY NODE")
                .param(recent)
                .query((rs, n) -> rs.getString(1))
                .list();
    }
}
