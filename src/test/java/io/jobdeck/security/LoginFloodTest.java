package io.jobdeck.security;

import static io.jobdeck.security.WebClient.location;
import static org.assertj.core.api.Assertions.assertThat;

import io.jobdeck.audit.AuditAction;
import io.jobdeck.audit.AuditEntry;
import io.jobdeck.audit.AuditFilter;
import io.jobdeck.audit.AuditLog;
import io.jobdeck.audit.AuditPage;
import io.jobdeck.security.internal.LoginThrottle;
import io.jobdeck.testing.As;
import io.jobdeck.testing.Isolated;
import io.jobdeck.testing.JobdeckApp;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A thousand failed logins with megabyte user names, through the login form and HTTP Basic: refused at the door, so
 * the heap, the throttle, the audit trail and the log stay small.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class LoginFloodTest {

    static final Path DATA = JobdeckApp.newDataDir();
    static final String ADDRESS = "198.51.100.77";
    static final int MEGABYTE = 1_000_000;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        Isolated.quietApp(registry, DATA);
    }

    @Autowired
    LoginThrottle throttle;

    @Autowired
    AuditLog audit;

    @LocalServerPort
    int port;

    @AfterEach
    void logout() {
        As.nobody();
    }

    @Test
    void a_thousand_logins_with_megabyte_user_names_leave_heap_throttle_audit_and_log_small(CapturedOutput output)
            throws Exception {
        long heapBefore = usedHeapAfterGc();
        int logBefore = output.getAll().length();
        WebClient browser = new WebClient(port);
        String token = browser.csrfToken("X-Forwarded-For", ADDRESS);

        for (int i = 0; i < 500; i++) {
            HttpResponse<String> form = browser.post(
                    "/login", WebClient.form(randomName(MEGABYTE), "x", token), "X-Forwarded-For", ADDRESS);
            assertThat(location(form)).as("form login %d", i).contains("/login?");
        }
        for (int i = 0; i < 250; i++) {
            assertThat(basicStatus(randomName(MEGABYTE)))
                    .as("Tomcat refuses a 1 MB header itself (8 KB limit)")
                    .isIn(400, -1);
        }
        for (int i = 0; i < 250; i++) {
            assertThat(basicStatus(randomName(5_000)))
                    .as("the longest name a header can carry")
                    .isEqualTo(401);
        }
        audit.flush().toCompletableFuture().get(30, TimeUnit.SECONDS);

        long heapGrowth = usedHeapAfterGc() - heapBefore;
        int logGrowth = output.getAll().length() - logBefore;
        List<AuditEntry> refused = failedLoginsFrom(ADDRESS);
        System.out.printf(
                "Login flood: heap grew %d KB, log grew %d bytes (%d per attempt), throttle holds %d entries,"
                        + " %d audit records%n",
                heapGrowth / 1024, logGrowth, logGrowth / 1000, throttle.size(), refused.size());

        assertThat(throttle.size())
                .as("only the address is counted, never a name")
                .isEqualTo(1);
        assertThat(refused)
                .as("each refused attempt that reached Jobdeck is audited")
                .hasSize(750);
        assertThat(refused).allSatisfy(e -> {
            assertThat(e.actor()).hasSizeLessThanOrEqualTo(200).endsWith("…");
            assertThat(e.target()).hasSizeLessThanOrEqualTo(400);
        });
        assertThat(logGrowth / 1000).as("log bytes per attempt").isLessThan(1_000);
        assertThat(heapGrowth).as("heap kept after the flood (1 GB was sent)").isLessThan(64L * 1024 * 1024);
    }

    /** A request with HTTP Basic credentials, over a raw socket (a 1 MB header may be cut off mid-send): -1 if so. */
    private int basicStatus(String name) throws IOException {
        String credentials = Base64.getEncoder().encodeToString((name + ":x").getBytes(StandardCharsets.US_ASCII));
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            try {
                out.write(("GET /api/v1/scheduler HTTP/1.1\r\nHost: localhost\r\nX-Forwarded-For: " + ADDRESS
                                + "\r\nConnection: close\r\nAuthorization: Basic " + credentials + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (IOException refusedMidSend) {
                // The server answered and closed before the whole header was sent; read what it said, if anything.
            }
            byte[] status = in.readNBytes(12);
            return status.length < 12 ? -1 : Integer.parseInt(new String(status, 9, 3, StandardCharsets.US_ASCII));
        }
    }

    private List<AuditEntry> failedLoginsFrom(String address) throws Exception {
        As.user(Role.ADMIN);
        List<AuditEntry> found = new ArrayList<>();
        AuditFilter filter = new AuditFilter(null, AuditAction.LOGIN_FAILED, null, null, null);
        for (int page = 0; ; page++) {
            AuditPage result =
                    audit.search(filter, page, 500).toCompletableFuture().get(10, TimeUnit.SECONDS);
            result.entries().stream().filter(e -> address.equals(e.address())).forEach(found::add);
            if (page + 1 >= result.pageCount()) {
                return found;
            }
        }
    }

    private static String randomName(int length) {
        char[] name = new char[length];
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < length; i++) {
            name[i] = (char) ('a' + random.nextInt(26));
        }
        return new String(name);
    }

    private static long usedHeapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
