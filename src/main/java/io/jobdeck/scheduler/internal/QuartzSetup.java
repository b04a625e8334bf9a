package io.jobdeck.scheduler.internal;

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
 * The Quartz settings that follow from Jobdeck's own: job data stored as string properties only, the worker count (validated before any thread exists), this
 * node's id as Quartz's instance id, the observable worker pool, the driver delegate that matches the database,
 * unless {@code spring.quartz.properties} sets one explicitly, and the job factory ({@link PlainJobShortcut}).
 */
@Component
class QuartzSetup implements SchedulerFactoryBeanCustomizer {

    static final String DELEGATE = "org.quartz.jobStore.driverDelegateClass";
    static final String USE_PROPERTIES = "org.quartz.jobStore.useProperties";
    private static final Logger log = LoggerFactory.getLogger(QuartzSetup.class);

    private final QuartzProperties quartz;
    private final SchedulerProperties scheduler;
    private final NodeIdentity node;
    private final DataSource dataSource;

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
            NodeLease heldFirst) {
        this.quartz = quartz;
        this.scheduler = scheduler;
        this.node = node;
        this.dataSource = dataSource;
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
