package io.jobdeck.jobs.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.HasHelper;
import com.vaadin.flow.component.HasLabel;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.HasValue;
import com.vaadin.flow.component.formlayout.FormLayout;
import io.jobdeck.jobs.JobDefinition;
import io.jobdeck.jobs.http.HttpJobSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The fields of one job type in {@link JobForm}: what the type's properties are as typed, filled from a stored
 * definition (secrets masked), and which component shows the problem of each property.
 */
abstract class TypeFields extends Composite<FormLayout> {

    /** Property name (as the services name it) to the field that shows its problem. */
    private final Map<String, HasValidation> byName = new LinkedHashMap<>();

    /** Property name to the field whose text is its value as typed (see {@link #text}). */
    private final Map<String, HasValue<?, String>> texts = new LinkedHashMap<>();

    private BiConsumer<String, Boolean> changed = (field, fromClient) -> {};

    abstract JobDefinition.JobType type();

    /** The message key of the part's title. */
    abstract String title();

    /** The type's properties as the fields say now. */
    abstract Map<String, String> data();

    /** Shows stored properties (their secrets masked). */
    abstract void fill(Map<String, String> data);

    final Map<String, HasValidation> byName() {
        return byName;
    }

    /** Called with a property's name (and whether a person changed it) whenever a field changes. */
    final void onChange(BiConsumer<String, Boolean> listener) {
        this.changed = listener;
    }

    /** Labels the field, gives it an id from its property, and reports its changes. */
    protected final <C extends Component & HasValue<?, ?> & HasLabel> C field(C component, String field, String label) {
        component.setLabel(label);
        component.setId("job-" + field.replace('.', '-'));
        if (component instanceof HasValidation validated) {
            byName.put(field, validated);
        }
        component.addValueChangeListener(e -> changed.accept(field, e.isFromClient()));
        return component;
    }

    /** A {@link #field} whose text is the property's value as typed: read by {@link #texts}, set by {@link #fillTexts}. */
    protected final <C extends Component & HasValue<?, String> & HasLabel> C text(
            C component, String field, String label) {
        texts.put(field, component);
        return field(component, field, label);
    }

    /** The {@link #text} fields' values by property, in the order the fields were added. */
    protected final Map<String, String> texts() {
        Map<String, String> data = new LinkedHashMap<>();
        texts.forEach((name, field) -> data.put(name, field.getValue()));
        return data;
    }

    /** Sets every {@link #text} field from {@code data}: empty when its property is not there. */
    protected final void fillTexts(Map<String, String> data) {
        texts.forEach((name, field) -> field.setValue(data.getOrDefault(name, "")));
    }

    /** Forgets a field that is no longer in the form. */
    protected final void drop(String field) {
        byName.remove(field);
    }

    /** Under a field that shows masked secrets: what leaving the mask does. */
    protected final <F extends HasHelper & HasValue<?, String>> void maskNote(F field) {
        if (field.getValue().contains(HttpJobSpec.MASK)) {
            field.setHelperText(getTranslation("job.form.masked", HttpJobSpec.MASK));
        }
    }
}
