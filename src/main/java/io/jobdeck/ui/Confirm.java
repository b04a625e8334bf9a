package io.jobdeck.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import io.jobdeck.support.DisplayText;

/**
 * Asks before something that cannot be undone. A plain dialog rather than ConfirmDialog, which always focuses its
 * confirm button: here Cancel has the focus, so that Enter does not go ahead.
 */
public final class Confirm {

    private Confirm() {}

    /** Asks before deleting the job {@code group.name}; {@code confirmed} runs only on Delete. */
    public static void deleteJob(String group, String name, Runnable confirmed) {
        UI ui = UI.getCurrent();
        open(
                "delete-dialog",
                "delete-cancel",
                "delete-confirm-button",
                ui.getTranslation("jobs.delete.confirm.title", DisplayText.safe(group + "." + name, 200)),
                ui.getTranslation("jobs.delete.confirm.text"),
                ui.getTranslation("jobs.delete.confirm.button"),
                confirmed);
    }

    /**
     * Asks {@code title} with {@code text}; {@code confirmed} runs only on the {@code action} button. The dialog's id
     * is {@code id}, its buttons' {@code id-cancel} and {@code id-confirm}.
     */
    public static void ask(String id, String title, String text, String action, Runnable confirmed) {
        open(id, id + "-cancel", id + "-confirm", title, text, action, confirmed);
    }

    private static void open(
            String id,
            String cancelId,
            String confirmId,
            String title,
            String text,
            String action,
            Runnable confirmed) {
        UI ui = UI.getCurrent();
        Dialog dialog = new Dialog();
        dialog.setId(id);
        dialog.setRole("alertdialog");
        dialog.setHeaderTitle(title);
        dialog.add(new Paragraph(text));
        Button cancel = new Button(ui.getTranslation("common.cancel"), e -> dialog.close());
        cancel.setId(cancelId);
        cancel.setAutofocus(true);
        // The dialog focuses itself once open; then Cancel takes the focus.
        dialog.addOpenedChangeListener(e -> {
            if (e.isOpened()) {
                cancel.focus();
            }
        });
        Button confirm = new Button(action, e -> {
            dialog.close();
            confirmed.run();
        });
        confirm.setId(confirmId);
        confirm.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(cancel, confirm);
        dialog.open();
    }
}
