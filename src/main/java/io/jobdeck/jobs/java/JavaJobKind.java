package io.jobdeck.jobs.java;

import io.jobdeck.jobs.FieldProblem;
import io.jobdeck.jobs.JobDefinition;
import io.jobdeck.jobs.JobDetails;
import io.jobdeck.jobs.SelectableJob;
import io.jobdeck.jobs.internal.BaseJobKind;
import io.jobdeck.support.DisplayText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.quartz.Job;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The Java job type as the job services see it: which job ({@value #JOB}, see {@link JavaJobCatalog}) and its
 * parameters, each stored as a string under its own name. A bean runs through {@link BeanJob}; a declared Quartz class
 * runs as itself and reads its parameters from its job data.
 */
@Component
public class JavaJobKind extends BaseJobKind {

    /** The property naming the job: {@code bean:<name>} or {@code class:<name>}. */
    public static final String JOB = "java.job";

    /** The form field of a parameter, as problems name it (a parameter may be called "name" or "cron"). */
    public static String field(String parameter) {
        return "java.parameter." + parameter;
    }

    private final JavaJobCatalog catalog;

    public JavaJobKind(JavaJobCatalog catalog, MessageSource messages) {
        super(JobDefinition.JobType.JAVA, messages);
        this.catalog = catalog;
    }

    @Override
    public Class<? extends Job> jobClass(Map<String, String> data) {
        String id = data.getOrDefault(JOB, "");
        return id.startsWith(JavaJobCatalog.CLASS)
                ? catalog.quartzClass(id).orElseThrow(() -> new IllegalStateException("checked before"))
                : BeanJob.class;
    }

    @Override
    public boolean defines(Class<? extends Job> jobClass, Map<String, String> data) {
        String id = data.get(JOB);
        return id != null && (jobClass == BeanJob.class || id.equals(JavaJobCatalog.CLASS + jobClass.getName()));
    }

    @Override
    public List<FieldProblem> check(Map<String, String> data, Locale locale) {
        String id = data.getOrDefault(JOB, "").strip();
        if (id.isEmpty()) {
            return List.of(new FieldProblem(JOB, message("java.problem.jobMissing", locale)));
        }
        Optional<SelectableJob> job = catalog.find(id);
        if (job.isEmpty()) {
            return List.of(new FieldProblem(JOB, message("java.problem.jobUnknown", locale, id)));
        }
        return ParameterValues.parse(job.get().parameters(), data, true, JOB).problems().stream()
                .map(p -> p.parameter() == null
                        ? problem(JOB, "java.problem.unknownParameter", p.args(), locale)
                        : problem(field(p.parameter()), "java.problem." + p.code(), p.args(), locale))
                .toList();
    }

    @Override
    public Map<String, String> toData(Map<String, String> data) {
        SelectableJob job = job(data).orElseThrow(() -> new IllegalStateException("checked before"));
        Map<String, String> stored = new LinkedHashMap<>();
        stored.put(JOB, job.id());
        stored.putAll(ParameterValues.parse(job.parameters(), data, false, JOB).texts());
        return stored;
    }

    @Override
    public Map<String, String> toMaskedData(Map<String, String> stored) {
        Optional<SelectableJob> job = job(stored);
        Map<String, String> shown = new LinkedHashMap<>();
        stored.forEach((key, value) -> shown.put(
                key,
                // A job no longer here cannot say which values are secret: then none is shown.
                key.equals(JOB) || value.isEmpty() || job.isPresent() && !secret(job.get(), key) ? value : MASK));
        return shown;
    }

    @Override
    public Map<String, String> unmask(Map<String, String> edited, Map<String, String> stored) {
        Optional<SelectableJob> job = job(edited);
        Map<String, String> data = new LinkedHashMap<>(edited);
        if (job.isPresent() && job.get().id().equals(stored.get(JOB))) {
            edited.forEach((key, value) -> {
                if (value.strip().equals(MASK) && secret(job.get(), key) && stored.containsKey(key)) {
                    data.put(key, stored.get(key));
                }
            });
        }
        return data;
    }

    @Override
    public List<FieldProblem> maskedSecrets(Map<String, String> data, Locale locale) {
        Optional<SelectableJob> job = job(data);
        List<FieldProblem> problems = new ArrayList<>();
        job.ifPresent(j -> j.parameters().stream()
                .filter(p ->
                        p.secret() && data.getOrDefault(p.name(), "").strip().equals(MASK))
                .forEach(p -> problems.add(secretMasked(field(p.name()), p.name(), locale))));
        return problems;
    }

    @Override
    public String describe(Map<String, String> data) {
        Map<String, String> shown = toMaskedData(data);
        String title = job(data).map(SelectableJob::title).orElse(data.getOrDefault(JOB, ""));
        return "Java " + DisplayText.safe(title, 200) + " (" + DisplayText.safe(parameters(shown, ", "), 500) + ")";
    }

    @Override
    public List<JobDetails.Field> details(Map<String, String> data) {
        Map<String, String> shown = toMaskedData(data);
        String id = data.getOrDefault(JOB, "");
        List<JobDetails.Field> fields = new ArrayList<>();
        fields.add(new JobDetails.Field(
                "job.form.java.job",
                job(data).map(j -> j.title() + " (" + id + ")").orElse(id)));
        String parameters = parameters(shown, "\n");
        if (!parameters.isEmpty()) {
            fields.add(new JobDetails.Field("job.form.java.parameters", parameters));
        }
        return fields;
    }

    private static String parameters(Map<String, String> shown, String separator) {
        return shown.entrySet().stream()
                .filter(e -> !e.getKey().equals(JOB))
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(separator));
    }

    private static boolean secret(SelectableJob job, String key) {
        return job.parameters().stream().anyMatch(p -> p.secret() && p.name().equals(key));
    }

    private Optional<SelectableJob> job(Map<String, String> data) {
        return catalog.find(data.getOrDefault(JOB, "").strip());
    }
}
