package io.jobdeck.bench;

import io.jobdeck.security.ApiTokenCheck;
import io.jobdeck.security.Role;
import io.jobdeck.tokens.ApiTokens;
import io.jobdeck.tokens.TokenDraft;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * The API under load from parallel clients, the same requests authenticated two ways in one run: HTTP Basic (a
 * bcrypt check of the password on every request, cost 10 as {@code hash-password} makes) and an API token (a SHA-256
 * and a lookup). Each client sends its share one request after another on a kept-alive connection (plain blocking
 * {@code HttpURLConnection}: the JDK's {@code HttpClient} funnels every connection through one selector thread, which
 * on two cores would measure the client); the latency is from send to the whole answer.
 */
final class ApiTokenBench {

    private static final String USER = "bench-api";
    private static final String PASSWORD = "bench-api-password";

    record Config(int clients, int requests, int warmup, String path) {}

    /** One way's latencies, the JVM's CPU per request (server and clients), and what other processes used meanwhile. */
    record Way(long[] nanos, double cpuMsPerRequest, double othersCores) {}

    /** Both ways, failed requests, and the token check alone (hash and lookup), on one thread, in microseconds. */
    record Result(Way basic, Way token, int failures, double checkMicros) {}

    private ApiTokenBench() {}

    static {
        // Each client keeps its connection (Java keeps 5 idle ones per host unless told): as a real CI client would.
        System.setProperty("http.maxConnections", "200");
    }

    static Result run(Config cfg) throws Exception {
        String hash = "{bcrypt}" + new BCryptPasswordEncoder().encode(PASSWORD);
        try (JobdeckApp app = JobdeckApp.boot(
                2,
                "--jobdeck.security.users[0].username=" + USER,
                "--jobdeck.security.users[0].password=" + hash,
                "--jobdeck.security.users[0].role=VIEWER")) {
            String token = token(app);
            String basic = "Basic "
                    + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
            String bearer = "Bearer " + token;
            URL url = URI.create("http://localhost:" + app.port() + cfg.path()).toURL();
            AtomicInteger failures = new AtomicInteger();
            // Basic's warm-up is short (each request is a bcrypt); the token's is long enough for the JIT to settle.
            BenchMain.log(
                    "API warm-up: %d requests with Basic, %d with the token, not counted",
                    cfg.warmup(), cfg.warmup() * 20);
            load(url, basic, cfg.clients(), cfg.warmup(), failures);
            load(url, bearer, cfg.clients(), cfg.warmup() * 20, failures);
            failures.set(0);
            Way basicWay = measure(url, basic, cfg, failures);
            Way tokenWay = measure(url, bearer, cfg, failures);
            return new Result(
                    basicWay, tokenWay, failures.get(), checkMicros(app.context.getBean(ApiTokenCheck.class), token));
        }
    }

    private static Way measure(URL url, String authorization, Config cfg, AtomicInteger failures) throws Exception {
        CpuMonitor cpu = CpuMonitor.start();
        long t = System.nanoTime();
        long[] nanos = load(url, authorization, cfg.clients(), cfg.requests(), failures);
        double seconds = (System.nanoTime() - t) / 1e9;
        return new Way(nanos, cpu.selfCores() * seconds * 1000 / cfg.requests(), cpu.othersCores());
    }

    private static double checkMicros(ApiTokenCheck check, String token) {
        int n = 20_000;
        long t = System.nanoTime();
        for (int i = 0; i < n; i++) {
            if (check.check(token).isEmpty()) {
                throw new IllegalStateException("The bench token was refused");
            }
        }
        return (System.nanoTime() - t) / 1e3 / n;
    }

    /** A token of the bench user's, made through the service as the tokens page does. */
    private static String token(JobdeckApp app) throws Exception {
        var before = SecurityContextHolder.getContext().getAuthentication();
        SecurityContextHolder.getContext()
                .setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                        USER, "n/a", AuthorityUtils.createAuthorityList(Role.VIEWER.authorities())));
        try {
            return app.context
                    .getBean(ApiTokens.class)
                    .create(new TokenDraft("bench", Role.VIEWER, 1))
                    .toCompletableFuture()
                    .get(30, TimeUnit.SECONDS)
                    .secret();
        } finally {
            SecurityContextHolder.getContext().setAuthentication(before);
        }
    }

    /** {@code requests} GETs from {@code clients} parallel clients; each one's latency, in nanoseconds. */
    private static long[] load(URL url, String authorization, int clients, int requests, AtomicInteger failures)
            throws Exception {
        long[] nanos = new long[requests];
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(
                clients, Thread.ofPlatform().name("bench-api-", 1).factory());
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                done.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < requests; i = next.getAndIncrement()) {
                        long t = System.nanoTime();
                        HttpURLConnection http = (HttpURLConnection) url.openConnection();
                        http.setRequestProperty("Authorization", authorization);
                        http.setConnectTimeout(10_000);
                        http.setReadTimeout(60_000);
                        int status = http.getResponseCode();
                        try (InputStream body = status < 400 ? http.getInputStream() : http.getErrorStream()) {
                            if (body != null) {
                                body.readAllBytes(); // read to the end, so that the connection is kept for the next
                            }
                        }
                        nanos[i] = System.nanoTime() - t;
                        if (status != 200) {
                            failures.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(10, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        return nanos;
    }

    /** The result lines. */
    static List<String> lines(Config cfg, Result r) {
        Stats basic = Stats.of(r.basic().nanos());
        Stats token = Stats.of(r.token().nanos());
        return List.of(
                String.format(
                        Locale.ROOT,
                        "API GET %s, %,d requests from %d parallel clients, HTTP Basic (bcrypt each request): %s;"
                                + " JVM CPU %.2f ms a request (app and clients); other processes used %.2f cores",
                        cfg.path(),
                        cfg.requests(),
                        cfg.clients(),
                        basic.line(),
                        r.basic().cpuMsPerRequest(),
                        r.basic().othersCores()),
                String.format(
                        Locale.ROOT,
                        "API GET %s, %,d requests from %d parallel clients, API token (Bearer): %s;"
                                + " JVM CPU %.2f ms a request (app and clients); other processes used %.2f cores",
                        cfg.path(),
                        cfg.requests(),
                        cfg.clients(),
                        token.line(),
                        r.token().cpuMsPerRequest(),
                        r.token().othersCores()),
                String.format(
                        Locale.ROOT,
                        "API token vs Basic: p50 x%.0f faster, p99 x%.0f faster; failed requests=%d; the token check"
                                + " alone (hash + lookup by id, one thread) %.0f us; token p99 < 100 ms: %s",
                        basic.p50Ms() / token.p50Ms(),
                        basic.p99Ms() / token.p99Ms(),
                        r.failures(),
                        r.checkMicros(),
                        token.p99Ms() < 100 && r.failures() == 0 ? "PASS" : "FAIL"));
    }
}
