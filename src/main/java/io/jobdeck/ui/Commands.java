package io.jobdeck.ui;

import com.vaadin.flow.component.UI;
import io.jobdeck.support.Errors;
import io.jobdeck.support.HasMessage;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;

/** Gives a command from a view and, once it is answered (by push), says what happened. */
public final class Commands {

    private Commands() {}

    /**
     * Gives the command {@code action}, named by the message key {@code what}; once answered, runs {@code answered}
     * (e.g. re-enables a button) inside {@code ui.access} and shows a notification: the result's own message
     * ({@link HasMessage}), "done", or what failed. A refusal by role is said at once.
     */
    public static void call(String what, Supplier<CompletionStage<?>> action, Runnable answered) {
        call(what, action, answered, () -> {});
    }

    /** As {@link #call(String, Supplier, Runnable)}, and then {@code succeeded} if the command succeeded. */
    public static void call(String what, Supplier<CompletionStage<?>> action, Runnable answered, Runnable succeeded) {
        UI ui = UI.getCurrent();
        String name = ui.getTranslation(what);
        CompletionStage<?> done;
        try {
            done = action.get();
        } catch (AccessDeniedException | AuthenticationException refused) {
            answered.run();
            Notifications.error(ui.getTranslation("access.denied"));
            return;
        }
        // If the tab has gone meanwhile, access() throws into this stage, which nobody reads: nothing to tell.
        done.whenComplete((result, error) -> ui.access(() -> {
            answered.run();
            if (error != null) {
                Notifications.error(ui.getTranslation("action.failed", Errors.describe(error)));
                return;
            }
            Notifications.success(
                    ui.getTranslation(result instanceof HasMessage told ? told.messageKey() : "action.done", name));
            succeeded.run();
        }));
    }
}
