package io.jobdeck.history.internal;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;

/**
 * A Logback appender on the root logger that hands each event logged on a thread marked with an execution (MDC key
 * {@link LiveRuns#MDC_KEY}) to that execution's log, and ignores every other event. It does no I/O and takes no lock of
 * its own: an event of an unmarked thread costs one map lookup.
 */
final class LogCapture extends UnsynchronizedAppenderBase<ILoggingEvent> {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneId.systemDefault());

    private final Function<String, @Nullable ExecutionLog> logs;

    private LogCapture(Function<String, @Nullable ExecutionLog> logs) {
        this.logs = logs;
    }

    /** Adds a capture to the root logger; none (and null) when SLF4J is not bound to Logback. */
    static @Nullable LogCapture attach(Function<String, @Nullable ExecutionLog> logs) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return null;
        }
        LogCapture capture = new LogCapture(logs);
        capture.setContext(context);
        capture.setName("jobdeck-capture-" + System.identityHashCode(capture));
        capture.start();
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(capture);
        return capture;
    }

    void detach() {
        if (getContext() instanceof LoggerContext context) {
            context.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(this);
        }
        stop();
    }

    @Override
    protected void append(ILoggingEvent event) {
        String fireId = event.getMDCPropertyMap().get(LiveRuns.MDC_KEY);
        if (fireId == null) {
            return;
        }
        ExecutionLog log = logs.apply(fireId);
        if (log != null && !log.truncated()) {
            log.append(line(event));
        }
    }

    static String line(ILoggingEvent event) {
        String logger = event.getLoggerName();
        StringBuilder line = new StringBuilder(96)
                .append(TIME.format(Instant.ofEpochMilli(event.getTimeStamp())))
                .append(' ')
                .append(event.getLevel())
                .append(" [")
                .append(event.getThreadName())
                .append("] ")
                .append(logger, logger.lastIndexOf('.') + 1, logger.length())
                .append(" - ")
                .append(event.getFormattedMessage())
                .append('\n');
        IThrowableProxy error = event.getThrowableProxy();
        if (error != null) {
            line.append(ThrowableProxyUtil.asString(error)).append('\n');
        }
        return line.toString();
    }
}
