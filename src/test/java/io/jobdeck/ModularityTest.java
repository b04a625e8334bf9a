package io.jobdeck;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * Spring Modulith's view of the code: each top-level package a module, its root the API, every sub-package private
 * to it; no module may reach into another's internals, and modules do not depend in a circle. The C4 diagrams it
 * draws are committed under {@code docs/architecture/} and must match the code: after a change of structure, run this
 * test with {@code -Djobdeck.update-docs=true} and commit the new diagrams.
 */
class ModularityTest {

    static final ApplicationModules MODULES = ApplicationModules.of(Application.class);
    static final Path COMMITTED = Path.of("docs/architecture");
    static final Path GENERATED = Path.of("target/spring-modulith-docs");

    @Test
    void modules_use_each_other_only_through_their_api_and_without_cycles() {
        MODULES.verify();
    }

    @Test
    void the_committed_module_diagrams_match_the_code() throws IOException {
        new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder(GENERATED.toString()))
                .writeModulesAsPlantUml()
                .writeIndividualModulesAsPlantUml();
        List<Path> diagrams = pumlFiles(GENERATED);
        assertThat(diagrams).isNotEmpty();
        if (Boolean.getBoolean("jobdeck.update-docs")) {
            Files.createDirectories(COMMITTED);
            for (Path old : pumlFiles(COMMITTED)) {
                Files.delete(old);
            }
            for (Path diagram : diagrams) {
                Files.copy(diagram, COMMITTED.resolve(diagram.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        assertThat(pumlFiles(COMMITTED).stream().map(p -> p.getFileName().toString()))
                .as("the committed diagrams are the ones the code gives (-Djobdeck.update-docs=true refreshes them)")
                .containsExactlyInAnyOrderElementsOf(
                        diagrams.stream().map(p -> p.getFileName().toString()).toList());
        for (Path diagram : diagrams) {
            // The same lines, in any order: the order of relations follows hashing, not meaning.
            assertThat(sortedLines(COMMITTED.resolve(diagram.getFileName())))
                    .as(diagram.getFileName() + " is current (-Djobdeck.update-docs=true refreshes it)")
                    .isEqualTo(sortedLines(diagram));
        }
    }

    private static List<String> sortedLines(Path file) throws IOException {
        return Files.readAllLines(file).stream().sorted().toList();
    }

    private static List<Path> pumlFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".puml")).sorted().toList();
        }
    }
}
