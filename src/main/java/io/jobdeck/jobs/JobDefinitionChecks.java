package io.jobdeck.jobs;

import io.jobdeck.jobs.internal.JobKind;
import io.jobdeck.jobs.internal.JobKinds;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
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
        List<TriggerDefinition> triggers = definition.triggers();
        if (triggers.size() > JobDefinition.MAX_TRIGGERS) {
            problems.add(new FieldProblem("triggers", message("trigger.tooMany", locale, JobDefinition.MAX_TRIGGERS)));
        }
        for (int i = 0; i < triggers.size() && i < JobDefinition.MAX_TRIGGERS; i++) {
            TriggerDefinition trigger = triggers.get(i);
            for (FieldProblem p :
                    cron.check(trigger, trigger.zone(), null, locale).problems()) {
                problems.add(new FieldProblem(triggerField(i, p.field()), p.message()));
            }
        }
        return problems;
    }

    /** How a problem of the {@code index}th trigger's field is named: {@code cron} for the first, as ever. */
    public static String triggerField(int index, String field) {
        return index == 0 ? field : "trigger." + index + "." + field;
    }

    private void key(String field, String value, Locale locale, List<FieldProblem> problems) {
        String problem = keyProblem(value, messages, locale);
        if (problem != null) {
            problems.add(new FieldProblem(field, problem));
        }
    }

    /** What is wrong with a job's group or name, or a calendar's name; null if nothing. */
    static @Nullable String keyProblem(String value, MessageSource messages, Locale locale) {
        if (value.isBlank()) {
            return messages.getMessage("job.problem.required", null, locale);
        } else if (value.length() > MAX_KEY) {
            return messages.getMessage("job.problem.tooLong", new Object[] {MAX_KEY}, locale);
        } else if (!KEY.matcher(value).matches()) {
            return messages.getMessage("job.problem.key", null, locale);
        }
        return null;
    }

    private String message(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, locale);
    }
}
