package io.jobdeck.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.jobdeck.cluster.NodeIdentity;
import io.jobdeck.history.ExecutionHistory;
import io.jobdeck.testing.Postgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.impl.SchedulerRepository;
import org.quartz.impl.StdSchedulerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Throughput of a Jobdeck cluster of 1, 2 and 3 nodes on one embedded PostgreSQL against bare clustered Quartz of as
 * many nodes on the same server, in the same run, rounds alternating (J B, then B J, ...). Each round gets a database
 * of its own on that server (a fresh schema: Jobdeck's migrations for Jobdeck; the same PostgreSQL Quartz schema,
 * V1 and V6, for bare Quartz), no-op jobs that offer far more fires than either can run, and the same worker threads
 * per node.
 *
 * <p>The nodes of both sides run in this one JVM: Jobdeck's as Spring Boot contexts with {@code
 * jobdeck.cluster.enabled=true} (each its own Quartz scheduler, pool, Hikari pool, recorder, LISTEN connection; the
 * same instance name, its own instance id), bare Quartz's as StdSchedulerFactory schedulers with {@code
 * isClustered=true} and the row lock. So both sides share the same JIT, heap and GC, the fires are counted by the
 * same counter, and the CPU of the nodes (this JVM) and of PostgreSQL (the server's processes) is measured alike.
 * Separate processes would add a JVM per node to both sides alike and only make counting harder. On this machine
 * every node and PostgreSQL share the same two cores: more nodes add no CPU, so the question is what clustering
 * costs, not how far it scales.
 */
final class ClusterThroughputBench {

    record Config(
            int workerThreads, int jobs, long intervalMs, long warmupMs, long measureMs, int rounds, int[] sizes) {

        String describe() {
            return String.format(
                    Locale.ROOT,
                    "%d worker threads per node (batchTriggerAcquisitionMaxCount=%d); %d no-op jobs, each on a"
                            + " SimpleTrigger every %d ms (offered %d fires/s); clustered, row lock, checkin 5 s, misfire threshold %d s on both sides; a"
                            + " fresh PostgreSQL database per round on one embedded PostgreSQL 18; %d ms warm-up then"
                            + " %d ms measured per round; %d round(s) per side and size",
                    workerThreads,
                    workerThreads,
                    jobs,
                    intervalMs,
                    jobs * 1000 / intervalMs,
                    MISFIRE_THRESHOLD_MS / 1000,
                    warmupMs,
                    measureMs,
                    rounds);
        }
    }

    /** One measured window. */
    record Round(
            double firesPerSecond,
            double jvmMicrosPerFire,
            double postgresMicrosPerFire,
            double othersCores,
            long fires,
            String history) {

        double microsPerFire() {
            return jvmMicrosPerFire + postgresMicrosPerFire;
        }
    }

    private static int databases;

    /**
     * Both sides' misfire threshold here: the jobs offer ten times what either side fires, so every trigger falls
     * about 0.9 s behind per second from the moment it is installed; with Quartz's 30 s (Jobdeck's default) the
     * misfire handler took over late in the rounds of whichever side had started its nodes more slowly (Jobdeck's
     * nodes start one by one, each waiting until it runs), and the round measured misfire handling instead of firing.
     */
    static final long MISFIRE_THRESHOLD_MS = 600_000;

    private ClusterThroughputBench() {}

    static List<String> run(Config cfg) throws Exception {
        try (Postgres postgres = Postgres.start()) {
            log("cluster throughput benchmark: %s", cfg.describe());
            // JIT warm-up of both paths, not counted.
            Config warm = new Config(
                    cfg.workerThreads(),
                    cfg.jobs(),
                    cfg.intervalMs(),
                    0,
                    Math.min(cfg.measureMs(), 5000),
                    1,
                    cfg.sizes());
            log(
                    "warm-up (not counted): jobdeck %.0f fires/s",
                    jobdeckRound(postgres, warm, 1).firesPerSecond());
            log(
                    "warm-up (not counted): bare    %.0f fires/s",
                    bareRound(postgres, warm, 1).firesPerSecond());

            List<String> out = new ArrayList<>();
            boolean pass = true;
            double others = 0;
            for (int size : cfg.sizes()) {
                double[] jd = new double[cfg.rounds()];
                double[] bare = new double[cfg.rounds()];
                double[] jdCpu = new double[cfg.rounds()];
                double[] bareCpu = new double[cfg.rounds()];
                List<String> history = new ArrayList<>();
                String cpuSplit = "";
                for (int i = 0; i < cfg.rounds(); i++) {
                    boolean jobdeckFirst = (i + size) % 2 == 1;
                    for (int k = 0; k < 2; k++) {
                        System.gc();
                        boolean jobdeck = (k == 0) == jobdeckFirst;
                        Round r = jobdeck ? jobdeckRound(postgres, cfg, size) : bareRound(postgres, cfg, size);
                        others = Math.max(others, r.othersCores());
                        log(
                                "%d node(s), round %d %s %.0f fires/s, CPU %.0f us/fire (this JVM %.0f + PostgreSQL"
                                        + " %.0f; other processes: %.2f cores)%s",
                                size,
                                i + 1,
                                jobdeck ? "jobdeck" : "bare   ",
                                r.firesPerSecond(),
                                r.microsPerFire(),
                                r.jvmMicrosPerFire(),
                                r.postgresMicrosPerFire(),
                                r.othersCores(),
                                jobdeck ? "; " + r.history() : "");
                        if (jobdeck) {
                            jd[i] = r.firesPerSecond();
                            jdCpu[i] = r.microsPerFire();
                            history.add(r.history());
                            cpuSplit = String.format(
                                    Locale.ROOT,
                                    "jobdeck JVM %.0f + PostgreSQL %.0f",
                                    r.jvmMicrosPerFire(),
                                    r.postgresMicrosPerFire());
                        } else {
                            bare[i] = r.firesPerSecond();
                            bareCpu[i] = r.microsPerFire();
                            cpuSplit += String.format(
                                    Locale.ROOT,
                                    ", bare JVM %.0f + PostgreSQL %.0f",
                                    r.jvmMicrosPerFire(),
                                    r.postgresMicrosPerFire());
                        }
                    }
                }
                double ratio = BenchMain.median(jd) / BenchMain.median(bare);
                pass &= ratio >= 0.9;
                out.add(String.format(
                        Locale.ROOT,
                        "cluster throughput, %d node(s) on PostgreSQL: jobdeck=%.0f fires/s bare clustered Quartz=%.0f"
                                + " fires/s ratio=%.2f (goal >= 0.9): %s; CPU per fire jobdeck %.0f us, bare %.0f us"
                                + " (last round: %s)",
                        size,
                        BenchMain.median(jd),
                        BenchMain.median(bare),
                        ratio,
                        ratio >= 0.9 ? "PASS" : "FAIL",
                        BenchMain.median(jdCpu),
                        BenchMain.median(bareCpu),
                        cpuSplit));
                out.add(String.format(
                        Locale.ROOT,
                        "  %d node(s): rounds jobdeck %s bare %s; jobdeck's history: %s",
                        size,
                        BenchMain.format(jd),
                        BenchMain.format(bare),
                        String.join("; ", history)));
            }
            out.add(String.format(
                    Locale.ROOT,
                    "cluster throughput ratio >= 0.9 at every size: %s; setup: %s; both sides in one JVM, nodes of a"
                            + " side started one after another, triggers installed through the first; %d cores shared"
                            + " by every node and PostgreSQL (more nodes add no CPU here); other processes used up to"
                            + " %.2f cores in a round; %s",
                    pass ? "PASS" : "FAIL",
                    cfg.describe(),
                    Runtime.getRuntime().availableProcessors(),
                    others,
                    BenchMain.loadAverage()));
            return out;
        }
    }

    /** {@code size} Jobdeck nodes (Spring contexts) clustered on a fresh database. */
    static Round jobdeckRound(Postgres postgres, Config cfg, int size) throws Exception {
        Map<String, Object> db = database(postgres);
        List<JobdeckApp> nodes = new ArrayList<>();
        try {
            for (int i = 0; i < size; i++) {
                nodes.add(JobdeckApp.boot(
                        cfg.workerThreads(),
                        "--spring.datasource.url=" + db.get("spring.datasource.url"),
                        "--spring.datasource.username=" + db.get("spring.datasource.username"),
                        "--spring.datasource.password=" + db.get("spring.datasource.password"),
                        "--jobdeck.cluster.enabled=true",
                        "--spring.quartz.properties.org.quartz.jobStore.misfireThreshold=" + MISFIRE_THRESHOLD_MS,
                        "--jobdeck.cluster.node-name=bench-" + (char) ('a' + i)));
            }
            install(nodes.getFirst().scheduler, cfg);
            long f0 = BenchJobs.FIRES.sum();
            for (JobdeckApp node : nodes) {
                node.startAndWait();
            }
            Round round = measure(postgres, cfg);
            return new Round(
                    round.firesPerSecond(),
                    round.jvmMicrosPerFire(),
                    round.postgresMicrosPerFire(),
                    round.othersCores(),
                    round.fires(),
                    recorded(nodes, f0));
        } finally {
            nodes.forEach(JobdeckApp::close);
        }
    }

    /** After the round: every node stopped, recorders flushed; every fire must be in the history. */
    private static String recorded(List<JobdeckApp> nodes, long firesBefore) throws Exception {
        for (JobdeckApp node : nodes) {
            node.stopAndWait();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        long seen = -1;
        while (System.nanoTime() < deadline && seen != BenchJobs.FIRES.sum()) {
            seen = BenchJobs.FIRES.sum();
            Thread.sleep(500);
        }
        for (JobdeckApp node : nodes) {
            node.context
                    .getBean(ExecutionHistory.class)
                    .flush()
                    .toCompletableFuture()
                    .get(300, TimeUnit.SECONDS);
        }
        long fired = BenchJobs.FIRES.sum() - firesBefore;
        JdbcTemplate jdbc = nodes.getFirst().context.getBean(JdbcTemplate.class);
        Map<String, Long> byNode = new TreeMap<>();
        jdbc.query(
                "SELECT NODE, COUNT(*) FROM JOBDECK_EXECUTION WHERE OUTCOME NOT IN ('MISFIRED', 'VETOED') GROUP BY NODE",
                rs -> {
                    byNode.put(NodeIdentity.nameOf(rs.getString(1)), rs.getLong(2));
                });
        long rows = byNode.values().stream().mapToLong(Long::longValue).sum();
        Long misfires =
                jdbc.queryForObject("SELECT COUNT(*) FROM JOBDECK_EXECUTION WHERE OUTCOME = 'MISFIRED'", Long.class);
        return String.format(
                Locale.ROOT,
                "fired %,d, recorded %,d (%s), by node %s, misfires %,d",
                fired,
                rows,
                rows == fired ? "all" : "NOT ALL",
                byNode,
                misfires);
    }

    /** {@code size} bare clustered Quartz schedulers on a fresh database with the same Quartz schema. */
    static Round bareRound(Postgres postgres, Config cfg, int size) throws Exception {
        Map<String, Object> db = database(postgres);
        List<HikariDataSource> pools = new ArrayList<>();
        List<Scheduler> nodes = new ArrayList<>();
        try {
            for (int i = 0; i < size; i++) {
                HikariDataSource pool = pool(db, "bare-db-" + i);
                pools.add(pool);
                if (i == 0) {
                    // Jobdeck's PostgreSQL Quartz schema: V1 (Quartz's own) and V6 (the indexes Jobdeck adds).
                    Flyway.configure()
                            .dataSource(pool)
                            .locations("classpath:db/migration/postgresql")
                            .load()
                            .migrate();
                }
                nodes.add(bareNode(cfg.workerThreads(), pool, i));
            }
            install(nodes.getFirst(), cfg);
            for (Scheduler node : nodes) {
                node.start();
            }
            return measure(postgres, cfg);
        } finally {
            for (Scheduler node : nodes) {
                node.shutdown(true);
            }
            pools.forEach(HikariDataSource::close);
        }
    }

    /** The same Hikari settings as Jobdeck's (application.yaml). */
    private static HikariDataSource pool(Map<String, Object> db, String name) {
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl((String) db.get("spring.datasource.url"));
        hc.setUsername((String) db.get("spring.datasource.username"));
        hc.setPassword((String) db.get("spring.datasource.password"));
        hc.setPoolName(name);
        hc.setMaximumPoolSize(12);
        hc.setConnectionTimeout(3000);
        hc.setValidationTimeout(1000);
        return new HikariDataSource(hc);
    }

    /** A clustered Quartz node: Jobdeck's Quartz properties, JobStoreTX, no listeners. */
    private static Scheduler bareNode(int workerThreads, HikariDataSource pool, int index) throws SchedulerException {
        String name = "bench-bare";
        String dsName = pool.getPoolName() + "-" + (++databases);
        BareQuartz.register(dsName, pool);
        Properties p = new Properties();
        p.setProperty("org.quartz.scheduler.instanceName", name);
        p.setProperty("org.quartz.scheduler.instanceId", "bare-" + (char) ('a' + index) + "-" + databases);
        p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        p.setProperty("org.quartz.scheduler.dbFailureRetryInterval", "2000");
        p.setProperty("org.quartz.scheduler.batchTriggerAcquisitionMaxCount", String.valueOf(workerThreads));
        p.setProperty("org.quartz.threadPool.class", "org.quartz.simpl.SimpleThreadPool");
        p.setProperty("org.quartz.threadPool.threadCount", String.valueOf(workerThreads));
        p.setProperty("org.quartz.threadPool.threadNamePrefix", "bare-worker-" + (char) ('a' + index));
        p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        p.setProperty("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
        p.setProperty("org.quartz.jobStore.dataSource", dsName);
        p.setProperty("org.quartz.jobStore.useProperties", "true");
        p.setProperty("org.quartz.jobStore.misfireThreshold", String.valueOf(MISFIRE_THRESHOLD_MS));
        p.setProperty("org.quartz.jobStore.acquireTriggersWithinLock", "true");
        p.setProperty("org.quartz.jobStore.isClustered", "true");
        p.setProperty("org.quartz.jobStore.clusterCheckinInterval", "5000");
        p.setProperty("org.quartz.jobStore.lockHandler.class", "org.quartz.impl.jdbcjobstore.StdRowLockSemaphore");
        Scheduler scheduler = new StdSchedulerFactory(p).getScheduler();
        // The nodes of one cluster share the instance name; in one JVM Quartz's repository holds one per name.
        SchedulerRepository.getInstance().remove(name);
        return scheduler;
    }

    /** A fresh database on the server: the settings a node is given. */
    private static Map<String, Object> database(Postgres postgres) {
        String name = "round" + (++databases);
        postgres.execute("CREATE DATABASE " + name);
        Map<String, Object> settings = new TreeMap<>(postgres.datasource());
        settings.put(
                "spring.datasource.url",
                ((String) settings.get("spring.datasource.url")).replaceFirst("/postgres$", "/" + name));
        return settings;
    }

    private static void install(Scheduler s, Config cfg) throws SchedulerException {
        ThroughputBench.install(s, cfg.jobs(), cfg.intervalMs());
    }

    private static Round measure(Postgres postgres, Config cfg) throws InterruptedException {
        Thread.sleep(cfg.warmupMs());
        Quiet.await("a cluster throughput round");
        long pg0 = postgresJiffies(postgres);
        CpuMonitor cpu = CpuMonitor.start();
        long f0 = BenchJobs.FIRES.sum();
        LoadMeter meter = LoadMeter.start();
        Thread.sleep(cfg.measureMs());
        LoadMeter.Load load = meter.stop();
        double jvmCores = cpu.selfCores();
        double others = cpu.othersCores();
        long pgJiffies = postgresJiffies(postgres) - pg0;
        long fires = BenchJobs.FIRES.sum() - f0;
        double seconds = load.seconds();
        double jvmMicros = fires == 0 ? 0 : jvmCores * seconds * 1e6 / fires;
        double pgMicros = fires == 0 ? 0 : pgJiffies * 10_000.0 / fires; // a jiffy is 10 ms
        // PostgreSQL's processes are not this JVM's: CpuMonitor counts them with the others.
        double pgCores = pgJiffies / 100.0 / seconds;
        return new Round(load.firesPerSecond(), jvmMicros, pgMicros, Math.max(0, others - pgCores), fires, "");
    }

    /**
     * User + system CPU of the PostgreSQL server (the postmaster, found by its port, and every process it started, as
     * they are now: a backend that ended during the window is not counted, none does here).
     */
    private static long postgresJiffies(Postgres postgres) {
        String url = (String) postgres.datasource().get("spring.datasource.url");
        String port = url.replaceAll(".*:(\\d+)/.*", "$1");
        long sum = 0;
        for (ProcessHandle p : ProcessHandle.allProcesses().toList()) {
            String cmdline = cmdline(p.pid());
            if (cmdline.contains("postgres") && cmdline.contains("-p " + port)) {
                sum += jiffies(p.pid());
                for (ProcessHandle child : p.descendants().toList()) {
                    sum += jiffies(child.pid());
                }
            }
        }
        return sum;
    }

    private static String cmdline(long pid) {
        try {
            return Files.readString(Path.of("/proc/" + pid + "/cmdline")).replace('\0', ' ');
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private static long jiffies(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static void log(String format, Object... args) {
        BenchMain.log(format, args);
    }
}
