package io.jobdeck.testing;

import jakarta.validation.Validator;
import org.springframework.boot.validation.MessageInterpolatorFactory;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.validation.beanvalidation.LocalValidatorFactoryBean;

/** The app's texts ({@code messages*.properties}) without a Spring context, as the services read them. */
public final class Messages {

    private Messages() {}

    /** The "messages" bundle, read as UTF-8; a locale it has no file for falls back to English, not the system's. */
    public static ResourceBundleMessageSource bundle() {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasename("messages");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        return messages;
    }

    /** Bean Validation as the app sets it up: constraint messages are keys of {@link #bundle()}. */
    public static Validator validator() {
        LocalValidatorFactoryBean validator = new LocalValidatorFactoryBean();
        validator.setMessageInterpolator(new MessageInterpolatorFactory(bundle()).getObject());
        validator.afterPropertiesSet();
        return validator;
    }
}
