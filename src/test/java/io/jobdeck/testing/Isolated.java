package io.jobdeck.testing;

import java.nio.file.Path;
import org.springframework.test.context.DynamicPropertyRegistry;

/** Properties for a Spring test of its own: a fresh database, no demo jobs, a scheduler that waits to be started. */
public final class Isolated {

    private Isolated() {}

    public static void quietApp(DynamicPropertyRegistry registry, Path dataDir) {
        registry.add("jobdeck.data-dir", dataDir::toString);
        registry.add("jobdeck.demo.enabled", () -> "false");
        registry.add("jobdeck.scheduler.auto-start", () -> "false");
    }
}
