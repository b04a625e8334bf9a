package io.jobdeck.jobs.internal;

import io.jobdeck.jobs.FieldProblem;
import io.jobdeck.jobs.JobDefinition;
import io.jobdeck.jobs.JobDetails;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.quartz.Job;

/**
 * One type of job defined in the browser ({@link JobDefinition.JobType}): how its string properties are checked,
 * stored, shown with secrets masked, and which Quartz job runs them. {@link io.jobdeck.jobs.JobDefinitions} works
 * through this only, so a new type is one implementation, not a change to every service method.
 */
public interface JobKind {

    /** What every secret value is shown as; left so in a form, the stored value stays. */
    String MASK = "******";

    JobDefinition.JobType type();

    /** False when the type is switched off on this server: the form does not offer it and saving is refused. */
    default boolean enabled() {
        return true;
    }

    /** The Quartz job that runs a definition with these (checked) properties. */
    Class<? extends Job> jobClass(Map<String, String> data);

    /** Whether a stored job, by its class and properties, is one of this type made in the browser. */
    boolean defines(Class<? extends Job> jobClass, Map<String, String> data);

    /** What is wrong with the properties, field by field, in the reader's language; empty when they can be saved. */
    List<FieldProblem> check(Map<String, String> data, Locale locale);

    /** The checked properties as stored: normalised, every value a string. */
    Map<String, String> toData(Map<String, String> data);

    /** Stored properties as a form shows them: every secret value {@link #MASK}. */
    Map<String, String> toMaskedData(Map<String, String> stored);

    /** Edited properties with each secret left as {@link #MASK} replaced by its {@code stored} value. */
    Map<String, String> unmask(Map<String, String> edited, Map<String, String> stored);

    /** The secrets still {@link #MASK} after {@link #unmask} (no stored value to keep), as field problems. */
    List<FieldProblem> maskedSecrets(Map<String, String> data, Locale locale);

    /** One line for the log and the audit trail, secrets masked. */
    String describe(Map<String, String> data);

    /** What the job's page shows, as (message key, value) pairs, secrets masked. */
    List<JobDetails.Field> details(Map<String, String> data);
}
