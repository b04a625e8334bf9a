package io.jobdeck.jobs.shell;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobdeck.jobs.FieldProblem;
import io.jobdeck.testing.Messages;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the shell command fields accept, what each refusal says, and how secret variables stay secret. */
class ShellJobSpecTest {

    private final ShellJobKind kind =
            new ShellJobKind(new ShellJobProperties(true, Duration.ofSeconds(1)), Messages.bundle());

    @TempDir
    Path dir;

    @Test
    void each_wrong_field_says_what_is_wrong_with_it() {
        assertThat(problems(Map.of(ShellJobSpec.COMMAND, " \n \n")))
                .containsExactly(new FieldProblem(ShellJobSpec.COMMAND, "Enter the program to run"));
        assertThat(problems(Map.of(ShellJobSpec.COMMAND, "true", ShellJobSpec.TIMEOUT, "forever")))
                .containsExactly(new FieldProblem(
                        ShellJobSpec.TIMEOUT, "Write a timeout in seconds (600) or as an ISO-8601 duration (PT10M)"));
        assertThat(problems(Map.of(ShellJobSpec.COMMAND, "true", ShellJobSpec.TIMEOUT, "P2D")))
                .containsExactly(new FieldProblem(ShellJobSpec.TIMEOUT, "Between 1 second and 24 hours"));
        assertThat(problems(Map.of(ShellJobSpec.COMMAND, "true", ShellJobSpec.DIRECTORY, dir + "/nowhere")))
                .containsExactly(new FieldProblem(
                        ShellJobSpec.DIRECTORY, "There is no directory " + dir + "/nowhere on the server"));
        assertThat(problems(Map.of(ShellJobSpec.COMMAND, "true", ShellJobSpec.DIRECTORY, "tmp")))
                .containsExactly(new FieldProblem(ShellJobSpec.DIRECTORY, "Write an absolute path (starting with /)"));
        assertThat(problems(Map.of(ShellJobSpec.COMMAND, "true", ShellJobSpec.ENVIRONMENT, "OK=1\n1BAD=x\nOK=2")))
                .containsExactly(
                        new FieldProblem(
                                ShellJobSpec.ENVIRONMENT,
                                "Line 2: write a variable as NAME=value (letters, digits and _ in the name)"),
                        new FieldProblem(ShellJobSpec.ENVIRONMENT, "OK is set twice"));
        assertThat(problems(Map.of(ShellJobSpec.COMMAND, "echo\na\u0000b")))
                .containsExactly(
                        new FieldProblem(ShellJobSpec.COMMAND, "A NUL character cannot be passed to a process"));
        assertThat(problems(Map.of(ShellJobSpec.COMMAND, "true", ShellJobSpec.DIRECTORY, dir.toString())))
                .isEmpty();
    }

    @Test
    void secret_variables_are_masked_for_the_form_and_a_mask_left_keeps_the_stored_value() {
        Map<String, String> stored = kind.toData(Map.of(
                ShellJobSpec.COMMAND, "deploy",
                ShellJobSpec.ENVIRONMENT, "USER_NAME=bot\nTOKEN=s3cret",
                ShellJobSpec.SECRET_ENVIRONMENT, "TOKEN"));

        Map<String, String> shown = kind.toMaskedData(stored);

        assertThat(shown.get(ShellJobSpec.ENVIRONMENT)).isEqualTo("USER_NAME=bot\nTOKEN=******");
        assertThat(kind.describe(stored)).isEqualTo("shell deploy");
        Map<String, String> edited = new HashMap<>(shown);
        edited.put(ShellJobSpec.ENVIRONMENT, "USER_NAME=robot\nTOKEN=******");
        edited.put(ShellJobSpec.SECRET_ENVIRONMENT, "");
        Map<String, String> saved = kind.unmask(edited, stored);
        assertThat(saved.get(ShellJobSpec.ENVIRONMENT)).isEqualTo("USER_NAME=robot\nTOKEN=s3cret");
        assertThat(saved.get(ShellJobSpec.SECRET_ENVIRONMENT))
                .as("a value put back stays secret")
                .isEqualTo("TOKEN");
        assertThat(kind.maskedSecrets(saved, Locale.ENGLISH)).isEmpty();

        edited.put(ShellJobSpec.ENVIRONMENT, "OTHER=******");
        edited.put(ShellJobSpec.SECRET_ENVIRONMENT, "OTHER");
        assertThat(kind.maskedSecrets(kind.unmask(edited, stored), Locale.ENGLISH))
                .extracting(FieldProblem::message)
                .containsExactly("Enter the value of OTHER again: there is no stored value to keep");
    }

    private List<FieldProblem> problems(Map<String, String> data) {
        return kind.check(data, Locale.ENGLISH);
    }
}
