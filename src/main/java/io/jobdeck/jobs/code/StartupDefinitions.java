package io.jobdeck.jobs.code;

import io.jobdeck.support.Errors;
import io.jobdeck.support.StartupRefusedException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Applies {@code jobdeck.jobs.definitions} (a file, or a folder of them read as one document) at every start, before
 * the scheduler starts, in {@code jobdeck.jobs.definitions-mode}; its jobs are then managed by it and edited there, not
 * in the browser. What it changed is logged as a difference. A file that cannot be read or has any problem stops the
 * start with one message that lists every problem, and nothing of it is applied.
 */
@Component
class StartupDefinitions {

    private static final Logger log = LoggerFactory.getLogger(StartupDefinitions.class);
    private static final Pattern ENTRY = Pattern.compile("^(calendars|jobs)\\[(\\d+)](.*)$", Pattern.DOTALL);
    private static final String USER = "definitions-file";

    private final DefinitionsProperties properties;
    private final JobsAsCode jobs;
    private final ResourceLoader resources;

    StartupDefinitions(DefinitionsProperties properties, JobsAsCode jobs, ResourceLoader resources) {
        this.properties = properties;
        this.jobs = jobs;
        this.resources = resources;
    }

    /** One file of the definitions and where its entries start in the document they make together. */
    private record Part(String file, int calendars, int jobs) {}

    @EventListener(ApplicationStartedEvent.class)
    void apply() {
        String location = properties.definitions();
        if (location == null || location.isBlank()) {
            return;
        }
        List<Part> parts = new ArrayList<>();
        String text = read(location.strip(), parts);
        ImportPlan plan;
        try {
            plan = SystemUser.call(
                            USER,
                            () -> jobs.apply(text, properties.definitionsMode(), location.strip(), Locale.ENGLISH)
                                    .toCompletableFuture()
                                    .get(10, TimeUnit.MINUTES))
                    .plan();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof JobsAsCode.Invalid invalid) {
                throw refused(
                        location,
                        invalid.problems().size() + " problem(s):\n"
                                + invalid.problems().stream()
                                        .map(p -> "      " + where(p.path(), parts) + ": " + p.message())
                                        .collect(Collectors.joining("\n")));
            }
            throw refused(location, Errors.describe(e));
        } catch (Exception e) {
            throw refused(location, Errors.describe(e));
        }
        log.info("Definitions {} applied: {}", location, plan.summary());
        plan.changes().stream()
                .filter(c -> c.action() != ImportPlan.Action.UNCHANGED)
                .forEach(c -> log.info(
                        "  {} {} {}{}",
                        c.subject().name().toLowerCase(Locale.ROOT),
                        c.key(),
                        c.action().name().toLowerCase(Locale.ROOT),
                        c.fields().stream()
                                .map(f -> "\n      " + f.field() + ": " + f.before() + " → " + f.after())
                                .collect(Collectors.joining())));
    }

    private static StartupRefusedException refused(String location, String why) {
        return new StartupRefusedException(
                "The job definitions in jobdeck.jobs.definitions = " + location + " cannot be applied: " + why,
                "Correct the definitions (the paths say where: jobs[3].triggers[0].cron is the first trigger of the"
                        + " fourth job) or unset jobdeck.jobs.definitions, then start again. Nothing of it was applied.");
    }

    /** The document the file is, or the one the folder's files make together (remembering which entry is whose). */
    private String read(String location, List<Part> parts) {
        try {
            Resource resource = resources.getResource(location);
            if (resource.isFile() && Files.isDirectory(resource.getFile().toPath())) {
                return combined(resource.getFile().toPath(), parts);
            }
            if (!resource.exists()) {
                throw refused(location, "there is no such file");
            }
            return resource.getContentAsString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw refused(location, Errors.describe(e));
        }
    }

    private String combined(Path folder, List<Part> parts) throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(folder)) {
            files = list.filter(p -> p.getFileName().toString().matches("(?i).*\\.(ya?ml|json)"))
                    .sorted()
                    .toList();
        }
        ObjectNode all = JsonNodeFactory.instance.objectNode();
        all.put("version", DefinitionsDocument.VERSION);
        ArrayNode calendars = all.putArray("calendars");
        ArrayNode jobNodes = all.putArray("jobs");
        for (Path file : files) {
            JsonNode tree;
            try {
                tree = DocumentFormat.parse(Files.readString(file));
            } catch (JacksonException e) {
                throw refused(file.toString(), Errors.describe(e));
            }
            if (!tree.isObject()
                    || !tree.path("version").isIntegralNumber()
                    || tree.path("version").intValue() != DefinitionsDocument.VERSION
                    || tree.propertyNames().stream()
                            .anyMatch(n ->
                                    !List.of("version", "calendars", "jobs").contains(n))) {
                throw refused(
                        file.toString(), "not a definitions document (version: 1, calendars: [...], jobs: [...])");
            }
            parts.add(new Part(file.getFileName().toString(), calendars.size(), jobNodes.size()));
            tree.path("calendars").values().forEach(calendars::add);
            tree.path("jobs").values().forEach(jobNodes::add);
        }
        return DocumentFormat.JSON.write(all);
    }

    /** A path in the combined document as the path in its own file ({@code b.yaml: jobs[0].name}). */
    private static String where(String path, List<Part> parts) {
        Matcher m = ENTRY.matcher(path);
        if (parts.isEmpty() || !m.matches()) {
            return path;
        }
        int index = Integer.parseInt(m.group(2));
        boolean calendar = m.group(1).equals("calendars");
        Part owner = parts.getFirst();
        for (Part part : parts) {
            if ((calendar ? part.calendars() : part.jobs()) <= index) {
                owner = part;
            }
        }
        return owner.file() + ": " + m.group(1) + "[" + (index - (calendar ? owner.calendars() : owner.jobs())) + "]"
                + m.group(3);
    }
}
