package io.jobdeck.ui;

import com.vaadin.flow.i18n.I18NProvider;
import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.context.NoSuchMessageException;
import org.springframework.stereotype.Component;

/** Vaadin's translations, from the same {@code messages*.properties} bundles the services use. */
@Component
class TranslationProvider implements I18NProvider {

    static final List<Locale> LOCALES = List.of(Locale.ENGLISH, Locale.forLanguageTag("ru"));

    private final MessageSource messages;

    TranslationProvider(MessageSource messages) {
        this.messages = messages;
    }

    @Override
    public List<Locale> getProvidedLocales() {
        return LOCALES;
    }

    @Override
    public String getTranslation(String key, Locale locale, Object... params) {
        try {
            return messages.getMessage(key, params, locale);
        } catch (NoSuchMessageException e) {
            return "!" + key;
        }
    }
}
