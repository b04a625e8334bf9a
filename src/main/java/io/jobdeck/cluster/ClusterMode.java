package io.jobdeck.cluster;

import io.jobdeck.support.Database;
import io.jobdeck.support.StartupRefusedException;
import javax.sql.DataSource;
import org.springframework.stereotype.Component;

/**
 * Whether this node is one of a cluster, checked once at startup before anything touches the database: a cluster
 * shares one PostgreSQL database, so asking for one on the embedded H2 database stops the start with one clear message.
 */
@Component
public class ClusterMode {

    private final ClusterProperties properties;

    ClusterMode(ClusterProperties properties, DataSource dataSource) {
        this.properties = properties;
        if (properties.enabled() && Database.of(dataSource) != Database.POSTGRESQL) {
            throw new StartupRefusedException(
                    "jobdeck.cluster.enabled=true needs a PostgreSQL database that every node shares, but"
                            + " spring.datasource.url points at the embedded H2 database, which one node owns.",
                    "Point spring.datasource.url (with username and password) at the cluster's PostgreSQL database, or"
                            + " remove jobdeck.cluster.enabled to run this node on its own.");
        }
    }

    /** True when this node shares its database with other nodes through Quartz's clustering. */
    public boolean enabled() {
        return properties.enabled();
    }

    public ClusterProperties properties() {
        return properties;
    }
}
