package io.jobdeck.security.internal;

import io.jobdeck.testing.Postgres;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.postgresql.ds.PGSimpleDataSource;

/** The throttle's rules and bounds of {@link LoginThrottleTest}, kept in PostgreSQL, as a cluster keeps them. */
class LoginThrottlePostgresTest extends LoginThrottleTest {

    private static final Postgres postgres = Postgres.start();

    @Override
    DataSource database() {
        PGSimpleDataSource pg = new PGSimpleDataSource();
        pg.setURL((String) postgres.datasource().get("spring.datasource.url"));
        pg.setUser("postgres");
        pg.setPassword("postgres");
        return pg;
    }

    @AfterAll
    static void stop() throws Exception {
        postgres.close();
    }
}
