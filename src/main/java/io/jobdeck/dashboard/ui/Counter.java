package io.jobdeck.dashboard.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;

/** A labelled number on the dashboard. */
class Counter extends Div {

    private final Span value = new Span("0");

    Counter(String id, String label) {
        setId(id);
        addClassName("jobdeck-counter");
        value.addClassName("value");
        Span caption = new Span(label);
        caption.addClassName("label");
        add(value, caption);
    }

    void set(String text) {
        if (!text.equals(value.getText())) {
            value.setText(text);
        }
    }
}
