package io.jobdeck.jobs.ui;

import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.radiobutton.RadioGroupVariant;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import io.jobdeck.jobs.JobDefinitionChecks;
import io.jobdeck.jobs.RetryPolicy;
import io.jobdeck.ui.ConstraintBinder;
import io.jobdeck.ui.UserTime;
import jakarta.validation.Validator;
import java.util.EnumSet;
import java.util.List;

/**
 * The job form's "Retries" part: how many attempts a run gets, how long it waits before each retry (the same, or
 * doubling up to a longest wait, give or take a random part), and after which failures; with what that means in words
 * as it is typed. Only the number of attempts shows until there is more than one. A field's own rules are its
 * property's constraints ({@link ConstraintBinder}); what joins them (a longest wait shorter than the first, nothing to
 * retry) the service's checks, shown through the form.
 */
class RetryFields extends Composite<Div> {

    private final IntegerField maxAttempts = new IntegerField();
    private final RadioButtonGroup<RetryPolicy.Backoff> backoff = new RadioButtonGroup<>();
    private final DurationField delay = new DurationField("job-retry-delay");
    private final DurationField maxDelay = new DurationField("job-retry-maxDelay");
    private final IntegerField jitter = new IntegerField();
    private final CheckboxGroup<RetryPolicy.Failure> failures = new CheckboxGroup<>();
    private final TextField errorContains = new TextField();
    private final Paragraph words = new Paragraph();
    private final FormLayout more;

    private final ConstraintBinder<RetryPolicy> binder;

    RetryFields(JobForm form, Validator validator) {
        this.binder = new ConstraintBinder<>(RetryPolicy.class, validator);
        maxAttempts.setStepButtonsVisible(true);
        maxAttempts.setHelperText(getTranslation("retry.maxAttempts.help"));
        backoff.setItems(RetryPolicy.Backoff.values());
        backoff.addThemeVariants(RadioGroupVariant.LUMO_VERTICAL);
        backoff.setItemLabelGenerator(b -> getTranslation("retry.backoff." + b));
        backoff.setRenderer(ChoiceWithHelp.renderer(
                b -> getTranslation("retry.backoff." + b), b -> getTranslation("retry.backoff." + b + ".help")));
        maxDelay.setHelperText(getTranslation("retry.maxDelay.help"));
        jitter.setStepButtonsVisible(true);
        jitter.setHelperText(getTranslation("retry.jitter.help"));
        failures.setItems(RetryPolicy.Failure.values());
        failures.setItemLabelGenerator(f -> getTranslation("retry.failures." + f));
        errorContains.setPlaceholder("ConnectException");
        errorContains.setHelperText(getTranslation("retry.errorContains.help"));
        words.setId("job-retry-words");
        words.addClassName("jobdeck-cron-words");
        fill(RetryPolicy.NONE);

        form.field(maxAttempts, "retry.maxAttempts", "retry.maxAttempts");
        form.field(backoff, "retry.backoff", "retry.backoff");
        form.field(delay, "retry.delay", "retry.delay");
        form.field(maxDelay, JobDefinitionChecks.RETRY_MAX_DELAY, "retry.maxDelay");
        form.field(jitter, "retry.jitter", "retry.jitter");
        form.field(failures, JobDefinitionChecks.RETRY_FAILURES, "retry.failures");
        form.field(errorContains, "retry.errorContains", "retry.errorContains");
        // Their own rules are their properties' constraints; the longest wait's are judged with the first's, by the
        // service, so it shows the service's problems only.
        binder.forField(maxAttempts).bind("maxAttempts");
        binder.forField(delay).bind("delay");
        binder.forField(jitter).bind("jitter");
        binder.bindText(errorContains, "errorContains");
        List.of("retry.maxAttempts", "retry.delay", "retry.jitter", "retry.errorContains")
                .forEach(form::bound);
        List.of(maxAttempts, jitter).forEach(f -> f.addValueChangeListener(e -> show()));
        backoff.addValueChangeListener(e -> show());
        delay.addValueChangeListener(e -> show());
        maxDelay.addValueChangeListener(e -> show());
        failures.addValueChangeListener(e -> show());
        errorContains.addValueChangeListener(e -> show());

        Paragraph help = new Paragraph(getTranslation("job.form.retry.help"));
        help.addClassName("jobdeck-hint");
        more = new FormLayout(backoff, delay, maxDelay, jitter, failures, errorContains);
        more.setColspan(backoff, 2);
        getContent().add(help, new FormLayout(maxAttempts), more, words);
        show();
    }

    /** Shows a stored policy. */
    void fill(RetryPolicy policy) {
        maxAttempts.setValue(policy.maxAttempts());
        backoff.setValue(policy.backoff());
        delay.setValue(policy.delay());
        maxDelay.setValue(policy.maxDelay());
        jitter.setValue(policy.jitter());
        failures.setValue(
                policy.failures().isEmpty()
                        ? EnumSet.noneOf(RetryPolicy.Failure.class)
                        : EnumSet.copyOf(policy.failures()));
        errorContains.setValue(policy.errorContains());
    }

    /** What the fields say now, as a policy; an empty number of attempts is one, an empty jitter none. */
    RetryPolicy policy() {
        return new RetryPolicy(
                maxAttempts.getValue() == null ? 1 : maxAttempts.getValue(),
                backoff.getValue() == null ? RetryPolicy.Backoff.FIXED : backoff.getValue(),
                delay.getValue(),
                maxDelay.getValue(),
                jitter.getValue() == null ? 0 : jitter.getValue(),
                failures.getValue(),
                errorContains.getValue().strip());
    }

    /** Shows the problems of the fields with rules of their own, touched or not. */
    void validate() {
        binder.validate();
    }

    /** Only what the policy uses shows, and what it means in words. */
    private void show() {
        RetryPolicy policy = policy();
        more.setVisible(policy.retries());
        maxDelay.setVisible(policy.backoff() == RetryPolicy.Backoff.EXPONENTIAL);
        words.setText(RetryWords.describe(policy, this::getTranslation, UserTime.locale()));
    }
}
