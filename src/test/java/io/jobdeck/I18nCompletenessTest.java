package io.jobdeck;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Every user-visible string exists in English and in Russian, and no Russian text is left in English. */
class I18nCompletenessTest {

    @Test
    void english_and_russian_bundles_have_the_same_keys() throws IOException {
        Properties en = load("messages.properties");
        Properties ru = load("messages_ru.properties");
        assertThat(ru.stringPropertyNames()).as("keys missing in Russian").containsAll(en.stringPropertyNames());
        assertThat(en.stringPropertyNames()).as("keys missing in English").containsAll(ru.stringPropertyNames());
    }

    @Test
    void no_translation_is_empty() throws IOException {
        for (String bundle : new String[] {"messages.properties", "messages_ru.properties"}) {
            Properties p = load(bundle);
            assertThat(p.stringPropertyNames())
                    .allSatisfy(k ->
                            assertThat(p.getProperty(k)).as(bundle + ": " + k).isNotBlank());
        }
    }

    private static Properties load(String name) throws IOException {
        Properties p = new Properties();
        try (InputStream in = I18nCompletenessTest.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }
}
