package io.jobdeck.jobs.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.JobKey;
import org.quartz.JobListener;
import org.quartz.Scheduler;
import org.quartz.TriggerBuilder;
import org.quartz.impl.StdSchedulerFactory;

/** An HTTP job run by a real Quartz scheduler against a real HTTP server on this machine. */
class HttpRequestJobTest {

    private final HttpJobs http = new HttpJobs(new HttpJobProperties(List.of()));
    private final BlockingQueue<Ran> ran = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private HttpServer server;
    private Scheduler scheduler;

    record Ran(@Nullable Object result, @Nullable JobExecutionException error) {}

    @BeforeEach
    void a_server_and_a_scheduler() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/ok", exchange -> {
            received.add(exchange.getRequestMethod() + " "
                    + exchange.getRequestHeaders().getFirst("Authorization") + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] body = "x".repeat(100_000).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.createContext("/fail", exchange -> {
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
        });
        server.createContext("/hang", exchange -> {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();

        Properties p = new Properties();
        p.setProperty("org.quartz.scheduler.instanceName", "http-job-test-" + UUID.randomUUID());
        p.setProperty("org.quartz.threadPool.threadCount", "2");
        p.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
        scheduler = new StdSchedulerFactory(p).getScheduler();
        scheduler.setJobFactory((bundle, s) -> new HttpRequestJob(http));
        scheduler.getListenerManager().addJobListener(new JobListener() {
            @Override
            public String getName() {
                return "test";
            }

            @Override
            public void jobToBeExecuted(JobExecutionContext context) {}

            @Override
            public void jobExecutionVetoed(JobExecutionContext context) {}

            @Override
            public void jobWasExecuted(JobExecutionContext context, @Nullable JobExecutionException error) {
                ran.add(new Ran(context.getResult(), error));
            }
        });
        scheduler.start();
    }

    @AfterEach
    void stop() throws Exception {
        release.countDown();
        scheduler.shutdown(true);
        server.stop(0);
        http.destroy();
    }

    @Test
    void a_call_with_the_expected_status_succeeds_and_keeps_status_size_and_time() throws Exception {
        run(Map.of(
                HttpJobSpec.METHOD, "POST",
                HttpJobSpec.URL, url("/ok"),
                HttpJobSpec.HEADERS, "Authorization: Bearer t0k3n",
                HttpJobSpec.BODY, "hello"));

        Ran result = next();
        assertThat(result.error()).isNull();
        assertThat(result.result()).isInstanceOfSatisfying(HttpRequestJob.Outcome.class, o -> {
            assertThat(o.status()).isEqualTo(200);
            assertThat(o.bytes()).as("counted to the end").isEqualTo(100_000);
            assertThat(o.kept()).as("kept up to the bound").hasSize(HttpRequestJob.KEPT_BYTES);
            assertThat(o.took()).isPositive();
        });
        assertThat(received.poll(5, TimeUnit.SECONDS)).isEqualTo("POST Bearer t0k3n hello");
    }

    @Test
    void an_unexpected_status_fails_the_run_and_says_which() throws Exception {
        run(Map.of(HttpJobSpec.URL, url("/fail")));

        assertThat(next().error()).hasMessageContaining("Expected status 200-299, got 503 from GET " + url("/fail"));
    }

    @Test
    void a_server_that_does_not_answer_fails_the_run_at_its_timeout() throws Exception {
        run(Map.of(HttpJobSpec.URL, url("/hang"), HttpJobSpec.TIMEOUT, "1"));

        Ran result = next();
        assertThat(result.error()).hasMessageContaining("within PT1S");
    }

    @Test
    void an_interrupt_ends_the_call_at_once() throws Exception {
        JobKey key = run(Map.of(HttpJobSpec.URL, url("/hang"), HttpJobSpec.TIMEOUT, "60"));
        await().atMost(Duration.ofSeconds(5))
                .until(() -> !scheduler.getCurrentlyExecutingJobs().isEmpty());

        assertThat(scheduler.interrupt(key)).isTrue();

        assertThat(next().error()).hasMessageContaining("Interrupted");
    }

    @Test
    void a_definition_that_is_not_valid_fails_the_run_without_a_call() throws Exception {
        run(Map.of(HttpJobSpec.URL, "ftp://127.0.0.1/x"));

        assertThat(next().error()).hasMessageContaining("not valid").hasMessageContaining("urlScheme");
        assertThat(received).isEmpty();
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private JobKey run(Map<String, String> data) throws Exception {
        JobDetail job = JobBuilder.newJob(HttpRequestJob.class)
                .withIdentity(UUID.randomUUID().toString(), "http")
                .usingJobData(new org.quartz.JobDataMap(data))
                .build();
        scheduler.scheduleJob(job, TriggerBuilder.newTrigger().startNow().build());
        return job.getKey();
    }

    private Ran next() throws InterruptedException {
        Ran result = ran.poll(20, TimeUnit.SECONDS);
        assertThat(result).as("the job ran").isNotNull();
        return result;
    }
}
