package io.jobdeck.jobs.shell;

import io.jobdeck.jobs.FieldProblem;
import io.jobdeck.jobs.JobDefinition;
import io.jobdeck.jobs.JobDetails;
import io.jobdeck.jobs.internal.BaseJobKind;
import io.jobdeck.support.DisplayText;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.quartz.Job;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/** The shell command type as the job services see it: {@link ShellJobSpec} run by {@link ShellCommandJob}. */
@Component
public class ShellJobKind extends BaseJobKind {

    private final ShellJobProperties properties;

    public ShellJobKind(ShellJobProperties properties, MessageSource messages) {
        super(JobDefinition.JobType.SHELL, messages);
        this.properties = properties;
    }

    @Override
    public boolean enabled() {
        return properties.enabled();
    }

    @Override
    public Class<? extends Job> jobClass(Map<String, String> data) {
        return ShellCommandJob.class;
    }

    @Override
    public boolean defines(Class<? extends Job> jobClass, Map<String, String> data) {
        return jobClass == ShellCommandJob.class;
    }

    @Override
    public List<FieldProblem> check(Map<String, String> data, Locale locale) {
        return ShellJobSpec.parse(data).problems().stream()
                .map(p -> problem(p.field(), "shell.problem." + p.code(), p.args(), locale))
                .toList();
    }

    @Override
    public Map<String, String> toData(Map<String, String> data) {
        return checked(data).toData();
    }

    @Override
    public Map<String, String> toMaskedData(Map<String, String> stored) {
        return ShellJobSpec.masked(stored);
    }

    @Override
    public Map<String, String> unmask(Map<String, String> edited, Map<String, String> stored) {
        ShellJobSpec spec = spec(stored);
        return spec == null ? edited : ShellJobSpec.unmask(edited, spec);
    }

    @Override
    public List<FieldProblem> maskedSecrets(Map<String, String> data, Locale locale) {
        ShellJobSpec spec = spec(data);
        List<FieldProblem> problems = new ArrayList<>();
        if (spec != null) {
            for (String secret : spec.maskedSecrets()) {
                problems.add(secretMasked(ShellJobSpec.ENVIRONMENT, secret, locale));
            }
        }
        return problems;
    }

    @Override
    public String describe(Map<String, String> data) {
        return "shell " + DisplayText.safe(checked(data).describe(), 500);
    }

    @Override
    public List<JobDetails.Field> details(Map<String, String> data) {
        Map<String, String> shown = ShellJobSpec.masked(data);
        List<JobDetails.Field> fields = new ArrayList<>();
        for (String key :
                List.of(ShellJobSpec.COMMAND, ShellJobSpec.DIRECTORY, ShellJobSpec.ENVIRONMENT, ShellJobSpec.TIMEOUT)) {
            String value = shown.getOrDefault(key, "");
            if (!value.isBlank()) {
                fields.add(new JobDetails.Field("job.form." + key, value));
            }
        }
        return fields;
    }

    private @Nullable ShellJobSpec spec(Map<String, String> data) {
        return ShellJobSpec.parse(data).spec();
    }

    private ShellJobSpec checked(Map<String, String> data) {
        return checked(spec(data));
    }
}
