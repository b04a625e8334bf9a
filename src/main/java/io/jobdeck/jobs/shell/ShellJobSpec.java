package io.jobdeck.jobs.shell;

import io.jobdeck.jobs.internal.DurationInput;
import io.jobdeck.jobs.internal.JobKind;
import io.jobdeck.jobs.internal.NameValueLines;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * A shell command job's definition, stored as plain string properties (the keys below). The command is a list: the
 * program, then each argument, one per line, passed to the process as they are (spaces, {@code $HOME} and {@code ;}
 * included); nothing interprets them unless the command itself is a shell ({@code sh}, {@code -c}, {@code ...}).
 * Values of environment variables marked secret never appear in {@link #describe()}, the masked data, or the logged
 * output ({@link #scrub}).
 *
 * @param directory where the process starts; null: the server's working directory
 */
public record ShellJobSpec(
        List<String> command, @Nullable Path directory, List<Variable> environment, Duration timeout) {

    /** The program and its arguments, one per line; blank lines are skipped. */
    public static final String COMMAND = "shell.command";
    /** An absolute path to an existing directory, or empty. */
    public static final String DIRECTORY = "shell.directory";
    /** One variable per line, {@code NAME=value}; added to the server's own environment. */
    public static final String ENVIRONMENT = "shell.environment";
    /** Comma-separated names of the variables whose values are secret. */
    public static final String SECRET_ENVIRONMENT = "shell.secretEnvironment";
    /** ISO-8601 ({@code PT10M}) or whole seconds ({@code 600}). */
    public static final String TIMEOUT = "shell.timeout";

    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);
    public static final Duration MAX_TIMEOUT = Duration.ofHours(24);
    public static final int MAX_ARGUMENTS = 200;
    public static final int MAX_COMMAND = 100_000;
    public static final int MAX_VARIABLES = 100;
    public static final int MAX_DIRECTORY = 1_000;

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,99}");

    /** One environment variable; {@code secret} ones are masked wherever the definition or its output is shown. */
    public record Variable(String name, String value, boolean secret) {}

    /** What is wrong with one field: {@code code} names the message {@code shell.problem.<code>}, with arguments. */
    public record Problem(String field, String code, List<Object> args) {

        Problem(String field, String code, Object... args) {
            this(field, code, List.of(args));
        }
    }

    /** Either a definition or what is wrong with it, field by field. */
    public record Parsed(@Nullable ShellJobSpec spec, List<Problem> problems) {}

    public ShellJobSpec {
        command = List.copyOf(command);
        environment = List.copyOf(environment);
    }

    /** The command as one line, each argument with spaces or quotes in single quotes; secrets are never in it. */
    public String describe() {
        return command.stream().map(ShellJobSpec::quoted).collect(Collectors.joining(" "));
    }

    private static String quoted(String argument) {
        return argument.isEmpty() || argument.chars().anyMatch(c -> Character.isWhitespace(c) || c == '\'' || c == '"')
                ? "'" + argument.replace("'", "'\\''") + "'"
                : argument;
    }

    /** {@code text} with every secret value replaced by the mask: for output that goes to the log. */
    public String scrub(String text) {
        String scrubbed = text;
        for (Variable v : environment) {
            if (v.secret() && !v.value().isEmpty()) {
                scrubbed = scrubbed.replace(v.value(), JobKind.MASK);
            }
        }
        return scrubbed;
    }

    /** The definition as the job's string properties. */
    public Map<String, String> toData() {
        Map<String, String> data = new LinkedHashMap<>();
        data.put(COMMAND, String.join("\n", command));
        data.put(DIRECTORY, directory == null ? "" : directory.toString());
        data.put(
                ENVIRONMENT,
                environment.stream().map(v -> v.name() + "=" + v.value()).collect(Collectors.joining("\n")));
        data.put(
                SECRET_ENVIRONMENT,
                environment.stream()
                        .filter(Variable::secret)
                        .map(Variable::name)
                        .collect(Collectors.joining(",")));
        data.put(TIMEOUT, timeout.toString());
        return data;
    }

    /**
     * Stored properties as a form shows them, valid or not (a directory may have gone since): every value of a
     * variable marked secret is {@link JobKind#MASK}.
     */
    public static Map<String, String> masked(Map<String, ?> stored) {
        Set<String> secret = names(raw(stored, SECRET_ENVIRONMENT));
        Map<String, String> data = new LinkedHashMap<>();
        for (String key : List.of(COMMAND, DIRECTORY, ENVIRONMENT, SECRET_ENVIRONMENT, TIMEOUT)) {
            data.put(key, raw(stored, key));
        }
        data.put(
                ENVIRONMENT,
                raw(stored, ENVIRONMENT)
                        .lines()
                        .map(line -> {
                            int eq = line.indexOf('=');
                            return eq >= 0
                                            && secret.contains(
                                                    line.substring(0, eq).strip())
                                    ? line.substring(0, eq) + "=" + JobKind.MASK
                                    : line;
                        })
                        .collect(Collectors.joining("\n")));
        return data;
    }

    /**
     * An edited definition with each secret variable left as {@link JobKind#MASK} given its {@code stored} value (by
     * name); a variable put back stays secret. A mask with no stored value stays, and {@link #maskedSecrets} names it.
     */
    public static Map<String, String> unmask(Map<String, String> edited, ShellJobSpec stored) {
        Map<String, String> data = new LinkedHashMap<>(edited);
        String environment = data.get(ENVIRONMENT);
        if (environment == null) {
            return data;
        }
        Set<String> kept = new LinkedHashSet<>();
        data.put(
                ENVIRONMENT,
                environment
                        .lines()
                        .map(line -> {
                            int eq = line.indexOf('=');
                            if (eq < 0 || !line.substring(eq + 1).equals(JobKind.MASK)) {
                                return line;
                            }
                            String name = line.substring(0, eq).strip();
                            return stored.environment.stream()
                                    .filter(v -> v.secret() && v.name().equals(name))
                                    .findFirst()
                                    .map(v -> {
                                        kept.add(name);
                                        return name + "=" + v.value();
                                    })
                                    .orElse(line);
                        })
                        .collect(Collectors.joining("\n")));
        Set<String> secret = new LinkedHashSet<>(names(data.getOrDefault(SECRET_ENVIRONMENT, "")));
        if (secret.addAll(kept)) {
            data.put(SECRET_ENVIRONMENT, String.join(",", secret));
        }
        return data;
    }

    /** The secret variables whose value is still {@link JobKind#MASK}. */
    public List<String> maskedSecrets() {
        return environment.stream()
                .filter(v -> v.secret() && v.value().equals(JobKind.MASK))
                .map(Variable::name)
                .toList();
    }

    /** Reads a definition from the job's properties, checking every field; never throws. */
    public static Parsed parse(Map<String, ?> data) {
        List<Problem> problems = new ArrayList<>();
        List<String> command = command(raw(data, COMMAND), problems);
        Path directory = directory(raw(data, DIRECTORY).strip(), problems);
        List<Variable> environment =
                environment(raw(data, ENVIRONMENT), names(raw(data, SECRET_ENVIRONMENT)), problems);
        Duration timeout = timeout(raw(data, TIMEOUT).strip(), problems);
        if (!problems.isEmpty()) {
            return new Parsed(null, List.copyOf(problems));
        }
        return new Parsed(new ShellJobSpec(command, directory, environment, timeout), List.of());
    }

    private static String raw(Map<String, ?> data, String key) {
        Object value = data.get(key);
        return value == null ? "" : value.toString();
    }

    private static Set<String> names(String list) {
        return Pattern.compile(",")
                .splitAsStream(list)
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private static List<String> command(String text, List<Problem> problems) {
        if (text.length() > MAX_COMMAND) {
            problems.add(new Problem(COMMAND, "commandTooLong", MAX_COMMAND));
            return List.of();
        }
        List<String> command = text.lines().filter(line -> !line.isBlank()).toList();
        if (command.isEmpty()) {
            problems.add(new Problem(COMMAND, "commandMissing"));
        } else if (command.size() > MAX_ARGUMENTS) {
            problems.add(new Problem(COMMAND, "tooManyArguments", MAX_ARGUMENTS));
        } else if (command.stream().anyMatch(a -> a.indexOf('\u0000') >= 0)) {
            problems.add(new Problem(COMMAND, "nulCharacter"));
        }
        return command;
    }

    private static @Nullable Path directory(String text, List<Problem> problems) {
        if (text.isEmpty()) {
            return null;
        }
        if (text.length() > MAX_DIRECTORY) {
            problems.add(new Problem(DIRECTORY, "directoryTooLong", MAX_DIRECTORY));
            return null;
        }
        Path path;
        try {
            path = Path.of(text);
        } catch (InvalidPathException e) {
            problems.add(new Problem(DIRECTORY, "directoryInvalid"));
            return null;
        }
        if (!path.isAbsolute()) {
            problems.add(new Problem(DIRECTORY, "directoryRelative"));
        } else if (!Files.isDirectory(path)) {
            problems.add(new Problem(DIRECTORY, "directoryMissing", text));
        }
        return path;
    }

    private static List<Variable> environment(String text, Set<String> secret, List<Problem> problems) {
        List<Variable> variables = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (NameValueLines.Line line : NameValueLines.parse(text)) {
            String name = line.name();
            String value = line.value();
            if (!line.separated() || !NAME.matcher(name).matches()) {
                problems.add(new Problem(ENVIRONMENT, "variableLine", line.number()));
            } else if (!seen.add(name)) {
                problems.add(new Problem(ENVIRONMENT, "variableTwice", name));
            } else if (value.indexOf('\u0000') >= 0) {
                problems.add(new Problem(ENVIRONMENT, "nulCharacter"));
            } else {
                variables.add(new Variable(name, value, secret.contains(name)));
            }
        }
        if (variables.size() > MAX_VARIABLES) {
            problems.add(new Problem(ENVIRONMENT, "tooManyVariables", MAX_VARIABLES));
        }
        return variables;
    }

    private static Duration timeout(String text, List<Problem> problems) {
        if (text.isEmpty()) {
            return DEFAULT_TIMEOUT;
        }
        Duration timeout = DurationInput.parse(text).orElse(null);
        if (timeout == null) {
            problems.add(new Problem(TIMEOUT, "timeoutInvalid"));
            return DEFAULT_TIMEOUT;
        }
        if (timeout.compareTo(Duration.ofSeconds(1)) < 0 || timeout.compareTo(MAX_TIMEOUT) > 0) {
            problems.add(new Problem(TIMEOUT, "timeoutRange"));
        }
        return timeout;
    }
}
