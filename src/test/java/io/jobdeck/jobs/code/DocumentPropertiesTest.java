package io.jobdeck.jobs.code;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Whatever a document holds, reading it never fails but with problems: any text is either no YAML at all (one syntax
 * problem) or read field by field, every entry read unless a problem says why not; and every value that is no secret comes back from the export exactly as it was,
 * {@code ${} and all.
 */
class DocumentPropertiesTest {

    @Property(tries = 300)
    void a_plain_value_exported_and_read_back_is_the_same_value(@ForAll("values") String value) {
        String written = SecretReferences.export("g", "n", Map.of("k", value), Map.of("k", value))
                .get("k");
        Set<String> missing = new HashSet<>();

        assertThat(SecretReferences.resolve(written, name -> null, missing)).isEqualTo(value);
        assertThat(missing).isEmpty();
    }

    @Property(tries = 300)
    void any_text_is_refused_as_syntax_or_read_with_problems_never_an_exception(@ForAll("documents") String text) {
        JsonNode tree;
        try {
            tree = DocumentFormat.parse(text);
        } catch (JacksonException notYaml) {
            return; // the plan says so, as one problem at the document's root
        }
        List<String> problems = new ArrayList<>();
        DocumentReader.Read read = new DocumentReader((path, key, args) -> problems.add(path + " " + key)).read(tree);

        if (problems.isEmpty()) {
            assertThat(read.jobs()).as("without problems every job was read").doesNotContainNull();
            assertThat(read.calendars())
                    .as("without problems every calendar was read")
                    .doesNotContainNull();
        }
    }

    @Provide
    Arbitrary<String> values() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(50),
                Arbitraries.strings().withChars("${}$ab\n:=*").ofMaxLength(30),
                Arbitraries.of(
                        "${HOME}",
                        "$${HOME}",
                        "echo ${X} $$ ${",
                        "Authorization: ******",
                        "<b>&amp;</b>",
                        "日本語 ${ИМЯ}"));
    }

    @Provide
    Arbitrary<String> documents() {
        Arbitrary<String> pieces = Arbitraries.of(
                "version: 1\n",
                "version: 2\n",
                "version: x\n",
                "jobs:\n",
                "calendars:\n",
                "  - group: a\n",
                "    name: b\n",
                "    type: HTTP\n",
                "    type: [1, 2]\n",
                "    properties: {http.url: \"https://x.example.com\"}\n",
                "    properties: [1]\n",
                "    triggers: [{cron: \"0 0 3 * * ?\", zone: UTC}]\n",
                "    triggers: {a: 1}\n",
                "  - 42\n",
                "  - {name: c, kind: HOLIDAYS, zone: UTC, dates: [{}]}\n",
                "- \n",
                "{\"version\": 1, \"jobs\": [null]}",
                "\t\u0000<script>\n",
                "&anchor x\n",
                "*alias\n");
        return pieces.list().ofMaxSize(12).map(list -> String.join("", list));
    }
}
