package io.jobdeck.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobdeck.testing.Postgres;
import java.time.Clock;
import java.time.Duration;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/** One node at a time holds a task, on both databases, by the database's clock. */
class TaskLeaseTest {

    private static final Postgres postgres = Postgres.start();

    static Stream<DataSource> databases() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:lease-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        PGSimpleDataSource pg = new PGSimpleDataSource();
        pg.setURL((String) postgres.datasource().get("spring.datasource.url"));
        pg.setUser("postgres");
        pg.setPassword("postgres");
        return Stream.of(h2, pg);
    }

    @AfterAll
    static void stop() throws Exception {
        postgres.close();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void a_task_is_held_by_one_node_until_its_time_passes_or_it_is_released(DataSource dataSource) {
        JdbcClient jdbc = JdbcClient.create(dataSource);
        jdbc.sql("DROP TABLE IF EXISTS JOBDECK_TASK_LEASE").update();
        jdbc.sql("CREATE TABLE JOBDECK_TASK_LEASE (TASK VARCHAR(60) NOT NULL PRIMARY KEY,"
                        + " HOLDER VARCHAR(200) NOT NULL, UNTIL TIMESTAMP WITH TIME ZONE NOT NULL)")
                .update();
        TaskLease a = new TaskLease(jdbc, node("a"));
        TaskLease b = new TaskLease(jdbc, node("b"));

        assertThat(a.tryHold("purge", Duration.ofMinutes(1))).isTrue();
        assertThat(b.tryHold("purge", Duration.ofMinutes(1))).isFalse();
        assertThat(a.tryHold("purge", Duration.ofMinutes(1)))
                .as("the holder renews")
                .isTrue();
        assertThat(b.tryHold("other", Duration.ofMinutes(1)))
                .as("tasks are separate")
                .isTrue();

        a.release("purge");
        assertThat(b.tryHold("purge", Duration.ofMillis(1)))
                .as("released: another node takes it")
                .isTrue();
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(5))
                .until(() -> a.tryHold("purge", Duration.ofMinutes(1)));
        assertThat(b.tryHold("purge", Duration.ofMinutes(1))).isFalse();
    }

    private static NodeIdentity node(String name) {
        return new NodeIdentity(
                Clock.systemUTC(), new ClusterProperties(true, name, Duration.ofSeconds(5), Duration.ofSeconds(5)));
    }
}
