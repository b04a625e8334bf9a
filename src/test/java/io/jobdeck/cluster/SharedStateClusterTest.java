package io.jobdeck.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jobdeck.testing.ApiClient;
import io.jobdeck.testing.Cluster;
import io.jobdeck.tokens.internal.TokenSecrets;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What must be the same on every node is in the database, shown on two real node processes sharing one PostgreSQL:
 * failed logins spread over the nodes add up, an API token works on every node and is refused on every node once
 * revoked, an alert both nodes find is sent once, and one node at a time purges the history.
 */
class SharedStateClusterTest {

    private static final String PATH = "/api/v1/scheduler";
    private static Cluster cluster;
    private static JdbcClient database;

    @BeforeAll
    static void start() {
        cluster = Cluster.start(2, "--jobdeck.history.purge-every=1s");
        PGSimpleDataSource pg = new PGSimpleDataSource();
        pg.setURL((String) cluster.postgres().datasource().get("spring.datasource.url"));
        pg.setUser("postgres");
        pg.setPassword("postgres");
        database = JdbcClient.create(pg);
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void failures_for_a_name_from_one_address_spread_over_both_nodes_lock_it_for_that_address_on_both() {
        String attacker = "203.0.113.7";
        ApiClient a = cluster.node(0).api();
        ApiClient b = cluster.node(1).api();
        for (int i = 0; i < 5; i++) {
            ApiClient node = i % 2 == 0 ? a : b;
            assertThat(basic(node, "operator", "guess-" + i, attacker))
                    .as("guess %d", i)
                    .isEqualTo(401);
        }

        assertThat(basic(a, "operator", "operator-pass", attacker))
                .as("node-a: locked for the attacker's address, right password or not")
                .isEqualTo(401);
        assertThat(basic(b, "operator", "operator-pass", attacker))
                .as("node-b too")
                .isEqualTo(401);
        assertThat(basic(b, "operator", "operator-pass", "198.51.100.10"))
                .as("the operator still logs in from elsewhere")
                .isEqualTo(200);
    }

    @Test
    void a_guess_distributed_over_three_addresses_and_both_nodes_locks_the_name_for_everyone_on_both() {
        ApiClient a = cluster.node(0).api();
        ApiClient b = cluster.node(1).api();
        assertThat(basic(a, "viewer", "wrong", "192.0.2.1")).isEqualTo(401);
        assertThat(basic(b, "viewer", "wrong", "192.0.2.1")).isEqualTo(401);
        assertThat(basic(b, "viewer", "wrong", "192.0.2.2")).isEqualTo(401);
        assertThat(basic(a, "viewer", "wrong", "192.0.2.2")).isEqualTo(401);
        assertThat(basic(a, "viewer", "viewer-pass", "198.51.100.20"))
                .as("four failures: not yet")
                .isEqualTo(200);
        assertThat(basic(b, "viewer", "wrong", "192.0.2.3")).isEqualTo(401);

        assertThat(basic(a, "viewer", "viewer-pass", "198.51.100.21")).isEqualTo(401);
        assertThat(basic(b, "viewer", "viewer-pass", "198.51.100.22")).isEqualTo(401);
    }

    @Test
    void an_api_token_works_on_both_nodes_and_once_revoked_is_refused_on_both() {
        TokenSecrets.NewToken token = TokenSecrets.generate();
        Instant now = Instant.now();
        // As ApiTokens.create on node-a stores it (the API has no call that makes tokens; the UI does).
        database.sql("INSERT INTO JOBDECK_API_TOKEN (ID, USERNAME, NAME, ROLE, CREATED_AT, EXPIRES_AT, SECRET_HASH,"
                        + " NODE) VALUES (?, 'admin', 'ci', 'ADMIN', ?, ?, ?, ?)")
                .params(
                        token.id(),
                        Timestamp.from(now),
                        Timestamp.from(now.plus(Duration.ofDays(7))),
                        TokenSecrets.hash(token.token()),
                        cluster.name(0))
                .update();
        for (int i = 0; i < 2; i++) {
            assertThat(bearer(cluster.node(i).api(), token.token()))
                    .as("works on %s", cluster.name(i))
                    .isEqualTo(200);
        }
        await("the last use is stamped once, by whichever node")
                .atMost(Duration.ofSeconds(10))
                .until(() -> database.sql("SELECT COUNT(*) FROM JOBDECK_API_TOKEN WHERE ID = ? AND LAST_USED_AT"
                                        + " IS NOT NULL")
                                .param(token.id())
                                .query(Long.class)
                                .single()
                        == 1);

        // As ApiTokens.revoke on node-a deletes it.
        database.sql("DELETE FROM JOBDECK_API_TOKEN WHERE ID = ?")
                .param(token.id())
                .update();

        for (int i = 0; i < 2; i++) {
            assertThat(bearer(cluster.node(i).api(), token.token()))
                    .as("refused at once on %s: no node caches a token", cluster.name(i))
                    .isEqualTo(401);
        }
    }

    @Test
    void one_node_holds_the_history_purge_and_keeps_it_while_it_runs() {
        Lease first = await("a node takes the purge")
                .atMost(Duration.ofSeconds(20))
                .until(this::purgeLease, lease -> lease != null);
        assertThat(NodeIdentity.nameOf(first.holder())).isIn(cluster.name(0), cluster.name(1));

        Lease later = await("the holder renews it at its next purges (every second)")
                .atMost(Duration.ofSeconds(20))
                .until(this::purgeLease, lease -> lease.until().after(first.until()));
        assertThat(later.holder()).as("the other node skips while it is held").isEqualTo(first.holder());
    }

    @Test
    void an_alert_both_nodes_find_is_sent_once_and_its_recovery_once() {
        Instant now = Instant.now();
        // A dead man's switch that both nodes judge alike from the database: no success of shared.nightly for an hour.
        long rule = database.sql(
                        "INSERT INTO JOBDECK_ALERT_RULE (KIND, ENABLED, JOB_GROUP, JOB_NAME,"
                                + " THRESHOLD_SECONDS, DEDUP_SECONDS, CHANNELS, INCLUDE_STOPPED, UPDATED_AT)"
                                + " VALUES ('MISSED_RUN', TRUE, 'shared', 'nightly', 30, 3600, 'IN_APP', FALSE, ?) RETURNING ID")
                .param(Timestamp.from(now.minus(Duration.ofHours(1))))
                .query(Long.class)
                .single();

        await("the firing is sent, by one node")
                .atMost(Duration.ofSeconds(20))
                .until(() -> deliveries(rule, "FIRING") == 1);
        await("no node sends it again over two more checks of both")
                .during(Duration.ofSeconds(11))
                .atMost(Duration.ofSeconds(15))
                .until(() -> deliveries(rule, "FIRING") == 1);

        database.sql(
                        "INSERT INTO JOBDECK_ALERT_SUCCESS (JOB_GROUP, JOB_NAME, SUCCEEDED_AT) VALUES ('shared', 'nightly',"
                                + " ?)")
                .param(Timestamp.from(Instant.now()))
                .update();
        await("a success recorded by any node recovers it, told by one node")
                .atMost(Duration.ofSeconds(20))
                .until(() -> deliveries(rule, "RECOVERED") == 1);
        await().during(Duration.ofSeconds(11))
                .atMost(Duration.ofSeconds(15))
                .until(() -> deliveries(rule, "RECOVERED") == 1 && deliveries(rule, "FIRING") == 1);
    }

    private static long deliveries(long rule, String phase) {
        return database.sql("SELECT COUNT(*) FROM JOBDECK_ALERT_DELIVERY WHERE RULE_ID = ? AND PHASE = ?")
                .params(rule, phase)
                .query(Long.class)
                .single();
    }

    private record Lease(String holder, Timestamp until) {}

    private Lease purgeLease() {
        return database.sql("SELECT HOLDER, UNTIL FROM JOBDECK_TASK_LEASE WHERE TASK = 'history-purge'")
                .query((rs, n) -> new Lease(rs.getString(1), rs.getTimestamp(2)))
                .optional()
                .orElse(null);
    }

    private static int basic(ApiClient node, String user, String password, String address) {
        String credentials =
                Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return node.call("GET", PATH, null, null, "Authorization", "Basic " + credentials, "X-Forwarded-For", address)
                .status();
    }

    private static int bearer(ApiClient node, String token) {
        return node.call("GET", PATH, null, null, "Authorization", "Bearer " + token)
                .status();
    }
}
