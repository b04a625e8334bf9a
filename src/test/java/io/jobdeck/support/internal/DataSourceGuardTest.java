package io.jobdeck.support.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every embedded H2 file goes through the {@code retry:} file system (an interrupted writer would otherwise close the
 * database for everyone, see {@code SchedulerControlTest}); what is not a local file is left alone. PostgreSQL gets
 * timeouts and multi-row batch inserts, unless the user set them.
 */
class DataSourceGuardTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "jdbc:h2:file:./data/jobdeck;DB_CLOSE_ON_EXIT=FALSE | jdbc:h2:retry:./data/jobdeck;DB_CLOSE_ON_EXIT=FALSE",
                "jdbc:h2:FILE:/var/lib/jobdeck/db                 | jdbc:h2:retry:/var/lib/jobdeck/db",
                "jdbc:h2:~/jobdeck                                | jdbc:h2:retry:~/jobdeck",
                "jdbc:h2:./jobdeck                                | jdbc:h2:retry:./jobdeck",
                "jdbc:h2:/srv/jobdeck                             | jdbc:h2:retry:/srv/jobdeck",
                "jdbc:h2:retry:./jobdeck                          | jdbc:h2:retry:./jobdeck",
                "jdbc:h2:async:./jobdeck                          | jdbc:h2:async:./jobdeck",
                "jdbc:h2:mem:test;DB_CLOSE_DELAY=-1               | jdbc:h2:mem:test;DB_CLOSE_DELAY=-1",
                "jdbc:h2:tcp://db.example:9092/jobdeck            | jdbc:h2:tcp://db.example:9092/jobdeck",
            })
    void local_h2_files_survive_interrupts_and_other_urls_stay_as_they_are(String url, String expected) {
        assertThat(DataSourceGuard.survivingInterrupts(url)).isEqualTo(expected);
    }

    @Test
    void postgresql_gets_timeouts_and_multi_row_inserts_unless_the_user_chose_otherwise() {
        try (HikariDataSource hikari = new HikariDataSource()) {
            hikari.setJdbcUrl("jdbc:postgresql://db.example/jobdeck?socketTimeout=60");
            hikari.addDataSourceProperty("reWriteBatchedInserts", "false");

            DataSourceGuard.applyTimeouts(hikari, Duration.ofSeconds(2));

            assertThat(hikari.getDataSourceProperties())
                    .containsEntry("options", "-c statement_timeout=2000")
                    .containsEntry("connectTimeout", "5")
                    .containsEntry("reWriteBatchedInserts", "false")
                    .doesNotContainKey("socketTimeout");
        }
        try (HikariDataSource hikari = new HikariDataSource()) {
            hikari.setJdbcUrl("jdbc:postgresql://db.example/jobdeck");

            DataSourceGuard.applyTimeouts(hikari, Duration.ofSeconds(2));

            assertThat(hikari.getDataSourceProperties())
                    .containsEntry("socketTimeout", "7")
                    .containsEntry("reWriteBatchedInserts", "true");
        }
    }
}
