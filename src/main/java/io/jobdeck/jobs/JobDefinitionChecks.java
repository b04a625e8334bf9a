package io.jobdeck.jobs;

import io.jobdeck.jobs.internal.JobKind;
import io.jobdeck.jobs.internal.JobKinds;
import io.jobdeck.support.Constraints;
import jakarta.validation.Validator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The rules a job definition must meet, field by field, with messages in the reader's language. Each field's own rules
 * are Bean Validation constraints on {@link JobDefinition} and {@link TriggerDefinition} (the form checks them through
 * Vaadin's {@code Binder} as they are typed); the type's properties are its {@link JobKind}'s to judge, and the rules
 * that join a trigger's fields {@link CronPreview}'s (and those joining a retry policy's, here). Pure and quick: the form runs them as the user types, and
 * {@link JobDefinitions} runs them again on the server before it saves.
 */
@Component
public class JobDefinitionChecks {

    /** The field that names the job's type: a type switched off on this server is refused there. */
    public static final String TYPE = "type";

    /** The fields of a retry policy that rules joining them name. */
    public static final String RETRY_FAILURES = "retry.failures";

    public static final String RETRY_MAX_DELAY = "retry.maxDelay";

    private final CronPreview cron;
    private final JobKinds kinds;
    private final MessageSource messages;
    private final Validator validator;

    JobDefinitionChecks(CronPreview cron, JobKinds kinds, MessageSource messages, Validator validator) {
        this.cron = cron;
        this.kinds = kinds;
        this.messages = messages;
        this.validator = validator;
    }

    /** What is wrong with a definition, field by field; empty when it can be saved. */
    public List<FieldProblem> check(JobDefinition definition, Locale locale) {
        List<FieldProblem> problems =
                new ArrayList<>(FieldProblem.of(Constraints.validate(validator, definition, locale)));
        JobKind kind = kinds.of(definition.type());
        if (kind.enabled()) {
            problems.addAll(kind.check(definition.data(), locale));
        } else {
            problems.add(new FieldProblem(
                    TYPE,
                    message("job.problem.typeOff", locale, message("job.form.type." + definition.type(), locale))));
        }
        problems.addAll(retryProblems(definition.retry(), locale));
        List<TriggerDefinition> triggers = definition.triggers();
        for (int i = 0; i < triggers.size() && i < JobDefinition.MAX_TRIGGERS; i++) {
            TriggerDefinition trigger = triggers.get(i);
            for (FieldProblem p :
                    cron.check(trigger, trigger.zone(), null, locale).problems()) {
                problems.add(new FieldProblem(triggerField(i, p.field()), p.message()));
            }
        }
        return problems;
    }

    /** What joins a retry policy's fields: something to retry, and a longest wait no shorter than the first. */
    private List<FieldProblem> retryProblems(RetryPolicy retry, Locale locale) {
        List<FieldProblem> problems = new ArrayList<>();
        if (!retry.retries()) {
            return problems;
        }
        if (retry.failures().isEmpty()) {
            problems.add(new FieldProblem(RETRY_FAILURES, message("retry.failures.none", locale)));
        }
        Duration first = retry.delay();
        Duration longest = retry.maxDelay();
        if (first != null && longest != null && longest.compareTo(first) < 0) {
            problems.add(new FieldProblem(RETRY_MAX_DELAY, message("retry.maxDelay.belowDelay", locale)));
        }
        return problems;
    }

    /** How a problem of the {@code index}th trigger's field is named: {@code cron} for the first, as ever. */
    public static String triggerField(int index, String field) {
        return index == 0 ? field : "trigger." + index + "." + field;
    }

    private String message(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, locale);
    }
}
