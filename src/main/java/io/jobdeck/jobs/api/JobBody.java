package io.jobdeck.jobs.api;

import io.jobdeck.api.ApiProblem;
import io.jobdeck.jobs.JobDefinition;
import io.jobdeck.jobs.RetryPolicy;
import io.jobdeck.jobs.TriggerDefinition;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A job as the API reads and writes it: {@link JobDefinition}, with what may be left out defaulted. Secret values read
 * back masked ({@code ******}); sent back masked, they keep the stored value.
 */
@Schema(description = "A job: what it does (type and its properties), when (its triggers), and its retries")
record JobBody(
        @Schema(description = "Ignored on update: the path names the job", example = "reports") @Nullable
        String group,

        @Schema(description = "Ignored on update: the path names the job", example = "nightly") @Nullable
        String name,

        @Nullable String description,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) JobDefinition.@Nullable JobType type,

        @Schema(description = "The type's properties, e.g. url and method for HTTP; all strings") @Nullable
        Map<String, @Nullable String> data,

        @Nullable List<@Nullable TriggerBody> triggers,
        @Nullable RetryBody retry,

        @Schema(
                description =
                        "Run again on another node if its node dies while it runs (a cluster); false when left out")
        @Nullable
        Boolean rerunIfNodeDies) {

    static JobBody of(JobDefinition d) {
        return new JobBody(
                d.group(),
                d.name(),
                d.description(),
                d.type(),
                Map.<String, @Nullable String>copyOf(d.data()),
                d.triggers().stream()
                        .<@Nullable TriggerBody>map(TriggerBody::of)
                        .toList(),
                RetryBody.of(d.retry()),
                d.rerunIfNodeDies());
    }

    /**
     * The definition under {@code group} and {@code name}, or a 422 naming what is missing that the services' checks
     * cannot name themselves (the type, a trigger's kind, an entry without a value).
     */
    JobDefinition definition(String group, String name, String required) {
        List<ApiProblem.FieldError> missing = new ArrayList<>();
        if (type == null) {
            missing.add(new ApiProblem.FieldError("type", required));
        }
        Map<String, String> properties = new LinkedHashMap<>();
        Objects.requireNonNullElse(data, Map.<String, @Nullable String>of()).forEach((key, value) -> {
            if (value == null) {
                missing.add(new ApiProblem.FieldError("data." + key, required));
            } else {
                properties.put(key, value);
            }
        });
        List<TriggerDefinition> defined = new ArrayList<>();
        List<@Nullable TriggerBody> given = triggers == null ? List.of() : triggers;
        for (int i = 0; i < given.size(); i++) {
            TriggerBody t = given.get(i);
            if (t == null || t.kind() == null) {
                missing.add(new ApiProblem.FieldError("triggers[" + i + "].kind", required));
            } else {
                defined.add(t.definition(t.kind()));
            }
        }
        if (!missing.isEmpty() || type == null) {
            throw ApiProblem.invalid(missing);
        }
        return new JobDefinition(
                group,
                name,
                Objects.requireNonNullElse(description, ""),
                type,
                properties,
                defined,
                retry == null ? RetryPolicy.NONE : retry.policy(),
                Boolean.TRUE.equals(rerunIfNodeDies));
    }

    JobDefinition definition(String required) {
        return definition(Objects.requireNonNullElse(group, ""), Objects.requireNonNullElse(name, ""), required);
    }
}
