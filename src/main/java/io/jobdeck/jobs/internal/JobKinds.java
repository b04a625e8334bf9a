package io.jobdeck.jobs.internal;

import io.jobdeck.jobs.JobDefinition;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.quartz.Job;
import org.springframework.stereotype.Component;

/** Every job type defined in the browser, by its {@link JobDefinition.JobType}. */
@Component
public class JobKinds {

    private final Map<JobDefinition.JobType, JobKind> byType = new EnumMap<>(JobDefinition.JobType.class);

    JobKinds(List<JobKind> kinds) {
        kinds.forEach(kind -> byType.put(kind.type(), kind));
        for (JobDefinition.JobType type : JobDefinition.JobType.values()) {
            if (!byType.containsKey(type)) {
                throw new IllegalStateException("No job kind for " + type);
            }
        }
    }

    /** A fixed set of kinds, for tests and tools without a Spring context. */
    public static JobKinds of(JobKind... kinds) {
        return new JobKinds(List.of(kinds));
    }

    public JobKind of(JobDefinition.JobType type) {
        JobKind kind = byType.get(type);
        if (kind == null) {
            throw new IllegalStateException("every type has a kind");
        }
        return kind;
    }

    /** The type of a stored job made in the browser; empty for a job defined in code. */
    public Optional<JobKind> of(Class<? extends Job> jobClass, Map<String, String> data) {
        return byType.values().stream()
                .filter(kind -> kind.defines(jobClass, data))
                .findFirst();
    }
}
