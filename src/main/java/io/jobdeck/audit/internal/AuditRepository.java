package io.jobdeck.audit.internal;

import io.jobdeck.audit.AuditAction;
import io.jobdeck.audit.AuditEntry;
import io.jobdeck.audit.AuditFilter;
import io.jobdeck.audit.AuditOutcome;
import io.jobdeck.audit.AuditPage;
import io.jobdeck.support.DurableCommits;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/** The audit table. Filters are bound parameters, never concatenated input; long texts are cut to the columns. */
@Repository
public class AuditRepository {

    public static final int ACTOR_MAX = 200;
    public static final int ADDRESS_MAX = 64;
    public static final int TARGET_MAX = 400;
    public static final int DETAIL_MAX = 1000;
    public static final int NODE_MAX = 200;

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final TransactionTemplate transactions;
    private final DurableCommits durable;

    AuditRepository(JdbcClient jdbc, JdbcTemplate template, TransactionTemplate transactions, DurableCommits durable) {
        this.jdbc = jdbc;
        this.template = template;
        this.transactions = transactions;
        this.durable = durable;
    }

    /** Stores the entries in one transaction, all or none, so that they survive a crash right after this returns. */
    public void insertAll(List<AuditEntry> entries) {
        transactions.executeWithoutResult(tx -> template.batchUpdate(
                "INSERT INTO JOBDECK_AUDIT (AT, ACTOR, ADDRESS, ACTION, TARGET, OUTCOME, DETAIL, NODE)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                entries.stream()
                        .map(e -> new Object[] {
                            Timestamp.from(e.at()),
                            fit(e.actor(), ACTOR_MAX),
                            fitOrNull(e.address(), ADDRESS_MAX),
                            e.action().name(),
                            fit(e.target(), TARGET_MAX),
                            e.outcome().name(),
                            fitOrNull(e.detail(), DETAIL_MAX),
                            fitOrNull(e.node(), NODE_MAX)
                        })
                        .toList()));
        durable.flush();
    }

    public AuditPage find(AuditFilter filter, int page, int pageSize) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        String actor = filter.actor();
        if (actor != null && !actor.isBlank()) {
            where.append(" AND LOWER(ACTOR) LIKE ? ESCAPE '\\'");
            params.add("%" + escapeLike(fit(actor.strip(), ACTOR_MAX).toLowerCase(Locale.ROOT)) + "%");
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
        long total = jdbc.sql("SELECT COUNT(*) FROM JOBDECK_AUDIT" + where)
                .params(params)
                .query(Long.class)
                .single();
        List<Object> pageParams = new ArrayList<>(params);
        pageParams.add(pageSize);
        pageParams.add((long) page * pageSize);
        List<AuditEntry> entries = jdbc.sql("SELECT ID, AT, ACTOR, ADDRESS, ACTION, TARGET, OUTCOME, DETAIL, NODE"
                        + " FROM JOBDECK_AUDIT" + where + " ORDER BY AT DESC, ID DESC LIMIT ? OFFSET ?")
                .params(pageParams)
                .query((rs, n) -> new AuditEntry(
                        rs.getLong("ID"),
                        rs.getTimestamp("AT").toInstant(),
                        rs.getString("ACTOR"),
                        rs.getString("ADDRESS"),
                        AuditAction.valueOf(rs.getString("ACTION")),
                        rs.getString("TARGET"),
                        AuditOutcome.valueOf(rs.getString("OUTCOME")),
                        rs.getString("DETAIL"),
                        rs.getString("NODE")))
                .list();
        return new AuditPage(entries, page, pageSize, total);
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    /** The text cut to {@code max} characters, an ellipsis marking a cut. */
    public static String fit(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    public static @Nullable String fitOrNull(@Nullable String text, int max) {
        return text == null ? null : fit(text, max);
    }
}
