package io.jobdeck.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import io.jobdeck.support.DisplayText;

/**
 * Asks before deleting a job. A plain dialog rather than ConfirmDialog, which always focuses its confirm button: here
 * Cancel has the focus, so that Enter does not delete.
 */
public final class ConfirmDelete {

    private ConfirmDelete() {}

    /** Opens the question for the job {@code group.name}; {@code confirmed} runs only on Delete. */
    public static void job(String group, String name, Runnable confirmed) {
        UI ui = UI.getCurrent();
        Dialog dialog = new Dialog();
        dialog.setId("delete-dialog");
        dialog.setRole("alertdialog");
        dialog.setHeaderTitle(
                ui.getTranslation("jobs.delete.confirm.title", DisplayText.safe(group + "." + name, 200)));
        dialog.add(new Paragraph(ui.getTranslation("jobs.delete.confirm.text")));
        Button cancel = new Button(ui.getTranslation("common.cancel"), e -> dialog.close());
        cancel.setId("delete-cancel");
        cancel.setAutofocus(true);
        // The dialog focuses itself once open; then Cancel takes the focus.
        dialog.addOpenedChangeListener(e -> {
            if (e.isOpened()) {
                cancel.focus();
            }
        });
        Button confirm = new Button(ui.getTranslation("jobs.delete.confirm.button"), e -> {
            dialog.close();
            confirmed.run();
        });
        confirm.setId("delete-confirm-button");
        confirm.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(cancel, confirm);
        dialog.open();
    }
}
