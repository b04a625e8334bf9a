package io.jobdeck.support;

import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Makes what was just committed survive the process dying at once. PostgreSQL does that at every commit. The embedded
 * H2 writes its commits about half a second later (its {@code WRITE_DELAY}): after a crash Quartz may have lost its last
 * half second of bookkeeping (a trigger that had just fired can fire again, as after any crash), but an acknowledged
 * Start/Stop or audit record must not be lost. After those, H2 is told to write everything now ({@code CHECKPOINT}).
 * See decision 0007.
 */
@Component
public class DurableCommits {

    private final JdbcClient jdbc;
    private final boolean delaysWrites;

    DurableCommits(JdbcClient jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        this.delaysWrites = Database.of(dataSource) == Database.H2;
    }

    /** Call after the commit that must survive a crash; it waits until the database has written it. */
    public void flush() {
        if (delaysWrites) {
            jdbc.sql("CHECKPOINT").update();
        }
    }
}
