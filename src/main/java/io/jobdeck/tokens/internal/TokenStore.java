package io.jobdeck.tokens.internal;

import io.jobdeck.security.ApiTokenCheck;
import io.jobdeck.security.Role;
import io.jobdeck.support.Errors;
import io.jobdeck.support.Threads;
import io.jobdeck.tokens.ApiToken;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The token table, and the check of a presented token: found by its public id, its hash compared in constant time,
 * its expiry checked. When a token was last used is written at most once a {@link #TOUCH_EVERY} per token, on the
 * {@code jobdeck-token-use} thread, so that a busy API client does not cost a database write per request.
 */
@Component
public class TokenStore implements ApiTokenCheck, DisposableBean {

    static final Duration TOUCH_EVERY = Duration.ofMinutes(1);
    private static final Logger log = LoggerFactory.getLogger(TokenStore.class);
    private static final String COLUMNS = "ID, USERNAME, NAME, ROLE, CREATED_AT, EXPIRES_AT, LAST_USED_AT";

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Map<String, Instant> touched = new ConcurrentHashMap<>();
    private final ThreadPoolExecutor toucher = Threads.single("jobdeck-token-use", 1_000);

    TokenStore(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Stores a new token's hash; fails with {@code DuplicateKeyException} if its owner has one of that name. */
    public void insert(ApiToken token, String hash, String node) {
        jdbc.sql("INSERT INTO JOBDECK_API_TOKEN (ID, USERNAME, NAME, ROLE, CREATED_AT, EXPIRES_AT, SECRET_HASH, NODE)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        token.id(),
                        token.owner(),
                        token.name(),
                        token.role().name(),
                        Timestamp.from(token.createdAt()),
                        Timestamp.from(token.expiresAt()),
                        hash,
                        node)
                .update();
    }

    /** One user's tokens, or everybody's ({@code owner} null), by owner and name. */
    public List<ApiToken> list(@Nullable String owner) {
        String sql = "SELECT " + COLUMNS + " FROM JOBDECK_API_TOKEN";
        JdbcClient.StatementSpec query = owner == null
                ? jdbc.sql(sql + " ORDER BY USERNAME, NAME")
                : jdbc.sql(sql + " WHERE USERNAME = ? ORDER BY NAME").param(owner);
        return query.query((rs, n) -> token(rs)).list();
    }

    public Optional<ApiToken> find(String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM JOBDECK_API_TOKEN WHERE ID = ?")
                .param(id)
                .query((rs, n) -> token(rs))
                .optional();
    }

    public boolean delete(String id) {
        touched.remove(id);
        return jdbc.sql("DELETE FROM JOBDECK_API_TOKEN WHERE ID = ?").param(id).update() > 0;
    }

    @Override
    public Optional<Grant> check(String presented) {
        Optional<String> id = TokenSecrets.idOf(presented);
        if (id.isEmpty()) {
            return Optional.empty();
        }
        record Row(ApiToken token, String hash) {}
        Optional<Row> row = jdbc.sql("SELECT " + COLUMNS + ", SECRET_HASH FROM JOBDECK_API_TOKEN WHERE ID = ?")
                .param(id.get())
                .query((rs, n) -> new Row(token(rs), rs.getString("SECRET_HASH")))
                .optional();
        Instant now = clock.instant();
        if (row.isEmpty()
                || !TokenSecrets.matches(presented, row.get().hash())
                || row.get().token().expired(now)) {
            return Optional.empty();
        }
        ApiToken token = row.get().token();
        touch(token, now);
        return Optional.of(new Grant(token.owner(), token.name(), token.role()));
    }

    @Override
    public String describe(String presented) {
        return TokenSecrets.idOf(presented)
                .map(id -> "token " + TokenSecrets.PREFIX + id)
                .orElse("token (malformed)");
    }

    /** Writes the last use if the stored one is a minute old, once per token and minute, off the request thread. */
    private void touch(ApiToken token, Instant now) {
        Instant stored = token.lastUsedAt();
        if (stored != null && stored.plus(TOUCH_EVERY).isAfter(now)) {
            return;
        }
        Instant before = touched.get(token.id());
        if (before != null && before.plus(TOUCH_EVERY).isAfter(now)) {
            return;
        }
        boolean ours = before == null
                ? touched.putIfAbsent(token.id(), now) == null
                : touched.replace(token.id(), before, now);
        if (!ours) {
            return; // another request of this token writes it
        }
        try {
            toucher.execute(() -> {
                try {
                    jdbc.sql("UPDATE JOBDECK_API_TOKEN SET LAST_USED_AT = ? WHERE ID = ?")
                            .params(Timestamp.from(now), token.id())
                            .update();
                } catch (RuntimeException e) {
                    log.warn("The last use of an API token could not be stored: {}", Errors.describe(e));
                }
            });
        } catch (RejectedExecutionException busy) {
            touched.remove(token.id(), now); // the next use tries again
        }
    }

    private static ApiToken token(ResultSet rs) throws SQLException {
        Timestamp used = rs.getTimestamp("LAST_USED_AT");
        return new ApiToken(
                rs.getString("ID"),
                rs.getString("USERNAME"),
                rs.getString("NAME"),
                Role.valueOf(rs.getString("ROLE")),
                rs.getTimestamp("CREATED_AT").toInstant(),
                rs.getTimestamp("EXPIRES_AT").toInstant(),
                used == null ? null : used.toInstant());
    }

    @Override
    public void destroy() {
        Threads.shutdown(toucher, Duration.ofSeconds(5));
    }
}
