package io.jobdeck.jobs;

import io.jobdeck.jobs.http.HttpRequestJob;
import io.jobdeck.jobs.internal.QuartzTables;
import io.jobdeck.jobs.java.BeanJob;
import io.jobdeck.jobs.shell.ShellCommandJob;
import io.jobdeck.security.Permissions;
import io.jobdeck.support.Database;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * The jobs list, a page at a time, read from Quartz's tables with queries whose work is bounded by the page: one
 * counting query, one for the page's jobs (by index for the name order), and one each for the triggers and running
 * executions of just those jobs. Quartz's API has no such bulk query (it reads jobs one by one). Runs on
 * {@code jobdeck-job-list}.
 */
@Service
public class JobList implements DisposableBean {

    /** The most rows one page may have. */
    public static final int MAX_PAGE = 200;

    /** The longest text searched for. */
    public static final int MAX_TEXT = 200;

    private static final Set<String> PAUSED = Set.of("PAUSED", "PAUSED_BLOCKED");
    private static final Set<String> WAITING = Set.of("WAITING", "ACQUIRED");

    /** Searches and state filters count this far at least ("1,000+"): they check every row they count. */
    public static final int COUNT_CAP = 1_000;

    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private volatile @Nullable Database database;
    private final String schedulerName;
    private final String jobs;
    private final String triggers;
    private final String fired;
    private final String locks;
    private final Worker worker = new Worker("jobdeck-job-list", 2, 100);

    JobList(JdbcClient jdbc, DataSource dataSource, QuartzTables tables) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.schedulerName = tables.schedulerName();
        this.jobs = tables.jobDetails();
        this.triggers = tables.triggers();
        this.fired = tables.firedTriggers();
        this.locks = tables.locks();
    }

    /** What the list's filters offer: the groups (the first 1,000) and the job classes there are. */
    public record Choices(List<String> groups, Map<String, String> types) {}

    /** The page of jobs matching {@code query} that starts at {@code offset}, with at most {@code limit} rows. */
    @PreAuthorize(Permissions.VIEW)
    public CompletionStage<JobPage> readPage(JobQuery query, int offset, int limit) {
        if (query.text().length() > MAX_TEXT) {
            return CompletableFuture.failedFuture(
                    new IllegalArgumentException("Search for at most " + MAX_TEXT + " characters"));
        }
        if (offset < 0 || limit < 1 || limit > MAX_PAGE) {
            return CompletableFuture.failedFuture(
                    new IllegalArgumentException("A page starts at 0 or later and has 1 to " + MAX_PAGE + " rows"));
        }
        return worker.submit(() -> query(query, offset, limit));
    }

    @PreAuthorize(Permissions.VIEW)
    public CompletionStage<Choices> readChoices() {
        return worker.submit(() -> {
            List<String> groups = jdbc.sql("SELECT DISTINCT JOB_GROUP FROM " + jobs
                            + " WHERE SCHED_NAME = ? ORDER BY JOB_GROUP FETCH FIRST 1000 ROWS ONLY")
                    .param(schedulerName)
                    .query((rs, n) -> rs.getString(1))
                    .list();
            Map<String, String> types = new LinkedHashMap<>();
            jdbc.sql("SELECT DISTINCT JOB_CLASS_NAME FROM " + jobs
                            + " WHERE SCHED_NAME = ? ORDER BY JOB_CLASS_NAME FETCH FIRST 200 ROWS ONLY")
                    .param(schedulerName)
                    .query((rs, n) -> rs.getString(1))
                    .list()
                    .forEach(type -> types.put(type, typeName(type)));
            return new Choices(groups, types);
        });
    }

    /** The first {@code limit} jobs in group and name order, read by index: for the dashboard, on its own thread. */
    List<org.quartz.JobKey> firstByName(int limit) {
        List<Object> params = new ArrayList<>();
        String where = where(JobQuery.ALL, params);
        return byColumns(JobQuery.ALL, where, params, 0, limit).stream()
                .map(k -> org.quartz.JobKey.jobKey(k[1], k[0]))
                .toList();
    }

    private JobPage query(JobQuery query, int offset, int limit) {
        List<Object> params = new ArrayList<>();
        String where = where(query, params);
        boolean checkedRowByRow = !query.text().isEmpty() || query.state() != null;
        if (checkedRowByRow) {
            return matching(query, where, params, offset, limit);
        }
        List<String[]> keys = query.order() == JobQuery.Order.NEXT_FIRE
                ? byNextFire(where, params, offset, limit)
                : byColumns(query, where, params, offset, limit);
        List<JobPage.Row> rows = rows(keys);
        if (offset == 0 && keys.size() < limit) {
            return new JobPage(rows, keys.size(), true, offset); // all of them: nothing to count
        }
        return new JobPage(rows, count(where, params), true, offset);
    }

    /**
     * A search or a state filter checks every job: one pass collects the matching keys, stopping after a thousand or
     * so. When that is all of them, the page is cut from them; when there are more, they are dense enough for the
     * ordered read to find a page soon, and the total is said as "more than".
     */
    private JobPage matching(JobQuery query, String where, List<Object> params, int offset, int limit) {
        int cap = Math.max(COUNT_CAP, offset + 2 * limit);
        // Within a group, its jobs; else, for a search, the search text's index, which holds all this reads.
        String index =
                query.group() != null ? "IDX_JOBDECK_J_GRP_NAME" : query.text().isEmpty() ? "" : "IDX_JOBDECK_J_SEARCH";
        List<String[]> all = jdbc.sql("SELECT j.JOB_GROUP, j.JOB_NAME, j.JOB_CLASS_NAME FROM " + jobs + " j"
                        + hint(index) + " WHERE " + where + " FETCH FIRST " + (cap + 1) + " ROWS ONLY")
                .params(params)
                .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2), String.valueOf(rs.getString(3))})
                .list();
        if (all.size() > cap) {
            List<String[]> keys = query.order() == JobQuery.Order.NEXT_FIRE
                    ? byNextFire(where, params, offset, limit)
                    : byColumns(query, where, params, offset, limit);
            return new JobPage(rows(keys), cap, false, offset);
        }
        Comparator<String[]> byKey =
                Comparator.<String[], String>comparing(k -> k[0]).thenComparing(k -> k[1]);
        if (query.order() == JobQuery.Order.NEXT_FIRE) {
            List<JobPage.Row> rows = new ArrayList<>(rows(all));
            rows.sort(Comparator.comparing(
                            JobPage.Row::nextFire, Comparator.nullsLast(Comparator.<Instant>naturalOrder()))
                    .thenComparing(JobPage.Row::group)
                    .thenComparing(JobPage.Row::name));
            return new JobPage(slice(rows, offset, limit), rows.size(), true, offset);
        }
        List<String[]> sorted = new ArrayList<>(all);
        sorted.sort(
                query.order() == JobQuery.Order.TYPE
                        ? Comparator.<String[], String>comparing(k -> k[2]).thenComparing(byKey)
                        : byKey);
        return new JobPage(rows(slice(sorted, offset, limit)), all.size(), true, offset);
    }

    private static <T> List<T> slice(List<T> list, int offset, int limit) {
        return offset >= list.size() ? List.of() : list.subList(offset, Math.min(list.size(), offset + limit));
    }

    /**
     * How many jobs match a query without a search or state filter. All of them: the table's row count, which the
     * database keeps (H2 answers at once, where counting this scheduler's rows reads them all), as long as no other
     * scheduler shares the tables.
     */
    private long count(String where, List<Object> params) {
        boolean all = params.size() == 1
                && jdbc.sql("SELECT COUNT(*) FROM " + locks + " WHERE SCHED_NAME <> ?")
                                .param(schedulerName)
                                .query(Long.class)
                                .single()
                        == 0;
        return all
                ? jdbc.sql("SELECT COUNT(*) FROM " + jobs).query(Long.class).single()
                : jdbc.sql("SELECT COUNT(*) FROM " + jobs + " j WHERE " + where)
                        .params(params)
                        .query(Long.class)
                        .single();
    }

    /** Keys of the page in group and name order (read by index), or in job class order. */
    private List<String[]> byColumns(JobQuery query, String where, List<Object> params, int offset, int limit) {
        String order = query.order() == JobQuery.Order.TYPE
                ? "j.SCHED_NAME, j.JOB_CLASS_NAME, j.JOB_GROUP, j.JOB_NAME"
                // The index's own columns: the database reads it in order and stops after the page.
                : "j.SCHED_NAME, j.JOB_GROUP, j.JOB_NAME";
        // Numbers written into the query (never text from a user): a database plans the early stop with them.
        String index = query.order() == JobQuery.Order.TYPE ? "" : "IDX_JOBDECK_J_GRP_NAME";
        return jdbc.sql("SELECT j.JOB_GROUP, j.JOB_NAME FROM " + jobs + " j" + hint(index) + " WHERE " + where
                        + " ORDER BY " + order
                        + " OFFSET " + offset + " ROWS FETCH NEXT " + limit + " ROWS ONLY")
                .params(params)
                .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)})
                .list();
    }

    /**
     * Keys of the page in next-fire order: the triggers that will fire, read in that order by index until the page is
     * full (a job with several triggers counts once, at its first), then the jobs that will not fire, by name.
     */
    private List<String[]> byNextFire(String where, List<Object> params, int offset, int limit) {
        int wanted = offset + limit;
        boolean filtered = params.size() > 1;
        String filter = filtered
                ? " AND EXISTS (SELECT 1 FROM " + jobs + " j WHERE j.JOB_NAME = t.JOB_NAME"
                        + " AND j.JOB_GROUP = t.JOB_GROUP AND " + where + ")"
                : "";
        // H2 would rather read the state index and sort; the next-fire index gives the order without sorting.
        String hint = hint("IDX_QRTZ_T_NEXT_FIRE_TIME");
        Map<String, String[]> firing = new LinkedHashMap<>();
        int fetch = wanted + 16;
        while (true) {
            List<Object> scanParams = new ArrayList<>();
            scanParams.add(schedulerName);
            if (filtered) {
                scanParams.addAll(params);
            }
            List<String[]> scanned = jdbc.sql("SELECT t.JOB_GROUP, t.JOB_NAME FROM " + triggers + " t" + hint
                            + " WHERE t.SCHED_NAME = ? AND t.TRIGGER_STATE IN ('WAITING', 'ACQUIRED', 'BLOCKED')"
                            + " AND t.NEXT_FIRE_TIME IS NOT NULL" + filter
                            + " ORDER BY t.SCHED_NAME, t.NEXT_FIRE_TIME FETCH FIRST " + fetch + " ROWS ONLY")
                    .params(scanParams)
                    .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)})
                    .list();
            firing.clear();
            scanned.forEach(k -> firing.putIfAbsent(k[0] + '\u0000' + k[1], k));
            if (firing.size() >= wanted || scanned.size() < fetch) {
                break;
            }
            fetch *= 2; // jobs with several triggers: read further
        }
        List<String[]> keys = new ArrayList<>(firing.values());
        if (keys.size() >= wanted) {
            return keys.subList(offset, wanted);
        }
        // Past every job that will fire: those that will not, by group and name.
        int restFrom = Math.max(0, offset - keys.size());
        int restCount = wanted - Math.max(offset, keys.size());
        List<String[]> rest = jdbc.sql("SELECT j.JOB_GROUP, j.JOB_NAME FROM " + jobs + " j WHERE " + where
                        + " AND NOT EXISTS (SELECT 1 FROM " + triggers + " t WHERE t.SCHED_NAME = j.SCHED_NAME"
                        + " AND t.JOB_NAME = j.JOB_NAME AND t.JOB_GROUP = j.JOB_GROUP"
                        + " AND t.TRIGGER_STATE IN ('WAITING', 'ACQUIRED', 'BLOCKED') AND t.NEXT_FIRE_TIME IS NOT NULL)"
                        + " ORDER BY j.SCHED_NAME, j.JOB_GROUP, j.JOB_NAME OFFSET " + restFrom + " ROWS FETCH NEXT "
                        + restCount + " ROWS ONLY")
                .params(params)
                .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)})
                .list();
        List<String[]> page = new ArrayList<>(offset < keys.size() ? keys.subList(offset, keys.size()) : List.of());
        page.addAll(rest);
        return page;
    }

    /**
     * The page's rows in one query: the keys as a table of values, joined to their jobs, triggers and running
     * executions (an index seek each).
     */
    private List<JobPage.Row> rows(List<String[]> keys) {
        if (keys.isEmpty()) {
            return List.of();
        }
        StringBuilder values = new StringBuilder();
        List<Object> params = new ArrayList<>();
        params.add(schedulerName);
        for (String[] key : keys) {
            values.append(values.isEmpty() ? "" : ", ").append("(?, ?)");
            params.add(key[0]);
            params.add(key[1]);
        }
        params.add(schedulerName);
        Map<String, RowParts> parts = new LinkedHashMap<>();
        jdbc.sql("SELECT k.G, k.N, j.DESCRIPTION, j.JOB_CLASS_NAME, t.TRIGGER_STATE, t.NEXT_FIRE_TIME,"
                        + " t.PREV_FIRE_TIME, (SELECT COUNT(*) FROM " + fired + " f WHERE f.SCHED_NAME = ?"
                        + " AND f.JOB_NAME = k.N AND f.JOB_GROUP = k.G AND f.STATE = 'EXECUTING')"
                        + " FROM (VALUES " + values + ") k(G, N)"
                        + " JOIN " + jobs + " j ON j.SCHED_NAME = ? AND j.JOB_NAME = k.N AND j.JOB_GROUP = k.G"
                        + " LEFT JOIN " + triggers + " t ON t.SCHED_NAME = j.SCHED_NAME AND t.JOB_NAME = k.N"
                        + " AND t.JOB_GROUP = k.G")
                .params(params)
                .query(rs -> {
                    String key = rs.getString(1) + '\u0000' + rs.getString(2);
                    RowParts row = parts.get(key);
                    if (row == null) {
                        row = new RowParts(rs.getString(3), String.valueOf(rs.getString(4)), rs.getLong(8) > 0);
                        parts.put(key, row);
                    }
                    row.trigger(rs);
                });
        List<JobPage.Row> rows = new ArrayList<>();
        for (String[] key : keys) {
            RowParts row = parts.get(key[0] + '\u0000' + key[1]);
            if (row != null) { // else deleted since the page was chosen
                rows.add(row.row(key[0], key[1]));
            }
        }
        return rows;
    }

    /** One job's columns and its triggers' states and fire times, gathered from the rows of the join. */
    private static final class RowParts {

        private final @Nullable String description;
        private final String jobClass;
        private final boolean running;
        private final List<String> states = new ArrayList<>();
        private @Nullable Long next;
        private @Nullable Long previous;

        RowParts(@Nullable String description, String jobClass, boolean running) {
            this.description = description;
            this.jobClass = jobClass;
            this.running = running;
        }

        void trigger(ResultSet rs) throws SQLException {
            String state = rs.getString(5);
            if (state == null) {
                return; // no trigger: the outer join's empty side
            }
            states.add(state);
            long n = rs.getLong(6);
            if (!rs.wasNull() && !PAUSED.contains(state) && (next == null || n < next)) {
                next = n;
            }
            long p = rs.getLong(7);
            if (!rs.wasNull() && p >= 0 && (previous == null || p > previous)) {
                previous = p;
            }
        }

        JobPage.Row row(String group, String name) {
            return new JobPage.Row(
                    group,
                    name,
                    description,
                    typeName(jobClass),
                    state(states, running),
                    instant(next),
                    instant(previous),
                    states.size());
        }
    }

    /**
     * On H2, which index to read ({@code USE INDEX}): its planner, given several that start with the scheduler's name,
     * often takes one that makes it read or sort every job. PostgreSQL's planner needs no hint. Empty: no hint.
     */
    private String hint(String index) {
        return index.isEmpty() || database() != Database.H2 ? "" : " USE INDEX (" + index + ")";
    }

    private Database database() {
        Database known = database;
        if (known == null) {
            known = Database.of(dataSource);
            database = known;
        }
        return known;
    }

    private String where(JobQuery query, List<Object> params) {
        StringBuilder where = new StringBuilder("j.SCHED_NAME = ?");
        params.add(schedulerName);
        if (!query.text().isEmpty()) {
            String like = "%"
                    + query.text()
                            .toLowerCase(Locale.ROOT)
                            .replace("\\", "\\\\")
                            .replace("%", "\\%")
                            .replace("_", "\\_")
                    + "%";
            // Name, group, description and job class, lower-cased when the job is written (migration 6).
            where.append(" AND j.JOBDECK_SEARCH LIKE ? ESCAPE '\\'");
            params.add(like);
        }
        if (query.group() != null) {
            where.append(" AND j.JOB_GROUP = ?");
            params.add(query.group());
        }
        if (query.type() != null) {
            where.append(" AND j.JOB_CLASS_NAME = ?");
            params.add(query.type());
        }
        if (query.state() != null) {
            String triggersOfJob = "SELECT 1 FROM " + triggers + " t WHERE t.SCHED_NAME = j.SCHED_NAME"
                    + " AND t.JOB_NAME = j.JOB_NAME AND t.JOB_GROUP = j.JOB_GROUP";
            where.append(
                    switch (query.state()) {
                        case SCHEDULED ->
                            " AND EXISTS (" + triggersOfJob
                                    + " AND t.TRIGGER_STATE IN ('WAITING', 'ACQUIRED', 'BLOCKED'))";
                        case PAUSED ->
                            " AND EXISTS (" + triggersOfJob + " AND t.TRIGGER_STATE IN ('PAUSED', 'PAUSED_BLOCKED'))";
                        case ERROR -> " AND EXISTS (" + triggersOfJob + " AND t.TRIGGER_STATE = 'ERROR')";
                        case UNSCHEDULED -> " AND NOT EXISTS (" + triggersOfJob + ")";
                    });
        }
        return where.toString();
    }

    /** The job's state from its triggers' states, as the dashboard sums it up. */
    private static JobState state(List<String> states, boolean running) {
        if (running) {
            return JobState.RUNNING;
        }
        if (states.isEmpty()) {
            return JobState.UNSCHEDULED;
        }
        if (states.contains("ERROR")) {
            return JobState.ERROR;
        }
        if (states.stream().anyMatch(WAITING::contains)) {
            return JobState.SCHEDULED;
        }
        if (states.contains("BLOCKED")) {
            return JobState.BLOCKED;
        }
        if (states.stream().anyMatch(PAUSED::contains)) {
            return JobState.PAUSED;
        }
        return states.stream().allMatch("COMPLETE"::equals) ? JobState.COMPLETE : JobState.SCHEDULED;
    }

    /** The type of a job made in the browser ("HTTP", "SHELL", "JAVA"), else the class's simple name. */
    static String typeName(String jobClass) {
        if (jobClass.equals(HttpRequestJob.class.getName())) {
            return JobDefinition.JobType.HTTP.name();
        }
        if (jobClass.equals(ShellCommandJob.class.getName())) {
            return JobDefinition.JobType.SHELL.name();
        }
        if (jobClass.equals(BeanJob.class.getName())) {
            return JobDefinition.JobType.JAVA.name();
        }
        return jobClass.substring(Math.max(jobClass.lastIndexOf('.'), jobClass.lastIndexOf('$')) + 1);
    }

    private static @Nullable Instant instant(@Nullable Long millis) {
        return millis == null ? null : Instant.ofEpochMilli(millis);
    }

    @Override
    public void destroy() {
        worker.shutdown();
    }
}
