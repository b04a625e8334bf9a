package io.jobdeck.scheduler.internal;

import io.jobdeck.cluster.ClusterMode;
import io.jobdeck.cluster.NodeIdentity;
import io.jobdeck.cluster.NodeLease;
import io.jobdeck.scheduler.SchedulerProperties;
import io.jobdeck.support.Database;
import java.util.Properties;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.boot.quartz.autoconfigure.QuartzProperties;
import org.springframework.boot.quartz.autoconfigure.SchedulerFactoryBeanCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.quartz.SchedulerFactoryBean;
import org.springframework.stereotype.Component;

/**
 * The Quartz settings that follow from Jobdeck's own: job data stored as string properties only, the worker count
 * (validated before any thread exists), this node's id as Quartz's instance id, clustering with the database row lock
 * when this node is one of a cluster, the observable worker pool, the driver delegate that matches the database,
 * unless {@code spring.quartz.properties} sets one explicitly, and the job factory ({@link PlainJobShortcut}).
 */
@Component
class QuartzSetup implements SchedulerFactoryBeanCustomizer {

    static final String DELEGATE = "org.quartz.jobStore.driverDelegateClass";
    static final String USE_PROPERTIES = "org.quartz.jobStore.useProperties";
    static final String LOCK_HANDLER = "org.quartz.jobStore.lockHandler.class";
    static final String ROW_LOCK = "org.quartz.impl.jdbcjobstore.StdRowLockSemaphore";
    private static final Logger log = LoggerFactory.getLogger(QuartzSetup.class);

    private final QuartzProperties quartz;
    private final SchedulerProperties scheduler;
    private final NodeIdentity node;
    private final DataSource dataSource;
    private final ClusterMode cluster;

    /**
     * Takes the node lease so that it is held before Quartz is created: a node refused on this database never
     * registers with Quartz (whose connection providers are shared by scheduler name across a JVM) nor touches its
     * tables.
     */
    QuartzSetup(
            QuartzProperties quartz,
            SchedulerProperties scheduler,
            NodeIdentity node,
            DataSource dataSource,
            ClusterMode cluster,
            NodeLease heldFirst) {
        this.quartz = quartz;
        this.scheduler = scheduler;
        this.node = node;
        this.dataSource = dataSource;
        this.cluster = cluster;
    }

    @Override
    public void customize(SchedulerFactoryBean factory) {
        Properties properties = new Properties();
        properties.putAll(quartz.getProperties());
        String threads = String.valueOf(scheduler.workerThreads());
        properties.setProperty("org.quartz.threadPool.class", ObservedThreadPool.class.getName());
        properties.setProperty("org.quartz.threadPool.threadCount", threads);
        properties.setProperty("org.quartz.threadPool.registryKey", node.id());
        properties.setProperty("org.quartz.scheduler.batchTriggerAcquisitionMaxCount", threads);
        properties.setProperty("org.quartz.scheduler.instanceId", node.id());
        // Job data as string properties, never serialized objects: nothing stored is ever deserialized.
        properties.setProperty(USE_PROPERTIES, "true");
        if (cluster.enabled()) {
            // Quartz's JDBC clustering: every node checks in, recovers the work of a node that stops checking in, and
            // takes the trigger lock as a database row lock (decision 0004: the in-JVM lock is for one node only).
            properties.setProperty("org.quartz.jobStore.isClustered", "true");
            properties.setProperty(
                    "org.quartz.jobStore.clusterCheckinInterval",
                    String.valueOf(cluster.properties().checkinInterval().toMillis()));
            properties.setProperty(LOCK_HANDLER, ROW_LOCK);
        }
        if (!properties.containsKey(DELEGATE)) {
            Database database = Database.of(dataSource);
            properties.setProperty(DELEGATE, database.quartzDelegate());
            log.debug("Quartz uses {} for {}", database.quartzDelegate(), database);
        }
        factory.setQuartzProperties(properties);
        // Spring's job factory (the scheduler factory gives it the application context), with a shortcut for plain
        // job classes.
        factory.setJobFactory(new PlainJobShortcut());
    }

    /** Rewrites job data stored as serialized objects by earlier versions ({@link V5__Job_data_as_properties}). */
    @Bean
    static FlywayConfigurationCustomizer jobDataAsProperties() {
        return configuration -> configuration.javaMigrations(new V5__Job_data_as_properties());
    }
}
