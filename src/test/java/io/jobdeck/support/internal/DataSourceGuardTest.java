package io.jobdeck.support.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every embedded H2 file goes through the {@code retry:} file system (an interrupted writer would otherwise close the
 * database for everyone, see {@code SchedulerControlTest}); what is not a local file is left alone.
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
}
