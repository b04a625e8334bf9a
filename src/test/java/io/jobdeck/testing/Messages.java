package io.jobdeck.testing;

import org.springframework.context.support.ResourceBundleMessageSource;

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
}
