package io.jobdeck.security.internal;

import io.jobdeck.security.AuditAction;
import io.jobdeck.security.AuditEntry;
import io.jobdeck.security.AuditFilter;
import io.jobdeck.security.AuditOutcome;
import io.jobdeck.security.AuditPage;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The audit table. Filters are bound parameters, never concatenated input. */
@Repository
public class AuditRepository {

    private final JdbcClient jdbc;

    AuditRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(AuditEntry e) {
        jdbc.sql("INSERT INTO JOBDECK_AUDIT (AT, ACTOR, ADDRESS, ACTION, TARGET, OUTCOME, DETAIL)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(Timestamp.from(e.at()), cut(e.actor(), 200), e.address() == null ? null : cut(e.address(), 64),
                        e.action().name(), cut(e.target(), 400), e.outcome().name(),
                        e.detail() == null ? null : cut(e.detail(), 1000))
                .update();
    }

    public AuditPage find(AuditFilter filter, int page, int pageSize) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (filter.actor() != null && !filter.actor().isBlank()) {
            where.append(" AND LOWER(ACTOR) LIKE ? ESCAPE '\\'");
            params.add("%" + escapeLike(filter.actor().strip().toLowerCase(Locale.ROOT)) + "%");
        }
        if (filter.action() != null) {
            where.append(" AND ACTION = ?");
            params.add(filter.action().name());
        }
        if (filter.outcome() != null) {
            where.append(" AND OUTCOME = ?");
            params.add(filter.outcome().name());
        }
        if (filter.from() != null) {
            where.append(" AND AT >= ?");
            params.add(Timestamp.from(filter.from()));
        }
        if (filter.to() != null) {
            where.append(" AND AT < ?");
            params.add(Timestamp.from(filter.to()));
        }
        long total = jdbc.sql("SELECT COUNT(*) FROM JOBDECK_AUDIT" + where).params(params).query(Long.class).single();
        List<Object> pageParams = new ArrayList<>(params);
        pageParams.add(pageSize);
        pageParams.add((long) page * pageSize);
        List<AuditEntry> entries = jdbc.sql("SELECT ID, AT, ACTOR, ADDRESS, ACTION, TARGET, OUTCOME, DETAIL FROM JOBDECK_AUDIT"
                        + where + " ORDER BY AT DESC, ID DESC LIMIT ? OFFSET ?")
                .params(pageParams)
                .query((rs, n) -> new AuditEntry(
                        rs.getLong("ID"),
                        rs.getTimestamp("AT").toInstant(),
                        rs.getString("ACTOR"),
                        rs.getString("ADDRESS"),
                        AuditAction.valueOf(rs.getString("ACTION")),
                        rs.getString("TARGET"),
                        AuditOutcome.valueOf(rs.getString("OUTCOME")),
                        rs.getString("DETAIL")))
                .list();
        return new AuditPage(entries, page, pageSize, total);
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
