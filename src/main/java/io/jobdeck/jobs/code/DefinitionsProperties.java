package io.jobdeck.jobs.code;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code jobdeck.jobs.definitions} and {@code jobdeck.jobs.definitions-mode}.
 *
 * @param definitions     a definitions file ({@code file:/etc/jobdeck/jobs.yaml}) or a folder of them ({@code .yaml},
 *                        {@code .yml}, {@code .json}), applied at every start; empty for none
 * @param definitionsMode merge (add and update) or replace (also delete the jobs the file lacks, in its groups)
 */
@ConfigurationProperties("jobdeck.jobs")
public record DefinitionsProperties(
        @Nullable String definitions, @DefaultValue("merge") ImportPlan.Mode definitionsMode) {}
