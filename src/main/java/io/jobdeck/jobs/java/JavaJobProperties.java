package io.jobdeck.jobs.java;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code jobdeck.jobs.java.packages}: the packages (and their sub-packages) searched once, at first use, for plain
 * Quartz job classes marked {@link io.jobdeck.jobs.DeclaredJob}. Empty: none; {@link io.jobdeck.jobs.JobdeckJob} beans
 * are offered whatever this says.
 */
@ConfigurationProperties("jobdeck.jobs.java")
public record JavaJobProperties(List<String> packages) {

    public JavaJobProperties {
        packages = packages == null
                ? List.of()
                : packages.stream().map(String::strip).filter(p -> !p.isEmpty()).toList();
    }
}
