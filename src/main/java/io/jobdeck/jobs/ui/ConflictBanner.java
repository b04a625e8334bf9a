package io.jobdeck.jobs.ui;

import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import io.jobdeck.jobs.JobDefinitions;

/**
 * Says that what a form edits changed (or went) after the form read it, so nothing was saved, with a button that
 * reloads the page to start again from what is stored now. Hidden until {@link #show}.
 */
class ConflictBanner extends Composite<Div> {

    private final Span text = new Span();

    /** With the id {@code id}, and {@code id + "-reload"} for its button. */
    ConflictBanner(String id) {
        Div banner = getContent();
        banner.setId(id);
        banner.addClassName("jobdeck-conflict");
        banner.getElement().setAttribute("role", "alert");
        Button reload = new Button(
                getTranslation("job.form.conflict.reload"),
                e -> UI.getCurrent().getPage().reload());
        reload.setId(id + "-reload");
        reload.addThemeVariants(ButtonVariant.LUMO_SMALL);
        banner.add(VaadinIcon.WARNING.create(), text, reload);
        setVisible(false);
    }

    /** Shows the banner with what {@code changed} says (as text). */
    void show(JobDefinitions.Changed changed) {
        text.setText(changed.getMessage());
        setVisible(true);
    }
}
