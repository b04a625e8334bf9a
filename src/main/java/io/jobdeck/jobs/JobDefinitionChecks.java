package io.jobdeck.jobs;

import io.jobdeck.jobs.internal.JobKind;
import io.jobdeck.jobs.internal.JobKinds;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The rules a job definition must meet, field by field, with messages in the reader's language. Pure and quick: the
 * form runs them as the user types, and {@link JobDefinitions} runs them again on the server before it saves.
 */
@Component
public class JobDefinitionChecks {

    public static final int MAX_KEY = 80;
    /** Quartz's DESCRIPTION column holds 250 characters. */
    public static final int MAX_DESCRIPTION = 250;
    /** The field that names the job's type: a type switched off on this server is refused there. */
    public static final String TYPE = "type";

    /** Letters and digits of any script, then also spaces, dots, dashes and underscores. */
    private static final Pattern KEY = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N} ._-]*");

    private final CronPreview cron;
    private final JobKinds kinds;
    private final MessageSource messages;

    JobDefinitionChecks(CronPreview cron, JobKinds kinds, MessageSource messages) {
        this.cron = cron;
        this.kinds = kinds;
        this.messages = messages;
    }

    /** What is wrong with a definition, field by field; empty when it can be saved. */
    public List<FieldProblem> check(JobDefinition definition, Locale locale) {
        List<FieldProblem> problems = new ArrayList<>();
        key("group", definition.group(), locale, problems);
        key("name", definition.name(), locale, problems);
        if (definition.description().length() > MAX_DESCRIPTION) {
            problems.add(new FieldProblem("description", message("job.problem.tooLong", locale, MAX_DESCRIPTION)));
        }
        JobKind kind = kinds.of(definition.type());
        if (kind.enabled()) {
            problems.addAll(kind.check(definition.data(), locale));
        } else {
            problems.add(new FieldProblem(
                    TYPE,
                    message("job.problem.typeOff", locale, message("job.form.type." + definition.type(), locale))));
        }
        CronPreview.Check check = cron.check(definition.cron(), definition.zone(), definition.zone(), null, locale);
        if (!check.valid()) {
            problems.add(new FieldProblem("cron", String.valueOf(check.problem())));
        }
        return problems;
    }

    private void key(String field, String value, Locale locale, List<FieldProblem> problems) {
        if (value.isBlank()) {
            problems.add(new FieldProblem(field, message("job.problem.required", locale)));
        } else if (value.length() > MAX_KEY) {
            problems.add(new FieldProblem(field, message("job.problem.tooLong", locale, MAX_KEY)));
        } else if (!KEY.matcher(value).matches()) {
            problems.add(new FieldProblem(field, message("job.problem.key", locale)));
        }
    }

    private String message(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, locale);
    }
}
