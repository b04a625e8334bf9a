package io.jobdeck.ui;

import com.vaadin.flow.component.HasValue;
import com.vaadin.flow.data.binder.Binder;
import com.vaadin.flow.data.binder.PropertyDefinition;
import com.vaadin.flow.data.binder.ValidationResult;
import io.jobdeck.support.Constraints;
import jakarta.validation.Validator;

/**
 * A {@link Binder} that checks each field by the Bean Validation constraints of the property it is bound to, as
 * Vaadin's {@code BeanValidationBinder} does, but with the app's validator: its messages are the app's texts, worded
 * in the UI's language, so a form says the same of a value as the service that saves it. A field shows its problem
 * next to it once its value changes, and all of them on {@link #validate()}.
 */
public class ConstraintBinder<T> extends Binder<T> {

    private final Class<T> type;
    private final Validator validator;

    public ConstraintBinder(Class<T> type, Validator validator) {
        super(type);
        this.type = type;
        this.validator = validator;
    }

    /** Binds a text field whose value counts without the spaces around it, as the services take it. */
    public Binding<T, String> bindText(HasValue<?, String> field, String property) {
        return forField(field).withConverter(String::strip, value -> value).bind(property);
    }

    @Override
    protected BindingBuilder<T, ?> configureBinding(BindingBuilder<T, ?> binding, PropertyDefinition<T, ?> definition) {
        String property = definition.getName();
        return binding.withValidator((value, context) ->
                Constraints.validateValue(
                                validator,
                                type,
                                property,
                                value,
                                context.getLocale().orElse(UserTime.locale()))
                        .stream()
                        .map(violation -> ValidationResult.error(violation.getMessage()))
                        .findFirst()
                        .orElse(ValidationResult.ok()));
    }
}
