package io.jobdeck.support;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import javax.sql.DataSource;

/** The databases Jobdeck supports, each with a Flyway migration folder and a Quartz delegate. */
public enum Database {
    H2("org.quartz.impl.jdbcjobstore.StdJDBCDelegate"),
    POSTGRESQL("org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");

    private final String quartzDelegate;

    Database(String quartzDelegate) {
        this.quartzDelegate = quartzDelegate;
    }

    /** The Quartz driver delegate that reads and writes this database's types (e.g. PostgreSQL's {@code bytea}). */
    public String quartzDelegate() {
        return quartzDelegate;
    }

    /** Which database a JDBC product name is, or an exception whose message tells what is supported. */
    public static Database fromProductName(String productName) {
        String name = productName.toLowerCase(Locale.ROOT);
        if (name.contains("h2")) {
            return H2;
        }
        if (name.contains("postgresql")) {
            return POSTGRESQL;
        }
        throw new UnsupportedDatabaseException(productName);
    }

    /** Asks the data source what it is (one connection, metadata only). */
    public static Database of(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return fromProductName(connection.getMetaData().getDatabaseProductName());
        } catch (SQLException e) {
            throw new StartupRefusedException(
                    "Jobdeck could not connect to its database (" + Errors.describe(e) + ").",
                    "Check spring.datasource.url, username and password.");
        }
    }

    /** A database Jobdeck has no schema or Quartz delegate for. */
    public static final class UnsupportedDatabaseException extends StartupRefusedException {

        UnsupportedDatabaseException(String productName) {
            super(
                    "Jobdeck supports H2 and PostgreSQL, but spring.datasource.url points at " + productName + ".",
                    "Use the embedded H2 file database (the default: leave spring.datasource.url unset) or PostgreSQL.");
        }
    }
}
