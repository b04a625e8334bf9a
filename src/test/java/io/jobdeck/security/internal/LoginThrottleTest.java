package io.jobdeck.security.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobdeck.security.SecurityProperties;
import io.jobdeck.security.internal.LoginThrottle.Reason;
import io.jobdeck.security.internal.LoginThrottle.Refusal;
import io.jobdeck.testing.MutableClock;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/**
 * The throttle's rules, on a clock the test moves: per name and client, per name for everyone, per client; kept in
 * the database (H2 here, PostgreSQL in {@link LoginThrottlePostgresTest}), shared by nodes, bounded.
 */
class LoginThrottleTest {

    static final String ATTACKER = "203.0.113.66";
    static final String OFFICE = "198.51.100.10";
    /** A small bound on the rows, so that a test can exceed it quickly. */
    static final int CAP = 300;

    final MutableClock clock = new MutableClock();
    final SingleConnectionDataSource connection = new SingleConnectionDataSource(connect(database()), true);
    final JdbcClient jdbc = withTable(connection);
    final LoginThrottle throttle = new LoginThrottle(defaults(), clock, jdbc, CAP);

    /** A fresh database. */
    DataSource database() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:throttle-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        return h2;
    }

    @AfterEach
    void close() {
        connection.destroy();
    }

    private static Connection connect(DataSource dataSource) {
        try {
            return dataSource.getConnection();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A fresh H2 database with the throttle's table. */
    static JdbcClient onH2() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:throttle-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        return withTable(h2);
    }

    private static JdbcClient withTable(DataSource dataSource) {
        JdbcClient jdbc = JdbcClient.create(dataSource);
        jdbc.sql("DROP TABLE IF EXISTS JOBDECK_LOGIN_THROTTLE").update();
        ResourceDatabasePopulator migration =
                new ResourceDatabasePopulator(new ClassPathResource("db/migration/common/V15__shared_state.sql"));
        migration.setContinueOnError(true); // its change to the alert tables, absent here
        migration.execute(dataSource);
        return jdbc;
    }

    static SecurityProperties defaults() {
        return new SecurityProperties(
                List.of(),
                new SecurityProperties.Lockout(5, Duration.ofMinutes(15), Duration.ofMinutes(15), 3, 20),
                new SecurityProperties.RememberMe(false, null),
                new SecurityProperties.Oidc("groups", List.of(), List.of(), io.jobdeck.security.Role.VIEWER),
                new SecurityProperties.Api(true));
    }

    @Test
    void five_failures_from_one_address_lock_the_name_for_that_address_only() {
        fail("admin", ATTACKER, 4);
        assertThat(throttle.refusal("admin", ATTACKER))
                .as("four are not enough")
                .isEmpty();

        fail("admin", ATTACKER, 1);

        assertThat(reason("admin", ATTACKER)).contains(Reason.NAME_LOCKED);
        assertThat(reason("ADMIN ", ATTACKER))
                .as("names compare ignoring case and spaces")
                .contains(Reason.NAME_LOCKED);
        assertThat(throttle.refusal("admin", OFFICE))
                .as("the admin still logs in from the office")
                .isEmpty();
        assertThat(throttle.refusal("alice", ATTACKER))
                .as("other names are not locked")
                .isEmpty();
    }

    @Test
    void an_attacker_who_keeps_failing_from_one_address_never_locks_the_admin_out_of_another() {
        for (int round = 0; round < 20; round++) {
            fail("admin", ATTACKER, 5);
            clock.advance(Duration.ofMinutes(16));
        }
        assertThat(throttle.refusal("admin", OFFICE)).isEmpty();
    }

    @Test
    void a_lock_ends_after_its_duration() {
        fail("admin", ATTACKER, 5);
        clock.advance(Duration.ofMinutes(14));
        assertThat(throttle.refusal("admin", ATTACKER).map(Refusal::remaining)).contains(Duration.ofMinutes(1));

        clock.advance(Duration.ofMinutes(1));

        assertThat(throttle.refusal("admin", ATTACKER)).isEmpty();
    }

    @Test
    void failures_older_than_the_window_do_not_count() {
        fail("admin", ATTACKER, 4);
        clock.advance(Duration.ofMinutes(16));
        fail("admin", ATTACKER, 4);
        assertThat(throttle.refusal("admin", ATTACKER)).isEmpty();
    }

    @Test
    void failures_for_one_name_from_three_addresses_lock_it_for_everyone() {
        fail("admin", "192.0.2.1", 2);
        fail("admin", "192.0.2.2", 2);
        assertThat(throttle.refusal("admin", OFFICE))
                .as("four failures from two addresses")
                .isEmpty();

        fail("admin", "192.0.2.3", 1);

        assertThat(reason("admin", OFFICE))
                .as("a distributed guess locks the name")
                .contains(Reason.NAME_LOCKED);
        clock.advance(Duration.ofMinutes(15));
        assertThat(throttle.refusal("admin", OFFICE)).isEmpty();
    }

    @Test
    void two_addresses_are_not_enough_to_lock_a_name_for_everyone() {
        fail("admin", "192.0.2.1", 4);
        fail("admin", "192.0.2.2", 4);
        assertThat(throttle.refusal("admin", OFFICE)).isEmpty();
    }

    @Test
    void an_address_failing_on_many_names_waits_twice_as_long_after_each_failure_past_its_budget() {
        for (int i = 0; i < 20; i++) {
            throttle.failed("user" + i, ATTACKER);
        }
        assertThat(throttle.refusal("someone", ATTACKER))
                .as("within the budget")
                .isEmpty();

        throttle.failed("user20", ATTACKER);
        assertThat(throttle.refusal("someone", ATTACKER))
                .contains(new Refusal(Reason.CLIENT_WAITING, Duration.ofSeconds(1)));
        clock.advance(Duration.ofSeconds(1));
        throttle.failed("user21", ATTACKER);
        assertThat(throttle.refusal("someone", ATTACKER).map(Refusal::remaining))
                .contains(Duration.ofSeconds(2));
        clock.advance(Duration.ofSeconds(2));
        throttle.failed("user22", ATTACKER);
        assertThat(throttle.refusal("someone", ATTACKER).map(Refusal::remaining))
                .contains(Duration.ofSeconds(4));
        for (int i = 0; i < 40; i++) {
            throttle.failed("more" + i, ATTACKER);
        }
        assertThat(throttle.refusal("someone", ATTACKER).map(Refusal::remaining))
                .as("never longer than the lock duration")
                .contains(Duration.ofMinutes(15));
        assertThat(throttle.refusal("someone", OFFICE))
                .as("other addresses are not slowed")
                .isEmpty();
    }

    @Test
    void over_long_input_counts_against_the_address_but_stores_nothing_under_a_name() {
        for (int i = 0; i < 21; i++) {
            throttle.refusedInput(ATTACKER);
        }
        assertThat(reason("anyone", ATTACKER)).contains(Reason.CLIENT_WAITING);
        assertThat(throttle.size()).as("one entry: the address").isEqualTo(1);
    }

    @Test
    void a_success_clears_that_addresss_failures_for_the_name() {
        fail("admin", OFFICE, 4);
        throttle.succeeded("admin", OFFICE);
        fail("admin", OFFICE, 4);
        assertThat(throttle.refusal("admin", OFFICE)).isEmpty();
    }

    @Test
    void addresses_of_one_ipv6_64_network_are_one_client() {
        assertThat(LoginThrottle.client("2001:db8:1:2:aaaa::1"))
                .isEqualTo(LoginThrottle.client("2001:db8:1:2:bbbb::2"));
        assertThat(LoginThrottle.client("2001:db8:1:2::1")).isNotEqualTo(LoginThrottle.client("2001:db8:1:3::1"));
        assertThat(LoginThrottle.client("192.0.2.1")).isEqualTo("192.0.2.1");
        assertThat(LoginThrottle.client(null)).isEqualTo("unknown");

        fail("admin", "2001:db8:1:2:aaaa::1", 3);
        fail("admin", "2001:db8:1:2:bbbb::7", 2);
        assertThat(reason("admin", "2001:db8:1:2:cccc::9")).contains(Reason.NAME_LOCKED);
    }

    @Test
    void the_state_stays_bounded_whatever_names_and_addresses_are_sent() {
        fail("admin", ATTACKER, 5);
        for (int i = 0; i < 2_500; i++) {
            throttle.failed("name-" + i + "-" + "x".repeat(150), "10.0." + (i >> 8) + "." + (i & 255));
        }
        assertThat(throttle.size()).isLessThanOrEqualTo(CAP + CAP / 10 + 3);
        LoginThrottle freshNode = new LoginThrottle(defaults(), clock, jdbc, CAP);
        assertThat(freshNode.refusal("admin", ATTACKER))
                .as("the flood pushed out no lock")
                .isPresent();

        clock.advance(Duration.ofMinutes(16));
        assertThat(throttle.size()).as("everything expires").isZero();
    }

    @Test
    void nodes_on_one_database_count_the_same_failures() {
        LoginThrottle other = new LoginThrottle(defaults(), clock, jdbc, CAP);
        fail("admin", ATTACKER, 3);
        other.failed("admin", ATTACKER);
        other.failed("admin", ATTACKER);

        assertThat(reason("admin", ATTACKER)).contains(Reason.NAME_LOCKED);
        assertThat(other.refusal("admin", ATTACKER).map(Refusal::reason)).contains(Reason.NAME_LOCKED);
        assertThat(other.refusal("admin", OFFICE)).isEmpty();
    }

    @Test
    void while_the_database_fails_the_node_throttles_on_its_own_and_never_throws() {
        jdbc.sql("DROP TABLE JOBDECK_LOGIN_THROTTLE").update();

        fail("admin", ATTACKER, 4);
        assertThat(throttle.refusal("admin", ATTACKER)).isEmpty();
        fail("admin", ATTACKER, 1);

        assertThat(reason("admin", ATTACKER)).contains(Reason.NAME_LOCKED);
        assertThat(throttle.refusal("admin", OFFICE)).isEmpty();
        throttle.succeeded("alice", OFFICE);
        assertThat(throttle.size()).as("in memory").isPositive();
    }

    private void fail(String name, String address, int times) {
        for (int i = 0; i < times; i++) {
            throttle.failed(name, address);
        }
    }

    private Optional<Reason> reason(String name, String address) {
        return throttle.refusal(name, address).map(Refusal::reason);
    }
}
