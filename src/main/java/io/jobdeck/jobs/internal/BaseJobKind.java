package io.jobdeck.jobs.internal;

import io.jobdeck.jobs.FieldProblem;
import io.jobdeck.jobs.JobDefinition;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;

/** What every {@link JobKind} shares: its type, and its problems worded in the reader's language. */
public abstract class BaseJobKind implements JobKind {

    private final JobDefinition.JobType type;
    private final MessageSource messages;

    protected BaseJobKind(JobDefinition.JobType type, MessageSource messages) {
        this.type = type;
        this.messages = messages;
    }

    @Override
    public final JobDefinition.JobType type() {
        return type;
    }

    /** The message {@code key} in the reader's language. */
    protected final String message(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, locale);
    }

    /** A problem on {@code field} worded by the message {@code key}. */
    protected final FieldProblem problem(String field, String key, List<Object> args, Locale locale) {
        return new FieldProblem(field, message(key, locale, args.toArray()));
    }

    /** The problem that the {@code secret} on {@code field} is still {@link #MASK} with no stored value to keep. */
    protected final FieldProblem secretMasked(String field, String secret, Locale locale) {
        return new FieldProblem(field, message("job.problem.secretMasked", locale, secret));
    }

    /** A definition read from properties already checked: never null then. */
    protected static <S> S checked(@Nullable S spec) {
        if (spec == null) {
            throw new IllegalStateException("checked before");
        }
        return spec;
    }
}
