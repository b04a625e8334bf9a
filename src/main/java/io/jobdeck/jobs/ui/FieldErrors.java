package io.jobdeck.jobs.ui;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import io.jobdeck.jobs.FieldProblem;
import io.jobdeck.jobs.JobDefinitions;
import io.jobdeck.support.Errors;
import io.jobdeck.ui.ConstraintBinder;
import io.jobdeck.ui.Notifications;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Which field of a form shows which problem. Fields are registered under the names the services give their problems
 * ({@code name}, {@code trigger.1.cron}); each shows its first problem once touched (changed by the user, or all of
 * them on save). A field bound to a {@link ConstraintBinder} shows the problems of its own rules through the binder as
 * it changes; here only those the server alone could find (a name taken meanwhile).
 */
final class FieldErrors {

    private final Map<String, HasValidation> fields = new LinkedHashMap<>();
    private final Set<String> touched = new HashSet<>();
    private final Set<String> bound = new HashSet<>();

    void add(String name, HasValidation field) {
        fields.put(name, field);
    }

    /** Says that a binder shows the problems of {@code name}'s own rules as it changes. */
    void bound(String name) {
        bound.add(name);
    }

    void touched(String name) {
        touched.add(name);
    }

    /** Forgets the fields no longer in the form. */
    void forget(Predicate<String> which) {
        fields.keySet().removeIf(which);
        bound.removeIf(which);
    }

    /** Every field counts as touched: its problems show (the form is being sent). */
    void touchAll(Collection<String> more) {
        touched.addAll(fields.keySet());
        touched.addAll(more);
    }

    /**
     * Shows each touched field's first problem, on these fields and on {@code more} (fields that come and go, such as
     * a job type's); a bound field's only when the server found it.
     */
    void show(List<FieldProblem> problems, boolean fromServer, Map<String, HasValidation> more) {
        Map<String, String> first = new LinkedHashMap<>();
        problems.forEach(p -> first.putIfAbsent(p.field(), p.message()));
        Map<String, HasValidation> shown = new LinkedHashMap<>(fields);
        shown.putAll(more);
        shown.forEach((name, field) -> {
            if (bound.contains(name) && !(fromServer && first.containsKey(name))) {
                return;
            }
            String message = touched.contains(name) ? first.get(name) : null;
            field.setErrorMessage(message);
            field.setInvalid(message != null);
        });
    }

    /**
     * Waits, off the request thread, for what a form sent; once answered (by push) the button is usable again, and
     * either {@code saved} runs, or {@code refused} gets the fields' problems, or the banner says that the thing
     * changed meanwhile (nothing was saved), or a notification says what failed (message {@code failedKey}).
     */
    static <T> void send(
            Button button,
            ConflictBanner conflict,
            CompletionStage<T> pending,
            Consumer<T> saved,
            Consumer<List<FieldProblem>> refused,
            String failedKey) {
        UI ui = UI.getCurrent();
        button.setEnabled(false);
        conflict.setVisible(false);
        pending.whenComplete((result, error) -> ui.access(() -> {
            button.setEnabled(true);
            Throwable cause =
                    error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            if (cause == null) {
                saved.accept(result);
            } else if (cause instanceof JobDefinitions.Refused r) {
                refused.accept(r.problems());
            } else if (cause instanceof JobDefinitions.Changed changed) {
                conflict.show(changed);
            } else {
                Notifications.error(button.getTranslation(failedKey, Errors.describe(cause)));
            }
        }));
    }
}
