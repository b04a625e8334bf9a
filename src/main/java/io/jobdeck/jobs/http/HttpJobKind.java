package io.jobdeck.jobs.http;

import io.jobdeck.jobs.FieldProblem;
import io.jobdeck.jobs.JobDefinition;
import io.jobdeck.jobs.JobDetails;
import io.jobdeck.jobs.internal.BaseJobKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.quartz.Job;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/** The HTTP request type as the job services see it: {@link HttpJobSpec} run by {@link HttpRequestJob}. */
@Component
public class HttpJobKind extends BaseJobKind {

    private final HttpJobProperties properties;

    public HttpJobKind(HttpJobProperties properties, MessageSource messages) {
        super(JobDefinition.JobType.HTTP, messages);
        this.properties = properties;
    }

    @Override
    public Class<? extends Job> jobClass(Map<String, String> data) {
        return HttpRequestJob.class;
    }

    @Override
    public boolean defines(Class<? extends Job> jobClass, Map<String, String> data) {
        return jobClass == HttpRequestJob.class && spec(data) != null;
    }

    @Override
    public List<FieldProblem> check(Map<String, String> data, Locale locale) {
        return HttpJobSpec.parse(data, properties).problems().stream()
                .map(p -> problem(p.field(), "http.problem." + p.code(), p.args(), locale))
                .toList();
    }

    @Override
    public Map<String, String> toData(Map<String, String> data) {
        return checked(data).toData();
    }

    @Override
    public Map<String, String> toMaskedData(Map<String, String> stored) {
        return checked(stored).toMaskedData();
    }

    @Override
    public Map<String, String> unmask(Map<String, String> edited, Map<String, String> stored) {
        HttpJobSpec spec = spec(stored);
        return spec == null ? edited : HttpJobSpec.unmask(edited, spec);
    }

    @Override
    public List<FieldProblem> maskedSecrets(Map<String, String> data, Locale locale) {
        HttpJobSpec spec = spec(data);
        List<FieldProblem> problems = new ArrayList<>();
        if (spec != null) {
            for (String secret : spec.maskedSecrets()) {
                String field = data.getOrDefault(HttpJobSpec.HEADERS, "").contains(secret + ":")
                        ? HttpJobSpec.HEADERS
                        : HttpJobSpec.URL;
                problems.add(secretMasked(field, secret, locale));
            }
        }
        return problems;
    }

    @Override
    public String describe(Map<String, String> data) {
        return "HTTP " + checked(data).describe();
    }

    @Override
    public List<JobDetails.Field> details(Map<String, String> data) {
        HttpJobSpec spec = spec(data);
        List<JobDetails.Field> fields = new ArrayList<>();
        if (spec != null) {
            fields.add(new JobDetails.Field("job.form.http.method", spec.method()));
            fields.add(new JobDetails.Field("job.form.http.url", spec.maskedUrl()));
            if (!spec.headers().isEmpty()) {
                fields.add(new JobDetails.Field("job.form.http.headers", spec.shownHeaders()));
            }
            if (!spec.body().isEmpty()) {
                fields.add(new JobDetails.Field("job.form.http.body", spec.body()));
            }
            fields.add(
                    new JobDetails.Field("job.form.http.timeout", spec.timeout().toString()));
            fields.add(new JobDetails.Field("job.form.http.expected", spec.expectedText()));
        }
        return fields;
    }

    private @Nullable HttpJobSpec spec(Map<String, String> data) {
        return HttpJobSpec.parse(data, properties).spec();
    }

    private HttpJobSpec checked(Map<String, String> data) {
        return checked(spec(data));
    }
}
