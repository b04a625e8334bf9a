package io.jobdeck.support.internal;

import io.jobdeck.support.Database;
import io.jobdeck.support.StorageProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Database wiring every module shares: the data-directory lock, timeouts, and a fast refusal of unknown databases. */
@Configuration(proxyBeanMethods = false)
class DatabaseConfig {

    @Bean
    static DataSourceGuard dataSourceGuard() {
        return new DataSourceGuard();
    }

    /**
     * Before any migration runs: Jobdeck has schemas for H2 and PostgreSQL only. Taking the storage settings here also
     * validates them (the data-source guard reads them before validation can run), so a bad one stops the start.
     */
    @Bean
    FlywayConfigurationCustomizer supportedDatabasesOnly(StorageProperties validated) {
        return configuration -> Database.of(configuration.getDataSource());
    }
}
