package io.jobdeck.support.internal;

import com.zaxxer.hikari.HikariDataSource;
import io.jobdeck.support.StartupRefusedException;
import io.jobdeck.support.StorageProperties;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * Prepares the data source before anything opens it:
 *
 * <ul>
 *   <li>locks the data directory, so that a second Jobdeck on the same directory stops at once with a clear message
 *       instead of sharing or corrupting the embedded database;
 *   <li>sets query and socket timeouts for H2 and PostgreSQL ({@code jobdeck.database.query-timeout}), so that no
 *       thread waits forever on a database that hangs.
 * </ul>
 */
public final class DataSourceGuard implements BeanPostProcessor, EnvironmentAware, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(DataSourceGuard.class);
    static final String LOCK_FILE = "jobdeck.lock";
    private static final String WRITABLE =
            "Point jobdeck.data-dir (JOBDECK_DATA_DIR) at a folder Jobdeck may write to.";

    private @Nullable Environment environment;
    private @Nullable FileChannel lockChannel;
    private @Nullable FileLock lock;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (bean instanceof HikariDataSource hikari) {
            StorageProperties storage = storage();
            lockDataDirectory(storage.dataDir());
            applyTimeouts(hikari, storage.database().queryTimeout());
        }
        return bean;
    }

    private StorageProperties storage() {
        if (environment == null) {
            throw new IllegalStateException("No environment");
        }
        return Binder.get(environment).bindOrCreate("jobdeck", StorageProperties.class);
    }

    /**
     * Adds timeouts the driver understands (and, on PostgreSQL, multi-row batch inserts), unless the URL or the
     * configuration already sets them; an H2 file also
     * gets the file system that survives interrupted writers.
     */
    static void applyTimeouts(HikariDataSource hikari, Duration timeout) {
        String url = hikari.getJdbcUrl() == null ? "" : hikari.getJdbcUrl();
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.startsWith("jdbc:postgresql:")) {
            long seconds = Math.max(1, timeout.toSeconds());
            // The server gives up a statement first; the socket timeout (a little longer) covers a server that
            // stops answering altogether, e.g. a frozen process or a dead network.
            putIfAbsent(hikari, lower, "socketTimeout", String.valueOf(seconds + 5));
            putIfAbsent(hikari, lower, "connectTimeout", "5");
            putIfAbsent(hikari, lower, "tcpKeepAlive", "true");
            putIfAbsent(hikari, lower, "options", "-c statement_timeout=" + timeout.toMillis());
            // A batch of inserts (the history's, the audit's) as multi-row statements: a fifth less of the server's
            // CPU per row than one statement each.
            putIfAbsent(hikari, lower, "reWriteBatchedInserts", "true");
        } else if (lower.startsWith("jdbc:h2:")) {
            url = survivingInterrupts(url);
            String extra = "";
            if (!lower.contains("query_timeout")) {
                extra += ";QUERY_TIMEOUT=" + timeout.toMillis();
            }
            if (!lower.contains("lob_timeout")) {
                // Quartz reads each job's data (a BLOB) at every fire; H2 keeps every LOB it hands out for 5 minutes.
                extra += ";LOB_TIMEOUT=10000";
            }
            hikari.setJdbcUrl(url + extra);
        }
    }

    /**
     * An embedded H2 file opened through H2's {@code retry:} file system. On the default one, a thread that is
     * interrupted while it writes (a job's thread after "Stop and interrupt", a pool shut down) closes the file
     * channel, and with it the whole database for every other thread; {@code retry:} reopens the file and carries on.
     * Other URLs (in memory, a server, another file system) are left as they are.
     */
    static String survivingInterrupts(String url) {
        String rest = url.substring("jdbc:h2:".length());
        if (rest.regionMatches(true, 0, "file:", 0, "file:".length())) {
            return "jdbc:h2:retry:" + rest.substring("file:".length());
        }
        if (rest.startsWith("~") || rest.startsWith(".") || rest.startsWith("/")) {
            return "jdbc:h2:retry:" + rest;
        }
        return url;
    }

    private static void putIfAbsent(HikariDataSource hikari, String lowerUrl, String key, String value) {
        if (!lowerUrl.contains(key.toLowerCase(Locale.ROOT) + "=")
                && !hikari.getDataSourceProperties().containsKey(key)) {
            hikari.addDataSourceProperty(key, value);
        }
    }

    private synchronized void lockDataDirectory(Path dir) {
        if (lock != null) {
            return;
        }
        Path absolute = dir.toAbsolutePath().normalize();
        try {
            Files.createDirectories(absolute);
        } catch (IOException e) {
            throw new DataDirectoryException(
                    "The data directory " + absolute + " (jobdeck.data-dir) cannot be" + " created: " + e.getMessage()
                            + ".",
                    WRITABLE);
        }
        if (!Files.isDirectory(absolute) || !Files.isWritable(absolute)) {
            throw new DataDirectoryException(
                    "The data directory " + absolute + " (jobdeck.data-dir) is not a writable folder.", WRITABLE);
        }
        Path file = absolute.resolve(LOCK_FILE);
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock acquired = channel.tryLock();
            if (acquired == null) {
                throw inUse(absolute);
            }
            lockChannel = channel;
            lock = acquired;
            log.debug("Data directory {} locked", absolute);
        } catch (OverlappingFileLockException e) {
            close(channel);
            throw inUse(absolute);
        } catch (IOException e) {
            close(channel);
            throw new DataDirectoryException(
                    "The data directory " + absolute + " (jobdeck.data-dir) cannot be" + " locked: " + e.getMessage()
                            + ".",
                    WRITABLE);
        } catch (DataDirectoryException e) {
            close(channel);
            throw e;
        }
    }

    private static DataDirectoryException inUse(Path dir) {
        return new DataDirectoryException(
                "Another Jobdeck is already running on the data directory " + dir + ".",
                "Stop it first, or give this one its own folder with jobdeck.data-dir (JOBDECK_DATA_DIR).");
    }

    private static void close(@Nullable FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing was locked
            }
        }
    }

    @Override
    public synchronized void destroy() {
        try {
            if (lock != null) {
                lock.release();
            }
        } catch (IOException ignored) {
            // the channel's close below releases it too
        }
        close(lockChannel);
        lock = null;
        lockChannel = null;
    }

    /** The data directory cannot be used; the message says why and what to do. */
    public static final class DataDirectoryException extends StartupRefusedException {
        DataDirectoryException(String problem, String action) {
            super(problem, action);
        }
    }
}
