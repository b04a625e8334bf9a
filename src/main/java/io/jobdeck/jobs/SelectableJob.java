package io.jobdeck.jobs;

import java.util.List;

/**
 * A Java job the form offers: a {@link JobdeckJob} bean ({@code bean:<bean name>}) or a plain Quartz job class with
 * {@link DeclaredJob} ({@code class:<class name>}).
 */
public record SelectableJob(String id, String title, List<JobParameter> parameters) {

    public SelectableJob {
        parameters = List.copyOf(parameters);
    }
}
