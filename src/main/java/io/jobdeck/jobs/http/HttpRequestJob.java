package io.jobdeck.jobs.http;

import io.jobdeck.jobs.JobResult;
import io.jobdeck.scheduler.JobTimedOutException;
import io.jobdeck.support.Errors;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.InterruptableJob;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.UnableToInterruptJobException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the request its job's data describes ({@link HttpJobSpec}) with the JDK's {@link HttpClient}, and fails unless
 * the status is one of the expected ones. The whole exchange, body included, is bounded by the job's timeout; an
 * interrupt cancels it. Status, size and time of the response go to the log and to the execution's result (for the
 * history); secrets never do.
 */
@DisallowConcurrentExecution
public class HttpRequestJob implements InterruptableJob {

    private static final Logger log = LoggerFactory.getLogger(HttpRequestJob.class);

    /** Response bytes read at most; the rest is counted, not kept. */
    static final int KEPT_BYTES = 64 * 1024;

    private final HttpJobs http;
    private volatile @Nullable CompletableFuture<?> inFlight;
    private volatile boolean interrupted;

    /** Created by Spring's job factory, which supplies the shared client. */
    public HttpRequestJob(HttpJobs http) {
        this.http = http;
    }

    /** What one exchange gave: the status, the body's size in bytes, the time it took, and the body's beginning. */
    public record Outcome(int status, long bytes, Duration took, String kept) implements JobResult {

        @Override
        public Summary summary() {
            return new Summary(status, bytes, took, null, kept);
        }
    }

    @Override
    public void execute(JobExecutionContext context) throws JobExecutionException {
        HttpJobSpec.Parsed parsed = HttpJobSpec.parse(context.getJobDetail().getJobDataMap(), http.properties());
        HttpJobSpec spec = parsed.spec();
        String job = context.getJobDetail().getKey().toString();
        if (spec == null) {
            throw new JobExecutionException("The HTTP job's definition is not valid: " + parsed.problems());
        }
        Outcome outcome = send(spec);
        context.setResult(outcome);
        log.info(
                "HTTP job {}: {} -> {}, {} bytes, {} ms",
                job,
                spec.describe(),
                outcome.status(),
                outcome.bytes(),
                outcome.took().toMillis());
        if (!spec.succeeded(outcome.status())) {
            throw new JobExecutionException("Expected status " + spec.expectedText() + ", got " + outcome.status()
                    + " from " + spec.describe());
        }
    }

    Outcome send(HttpJobSpec spec) throws JobExecutionException {
        HttpRequest.Builder request = HttpRequest.newBuilder(spec.url())
                .timeout(spec.timeout())
                .method(
                        spec.method(),
                        spec.body().isEmpty()
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(spec.body()));
        spec.headers().forEach(h -> request.header(h.name(), h.value()));
        long start = System.nanoTime();
        CompletableFuture<HttpResponse<InputStream>> response =
                http.client().sendAsync(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        CompletableFuture<Outcome> outcome = response.thenApplyAsync(
                r -> read(r, start), http.client().executor().orElseThrow());
        inFlight = outcome;
        try {
            return outcome.get(spec.timeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            outcome.cancel(true);
            response.cancel(true);
            throw timedOut(spec);
        } catch (InterruptedException | CancellationException e) {
            response.cancel(true);
            Thread.currentThread().interrupt();
            throw new JobExecutionException("Interrupted while waiting for " + spec.describe());
        } catch (ExecutionException e) {
            if (interrupted) { // the client reports its cancelled exchange as a failure
                throw new JobExecutionException("Interrupted while waiting for " + spec.describe());
            }
            if (e.getCause() instanceof HttpTimeoutException) { // the client's own timer, the same timeout
                throw timedOut(spec);
            }
            throw new JobExecutionException("The request to " + spec.describe() + " failed: "
                    + Errors.describe(e.getCause() == null ? e : e.getCause()));
        } finally {
            inFlight = null;
        }
    }

    private static JobExecutionException timedOut(HttpJobSpec spec) {
        return new JobTimedOutException("No complete answer within " + spec.timeout() + " from " + spec.describe());
    }

    private static Outcome read(HttpResponse<InputStream> response, long start) {
        try (InputStream body = response.body()) {
            byte[] kept = body.readNBytes(KEPT_BYTES);
            long total = kept.length + body.transferTo(java.io.OutputStream.nullOutputStream());
            return new Outcome(
                    response.statusCode(),
                    total,
                    Duration.ofNanos(System.nanoTime() - start),
                    new String(kept, java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public void interrupt() throws UnableToInterruptJobException {
        interrupted = true;
        CompletableFuture<?> current = inFlight;
        if (current != null) {
            current.cancel(true);
        }
    }
}
