package io.jobdeck.jobs.code;

import io.jobdeck.support.Errors;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;

/**
 * {@code java -jar jobdeck.jar export [FILE]} and {@code import FILE [--dry-run] [--mode=merge|replace]}: runs the
 * command once the application is up (the scheduler still stopped, no HTTP port: see {@code Application}), then exits
 * with 0, 1 for a document with problems, or 2 for a wrong command. Without a command it does nothing.
 */
@Component
class DefinitionsCommand implements ApplicationRunner {

    static final List<String> COMMANDS = List.of("export", "import");
    private static final String USER = "command-line";

    private final JobsAsCode jobs;
    private final ApplicationContext context;

    DefinitionsCommand(JobsAsCode jobs, ApplicationContext context) {
        this.jobs = jobs;
        this.context = context;
    }

    @Override
    public void run(ApplicationArguments args) {
        List<String> words = args.getNonOptionArgs();
        if (words.isEmpty() || !COMMANDS.contains(words.getFirst())) {
            return;
        }
        List<String> modes = args.getOptionValues("mode");
        int code = execute(
                words,
                args.containsOption("dry-run"),
                modes == null || modes.isEmpty() ? null : modes.getFirst(),
                System.out,
                System.err);
        // Before the application is ready, so that the scheduler never starts for a command.
        System.exit(SpringApplication.exit(context, () -> code));
    }

    /** Runs one command, writing what it did to {@code out} and what went wrong to {@code err}; the exit code. */
    int execute(List<String> words, boolean dryRun, @Nullable String mode, PrintStream out, PrintStream err) {
        try {
            return switch (words.getFirst()) {
                case "export" -> export(words.size() > 1 ? Path.of(words.get(1)) : null, out);
                case "import" -> {
                    if (words.size() != 2) {
                        err.println("Usage: import FILE [--dry-run] [--mode=merge|replace]");
                        yield 2;
                    }
                    ImportPlan.Mode chosen = mode == null
                            ? ImportPlan.Mode.MERGE
                            : ImportPlan.Mode.valueOf(mode.toUpperCase(Locale.ROOT));
                    yield load(Path.of(words.get(1)), dryRun, chosen, out, err);
                }
                default -> 2;
            };
        } catch (IllegalArgumentException e) {
            err.println("--mode is merge or replace");
            return 2;
        } catch (IOException e) {
            err.println(Errors.describe(e));
            return 2;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof JobsAsCode.Invalid invalid) {
                invalid.problems().forEach(p -> err.println(p.path() + ": " + p.message()));
                err.println(invalid.problems().size() + " problem(s); nothing was imported");
                return 1;
            }
            err.println(Errors.describe(e));
            return 1;
        } catch (Exception e) {
            err.println(Errors.describe(e));
            return 1;
        }
    }

    private int export(@Nullable Path file, PrintStream out) throws Exception {
        DocumentFormat format = file == null ? DocumentFormat.YAML : DocumentFormat.of(file.toString());
        JobsAsCode.Export export = SystemUser.call(USER, () -> jobs.readExport(JobsAsCode.Selection.ALL, format))
                .toCompletableFuture()
                .get(10, TimeUnit.MINUTES);
        if (file == null) {
            out.print(export.text());
        } else {
            Files.writeString(file, export.text(), StandardCharsets.UTF_8);
            out.println("Exported " + export.jobs() + " jobs and " + export.calendars() + " calendars to " + file
                    + (export.skipped() > 0 ? " (" + export.skipped() + " jobs defined in code left out)" : ""));
        }
        return 0;
    }

    private int load(Path file, boolean dryRun, ImportPlan.Mode mode, PrintStream out, PrintStream err)
            throws Exception {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        ImportPlan plan = dryRun
                ? SystemUser.call(USER, () -> jobs.readPlan(text, mode, Locale.ENGLISH))
                        .toCompletableFuture()
                        .get(10, TimeUnit.MINUTES)
                : SystemUser.call(USER, () -> jobs.apply(text, mode, null, Locale.ENGLISH))
                        .toCompletableFuture()
                        .get(10, TimeUnit.MINUTES)
                        .plan();
        if (!plan.valid()) {
            plan.problems().forEach(p -> err.println(p.path() + ": " + p.message()));
            err.println(plan.problems().size() + " problem(s); nothing would be imported");
            return 1;
        }
        for (ImportPlan.Change c : plan.changes()) {
            if (c.action() != ImportPlan.Action.UNCHANGED) {
                out.println(c.action().name().toLowerCase(Locale.ROOT) + " "
                        + c.subject().name().toLowerCase(Locale.ROOT) + " " + c.key());
                c.fields().forEach(f -> out.println("    " + f.field() + ": " + f.before() + " → " + f.after()));
            }
        }
        out.println((dryRun ? "Dry run, nothing changed: " : "Imported: ") + plan.summary());
        return 0;
    }
}
