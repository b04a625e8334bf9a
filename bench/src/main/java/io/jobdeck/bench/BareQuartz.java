package io.jobdeck.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;

/**
 * A plain Quartz scheduler, no listeners, with the Quartz properties of application.yaml, on the same kind of H2
 * file database with the same Hikari pool settings, built by StdSchedulerFactory with Quartz's own JobStoreTX.
 *
 * <p>One difference is not a property: the app gets Spring's LocalDataSourceJobStore, a JobStoreCMT, and unless a
 * lock handler is configured JobStoreCMT takes the TRIGGER_ACCESS lock as a row lock in the database (SELECT ... FOR
 * UPDATE on QRTZ_LOCKS), where JobStoreTX, not clustered, takes it in the JVM. {@code BENCH_BARE_DBLOCKS=true} gives
 * bare Quartz the row lock too.
 *
 * <p>Another is the schema: bare Quartz gets Quartz's own H2 script (V1, primary keys only), the app also the indexes
 * of V6 less those V11 drops again, and every fire updates the trigger's row twice and inserts and deletes a
 * fired-trigger row, so each index on a changing column is written at every fire. {@code BENCH_TP_SIDE=variants
 * BENCH_VARIANTS=bare,bare-indexes,bare-appschema} shows what they cost (2026-12-07: all of V6 about 40 us of
 * scheduler-thread CPU per fire).
 */
final class BareQuartz implements AutoCloseable {

    private static int instances;

    final Scheduler scheduler;
    private final HikariDataSource dataSource;
    private final Path dataDir;

    private BareQuartz(Scheduler scheduler, HikariDataSource dataSource, Path dataDir) {
        this.scheduler = scheduler;
        this.dataSource = dataSource;
        this.dataDir = dataDir;
    }

    static BareQuartz create(int workerThreads) throws Exception {
        return create(workerThreads, Knobs.bool("bench.bare.dbLocks"));
    }

    static BareQuartz create(int workerThreads, boolean dbLocks) throws Exception {
        return create(workerThreads, dbLocks, "1");
    }

    /**
     * {@code schema} is the last H2 migration applied: "1" is Quartz's own script (primary keys only), "6" adds the
     * indexes Jobdeck gave Quartz's tables on H2 (V6), "11" drops again those no query needs (V11): the app's schema;
     * for experiments only.
     */
    static BareQuartz create(int workerThreads, boolean dbLocks, String schema) throws Exception {
        Path dir = TempDirs.create("jobdeck-bare");
        HikariConfig hc = new HikariConfig();
        // Like for like: the same H2 settings Jobdeck's data-source guard gives its own database (the retry: file
        // system, which survives an interrupted writer; LOBs released after 10 s; a query timeout).
        hc.setJdbcUrl(
                "jdbc:h2:retry:" + dir + "/jobdeck;DB_CLOSE_ON_EXIT=FALSE;QUERY_TIMEOUT=30000" + ";LOB_TIMEOUT=10000");
        hc.setUsername("sa");
        hc.setPassword("");
        hc.setPoolName("bare-db");
        hc.setMaximumPoolSize(12);
        hc.setConnectionTimeout(3000);
        hc.setValidationTimeout(1000);
        HikariDataSource ds = new HikariDataSource(hc);
        try {
            // The same Quartz schema the app applies (V1 only: V2 is Jobdeck's own table).
            Flyway.configure()
                    .dataSource(ds)
                    .locations("classpath:db/migration/h2")
                    .target(schema)
                    .load()
                    .migrate();
            return new BareQuartz(scheduler(workerThreads, ds, dbLocks), ds, dir);
        } catch (Exception | Error e) {
            ds.close();
            TempDirs.delete(dir);
            throw e;
        }
    }

    private static Scheduler scheduler(int workerThreads, HikariDataSource ds, boolean dbLocks)
            throws SchedulerException {
        String name = "bare" + (++instances);
        String dsName = name + "DS";
        register(dsName, ds);

        Properties p = new Properties();
        p.setProperty("org.quartz.scheduler.instanceName", name);
        p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        // As in application.yaml (spring.quartz.properties):
        p.setProperty("org.quartz.scheduler.instanceId", "AUTO");
        p.setProperty("org.quartz.scheduler.dbFailureRetryInterval", "2000");
        p.setProperty("org.quartz.scheduler.batchTriggerAcquisitionMaxCount", String.valueOf(workerThreads));
        p.setProperty("org.quartz.threadPool.class", "org.quartz.simpl.SimpleThreadPool");
        p.setProperty("org.quartz.threadPool.threadCount", String.valueOf(workerThreads));
        p.setProperty("org.quartz.threadPool.threadNamePrefix", "bare-worker");
        p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        p.setProperty("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.StdJDBCDelegate");
        p.setProperty("org.quartz.jobStore.dataSource", dsName);
        p.setProperty("org.quartz.jobStore.misfireThreshold", "30000");
        p.setProperty("org.quartz.jobStore.acquireTriggersWithinLock", "true");
        if (dbLocks) {
            p.setProperty("org.quartz.jobStore.useDBLocks", "true");
        }
        return new StdSchedulerFactory(p).getScheduler();
    }

    /** Makes {@code dataSource} Quartz's data source {@code name} ({@code org.quartz.jobStore.dataSource}). */
    static void register(String name, DataSource dataSource) {
        DBConnectionManager.getInstance().addConnectionProvider(name, new ConnectionProvider() {
            @Override
            public Connection getConnection() throws SQLException {
                return dataSource.getConnection();
            }

            @Override
            public void shutdown() {}

            @Override
            public void initialize() {}
        });
    }

    @Override
    public void close() throws SchedulerException {
        try {
            scheduler.shutdown(true);
        } finally {
            dataSource.close();
            TempDirs.delete(dataDir);
        }
    }
}
