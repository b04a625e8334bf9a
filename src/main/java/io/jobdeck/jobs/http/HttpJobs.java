package io.jobdeck.jobs.http;

import io.jobdeck.support.Threads;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.ThreadPoolExecutor;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * What HTTP jobs share: one JDK {@link HttpClient} (connections are reused between runs) on a named, bounded pool
 * ({@code jobdeck-http}), closed at shutdown, and the allowed hosts.
 */
@Component
public class HttpJobs implements DisposableBean {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final HttpJobProperties properties;
    private final ThreadPoolExecutor pool = Threads.pool("jobdeck-http", 4, 1_000);
    private final HttpClient client = HttpClient.newBuilder()
            .executor(pool)
            .connectTimeout(CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER) // a redirect could leave the allowed hosts
            .build();

    HttpJobs(HttpJobProperties properties) {
        this.properties = properties;
    }

    public HttpJobProperties properties() {
        return properties;
    }

    HttpClient client() {
        return client;
    }

    @Override
    public void destroy() {
        client.shutdownNow();
        Threads.shutdown(pool, Duration.ofSeconds(2));
    }
}
