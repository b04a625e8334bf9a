package io.jobdeck.jobs.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import java.util.function.Function;

/** A radio choice that says, under its label, in one sentence what it does. */
final class ChoiceWithHelp {

    private ChoiceWithHelp() {}

    static <T> ComponentRenderer<Div, T> renderer(Function<T, String> label, Function<T, String> help) {
        return new ComponentRenderer<>(item -> {
            Span sentence = new Span(help.apply(item));
            sentence.addClassName("jobdeck-hint");
            Div both = new Div(new Span(label.apply(item)), sentence);
            both.addClassName("jobdeck-choice");
            return both;
        });
    }
}
