package io.jobdeck.alerts.internal;

import io.jobdeck.alerts.AlertDelivery;
import io.jobdeck.alerts.AlertPhase;
import io.jobdeck.alerts.AlertRule;
import io.jobdeck.alerts.Channel;
import io.jobdeck.alerts.DeliveryPage;
import io.jobdeck.alerts.RuleKind;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Component;

/** The alert tables: rules, the de-duplication state, the last successes and the deliveries. */
@Component
public class AlertStore {

    static final int MAX_MESSAGE = 2000;
    static final int MAX_ERROR = 1000;

    private static final String RULE_COLUMNS =
            "ID, KIND, ENABLED, JOB_GROUP, JOB_NAME, THRESHOLD_SECONDS, DEDUP_SECONDS,"
                    + " CHANNELS, INCLUDE_STOPPED, UPDATED_AT";
    private static final String DELIVERY_COLUMNS = "ID, ALERT_ID, RAISED_AT, RULE_ID, KIND, SUBJECT, PHASE, MESSAGE,"
            + " CHANNEL, ATTEMPTS, SUCCESS, LAST_ERROR, ENDED_AT";

    private final JdbcClient jdbc;

    AlertStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    // --- rules ---

    public List<AlertRule> rules() {
        return jdbc.sql("SELECT " + RULE_COLUMNS + " FROM JOBDECK_ALERT_RULE ORDER BY ID")
                .query((rs, n) -> rule(rs))
                .list();
    }

    public Optional<AlertRule> rule(long id) {
        return jdbc.sql("SELECT " + RULE_COLUMNS + " FROM JOBDECK_ALERT_RULE WHERE ID = ?")
                .param(id)
                .query((rs, n) -> rule(rs))
                .optional();
    }

    /** Stores a new rule (id 0) or changes one; the stored rule, empty if the one to change is gone. */
    public Optional<AlertRule> save(AlertRule rule) {
        List<?> values = values(
                rule.kind().name(),
                rule.enabled(),
                rule.jobGroup(),
                rule.jobName(),
                rule.threshold().toSeconds(),
                rule.dedupWindow().toSeconds(),
                rule.channels().stream().sorted().map(Enum::name).collect(Collectors.joining(",")),
                rule.includeStopped(),
                Timestamp.from(rule.updatedAt()));
        if (rule.id() == 0) {
            KeyHolder keys = new GeneratedKeyHolder();
            jdbc.sql(
                            "INSERT INTO JOBDECK_ALERT_RULE (KIND, ENABLED, JOB_GROUP, JOB_NAME, THRESHOLD_SECONDS,"
                                    + " DEDUP_SECONDS, CHANNELS, INCLUDE_STOPPED, UPDATED_AT) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(values)
                    .update(keys);
            return rule(generatedId(keys));
        }
        int changed = jdbc.sql("UPDATE JOBDECK_ALERT_RULE SET KIND = ?, ENABLED = ?, JOB_GROUP = ?, JOB_NAME = ?,"
                        + " THRESHOLD_SECONDS = ?, DEDUP_SECONDS = ?, CHANNELS = ?, INCLUDE_STOPPED = ?, UPDATED_AT = ?"
                        + " WHERE ID = ?")
                .params(append(values, rule.id()))
                .update();
        if (changed == 0) {
            return Optional.empty();
        }
        // What was wrong under the old settings is judged afresh under the new ones.
        jdbc.sql("DELETE FROM JOBDECK_ALERT_STATE WHERE RULE_ID = ?")
                .param(rule.id())
                .update();
        return rule(rule.id());
    }

    public boolean delete(long id) {
        jdbc.sql("DELETE FROM JOBDECK_ALERT_STATE WHERE RULE_ID = ?").param(id).update();
        return jdbc.sql("DELETE FROM JOBDECK_ALERT_RULE WHERE ID = ?").param(id).update() > 0;
    }

    private static AlertRule rule(ResultSet rs) throws SQLException {
        String channels = rs.getString("CHANNELS");
        Set<Channel> parsed = EnumSet.noneOf(Channel.class);
        Arrays.stream(channels.split(","))
                .filter(c -> !c.isBlank())
                .forEach(c -> parsed.add(Channel.valueOf(c.strip())));
        return new AlertRule(
                rs.getLong("ID"),
                RuleKind.valueOf(rs.getString("KIND")),
                rs.getBoolean("ENABLED"),
                rs.getString("JOB_GROUP"),
                rs.getString("JOB_NAME"),
                Duration.ofSeconds(rs.getLong("THRESHOLD_SECONDS")),
                Duration.ofSeconds(rs.getLong("DEDUP_SECONDS")),
                parsed,
                rs.getBoolean("INCLUDE_STOPPED"),
                rs.getTimestamp("UPDATED_AT").toInstant());
    }

    // --- de-duplication state ---

    record Key(long ruleId, String subject) {}

    /** A stored state and the name of the node that last changed it (null in rows from before clusters). */
    record Stored(Dedup.State state, @Nullable String node) {}

    Map<Key, Stored> states() {
        Map<Key, Stored> states = new HashMap<>();
        jdbc.sql("SELECT RULE_ID, SUBJECT, FIRING, NOTIFIED, LAST_SENT_AT, NODE_NAME FROM JOBDECK_ALERT_STATE")
                .query(rs -> {
                    states.put(
                            new Key(rs.getLong("RULE_ID"), rs.getString("SUBJECT")),
                            new Stored(
                                    new Dedup.State(
                                            rs.getBoolean("FIRING"),
                                            rs.getBoolean("NOTIFIED"),
                                            instant(rs.getTimestamp("LAST_SENT_AT"))),
                                    rs.getString("NODE_NAME")));
                });
        return states;
    }

    /**
     * Changes the state from {@code before} (null: none stored) to {@code next}, only if it still is {@code before}:
     * of several nodes deciding the same change at once, one wins (true) and sends; the others learn it was taken.
     */
    boolean claimState(Key key, Dedup.@Nullable State before, Dedup.State next, String node) {
        Timestamp sent = next.lastSentAt() == null ? null : Timestamp.from(next.lastSentAt());
        if (before == null) {
            try {
                return jdbc.sql("INSERT INTO JOBDECK_ALERT_STATE (RULE_ID, SUBJECT, FIRING, NOTIFIED, LAST_SENT_AT,"
                                        + " NODE_NAME) VALUES (?, ?, ?, ?, ?, ?)")
                                .params(values(key.ruleId(), key.subject(), next.firing(), next.notified(), sent, node))
                                .update()
                        == 1;
            } catch (DuplicateKeyException anotherNodeFirst) {
                return false;
            }
        }
        String sql = "UPDATE JOBDECK_ALERT_STATE SET FIRING = ?, NOTIFIED = ?, LAST_SENT_AT = ?, NODE_NAME = ?"
                + " WHERE RULE_ID = ? AND SUBJECT = ? AND FIRING = ? AND NOTIFIED = ? AND LAST_SENT_AT ";
        List<?> values = values(
                next.firing(),
                next.notified(),
                sent,
                node,
                key.ruleId(),
                key.subject(),
                before.firing(),
                before.notified());
        return before.lastSentAt() == null
                ? jdbc.sql(sql + "IS NULL").params(values).update() == 1
                : jdbc.sql(sql + "= ?")
                                .params(append(values, Timestamp.from(before.lastSentAt())))
                                .update()
                        == 1;
    }

    // --- last successes ---

    Map<Facts.Job, Instant> lastSuccesses() {
        Map<Facts.Job, Instant> last = new HashMap<>();
        jdbc.sql("SELECT JOB_GROUP, JOB_NAME, SUCCEEDED_AT FROM JOBDECK_ALERT_SUCCESS")
                .query(rs -> {
                    last.put(
                            new Facts.Job(rs.getString("JOB_GROUP"), rs.getString("JOB_NAME")),
                            rs.getTimestamp("SUCCEEDED_AT").toInstant());
                });
        return last;
    }

    void saveSuccess(Facts.Job job, Instant at) {
        int changed = jdbc.sql("UPDATE JOBDECK_ALERT_SUCCESS SET SUCCEEDED_AT = ? WHERE JOB_GROUP = ? AND JOB_NAME = ?"
                        + " AND SUCCEEDED_AT < ?")
                .params(Timestamp.from(at), job.group(), job.name(), Timestamp.from(at))
                .update();
        if (changed == 0) {
            boolean known = jdbc.sql("SELECT COUNT(*) FROM JOBDECK_ALERT_SUCCESS WHERE JOB_GROUP = ? AND JOB_NAME = ?")
                            .params(job.group(), job.name())
                            .query(Long.class)
                            .single()
                    > 0;
            if (!known) {
                jdbc.sql("INSERT INTO JOBDECK_ALERT_SUCCESS (JOB_GROUP, JOB_NAME, SUCCEEDED_AT) VALUES (?, ?, ?)")
                        .params(job.group(), job.name(), Timestamp.from(at))
                        .update();
            }
        }
    }

    // --- deliveries ---

    long insertDelivery(Alert alert, Channel channel) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO JOBDECK_ALERT_DELIVERY (ALERT_ID, RAISED_AT, RULE_ID, KIND, SUBJECT, PHASE, MESSAGE,"
                        + " CHANNEL, ATTEMPTS) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0)")
                .params(values(
                        alert.id(),
                        Timestamp.from(alert.at()),
                        alert.ruleId(),
                        alert.kind().name(),
                        cut(alert.subject(), 420),
                        alert.phase().name(),
                        cut(alert.message(), MAX_MESSAGE),
                        channel.name()))
                .update(keys);
        return generatedId(keys);
    }

    void endDelivery(long id, int attempts, boolean success, @Nullable String error, Instant at) {
        jdbc.sql("UPDATE JOBDECK_ALERT_DELIVERY SET ATTEMPTS = ?, SUCCESS = ?, LAST_ERROR = ?, ENDED_AT = ?"
                        + " WHERE ID = ?")
                .params(values(attempts, success, error == null ? null : cut(error, MAX_ERROR), Timestamp.from(at), id))
                .update();
    }

    /** A page of deliveries, newest first. */
    public DeliveryPage page(int offset, int limit) {
        List<AlertDelivery> rows = jdbc.sql("SELECT " + DELIVERY_COLUMNS
                        + " FROM JOBDECK_ALERT_DELIVERY ORDER BY ID DESC OFFSET ? ROWS FETCH NEXT ? ROWS ONLY")
                .params(offset, limit)
                .query((rs, n) -> delivery(rs))
                .list();
        long total = jdbc.sql("SELECT COUNT(*) FROM JOBDECK_ALERT_DELIVERY")
                .query(Long.class)
                .single();
        return new DeliveryPage(rows, total);
    }

    private static AlertDelivery delivery(ResultSet rs) throws SQLException {
        long ruleId = rs.getLong("RULE_ID");
        Long rule = rs.wasNull() ? null : ruleId;
        boolean success = rs.getBoolean("SUCCESS");
        Boolean ended = rs.wasNull() ? null : success;
        return new AlertDelivery(
                rs.getLong("ID"),
                rs.getString("ALERT_ID"),
                rs.getTimestamp("RAISED_AT").toInstant(),
                rule,
                RuleKind.valueOf(rs.getString("KIND")),
                rs.getString("SUBJECT"),
                AlertPhase.valueOf(rs.getString("PHASE")),
                rs.getString("MESSAGE"),
                Channel.valueOf(rs.getString("CHANNEL")),
                rs.getInt("ATTEMPTS"),
                ended,
                rs.getString("LAST_ERROR"),
                instant(rs.getTimestamp("ENDED_AT")));
    }

    private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    /**
     * The new row's id: H2 returns the identity column only, PostgreSQL the whole row (its column names in lower case;
     * asking for {@code "ID"} by name would make it look for a quoted upper-case column).
     */
    private static long generatedId(KeyHolder keys) {
        return keys.getKeyList().getFirst().entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase("ID") && e.getValue() instanceof Number)
                .map(e -> ((Number) Objects.requireNonNull(e.getValue())).longValue())
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("No generated id"));
    }

    /** Statement values, some of which may be null (a column left empty). */
    private static List<?> values(@Nullable Object... values) {
        return Arrays.asList(values);
    }

    private static List<?> append(List<?> values, Object last) {
        List<@Nullable Object> all = new ArrayList<>(values);
        all.add(last);
        return all;
    }
}
