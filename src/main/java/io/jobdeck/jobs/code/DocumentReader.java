package io.jobdeck.jobs.code;

import io.jobdeck.jobs.JobCalendar;
import io.jobdeck.jobs.JobDefinition;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads a document's tree field by field, as far as it can, and says what is wrong with every field it cannot read
 * (an unknown field, a missing one, a list where text belongs), each with its path. An entry it cannot read is null in
 * its place, so that the paths of the others stay right.
 */
final class DocumentReader {

    /** Says a problem at a path: the message key and its arguments. */
    interface Problems {
        void add(String path, String key, Object... args);
    }

    /** The entries read, in document order, null where one could not be read. */
    record Read(
            List<DefinitionsDocument.@Nullable CalendarEntry> calendars,
            List<DefinitionsDocument.@Nullable JobEntry> jobs) {}

    private static final Set<String> ROOT = Set.of("version", "calendars", "jobs");
    private static final Set<String> CALENDAR =
            Set.of("name", "description", "kind", "zone", "dates", "from", "to", "onlyWithin", "cron");
    private static final Set<String> JOB =
            Set.of("group", "name", "description", "type", "properties", "triggers", "retry", "rerunIfNodeDies");
    private static final Set<String> RETRY =
            Set.of("maxAttempts", "backoff", "delay", "maxDelay", "jitter", "failures", "errorContains");
    private static final Set<String> TRIGGER = Set.of(
            "name",
            "cron",
            "every",
            "times",
            "at",
            "zone",
            "start",
            "end",
            "priority",
            "misfire",
            "calendar",
            "paused");

    private final Problems problems;

    DocumentReader(Problems problems) {
        this.problems = problems;
    }

    Read read(JsonNode root) {
        List<DefinitionsDocument.@Nullable CalendarEntry> calendars = new ArrayList<>();
        List<DefinitionsDocument.@Nullable JobEntry> jobs = new ArrayList<>();
        if (!root.isObject()) {
            problems.add("", "code.problem.notObject");
            return new Read(calendars, jobs);
        }
        Fields doc = new Fields(root, "", ROOT);
        Integer version = doc.integer("version", true);
        if (version != null && version != DefinitionsDocument.VERSION) {
            problems.add("version", "code.problem.version", version, DefinitionsDocument.VERSION);
            return new Read(calendars, jobs);
        }
        List<JsonNode> calendarNodes = doc.list("calendars");
        for (int i = 0; i < calendarNodes.size(); i++) {
            calendars.add(calendar(calendarNodes.get(i), "calendars[" + i + "]"));
        }
        List<JsonNode> jobNodes = doc.list("jobs");
        for (int i = 0; i < jobNodes.size(); i++) {
            jobs.add(job(jobNodes.get(i), "jobs[" + i + "]"));
        }
        return new Read(calendars, jobs);
    }

    private DefinitionsDocument.@Nullable CalendarEntry calendar(JsonNode node, String path) {
        if (!node.isObject()) {
            problems.add(path, "code.problem.notObject");
            return null;
        }
        Fields f = new Fields(node, path, CALENDAR);
        String name = f.text("name", true);
        String description = f.text("description", false);
        JobCalendar.Kind kind = f.choice("kind", JobCalendar.Kind.class, true);
        String zone = f.text("zone", true);
        List<String> dates = f.texts("dates");
        String from = f.text("from", false);
        String to = f.text("to", false);
        Boolean onlyWithin = f.bool("onlyWithin");
        String cron = f.text("cron", false);
        return name == null || kind == null || zone == null || f.failed
                ? null
                : new DefinitionsDocument.CalendarEntry(
                        name, description, kind, zone, dates, from, to, onlyWithin, cron);
    }

    private DefinitionsDocument.@Nullable JobEntry job(JsonNode node, String path) {
        if (!node.isObject()) {
            problems.add(path, "code.problem.notObject");
            return null;
        }
        Fields f = new Fields(node, path, JOB);
        String group = f.text("group", true);
        String name = f.text("name", true);
        String description = f.text("description", false);
        JobDefinition.JobType type = f.choice("type", JobDefinition.JobType.class, true);
        Map<String, String> properties = new LinkedHashMap<>();
        JsonNode props = node.get("properties");
        if (props != null && !props.isNull()) {
            if (!props.isObject()) {
                problems.add(path + ".properties", "code.problem.notObject");
                f.failed = true;
            } else {
                for (Map.Entry<String, JsonNode> e : props.properties()) {
                    String value = scalar(e.getValue(), path + ".properties." + e.getKey());
                    if (value == null) {
                        f.failed = true;
                    } else {
                        properties.put(e.getKey(), value);
                    }
                }
            }
        }
        List<DefinitionsDocument.TriggerEntry> triggers = new ArrayList<>();
        List<JsonNode> list = f.list("triggers");
        for (int i = 0; i < list.size(); i++) {
            DefinitionsDocument.TriggerEntry trigger = trigger(list.get(i), path + ".triggers[" + i + "]");
            if (trigger == null) {
                f.failed = true;
            } else {
                triggers.add(trigger);
            }
        }
        DefinitionsDocument.RetryEntry retry = null;
        JsonNode retryNode = node.get("retry");
        if (retryNode != null && !retryNode.isNull()) {
            retry = retry(retryNode, path + ".retry");
            f.failed |= retry == null;
        }
        Boolean rerunIfNodeDies = f.bool("rerunIfNodeDies");
        return group == null || name == null || type == null || f.failed
                ? null
                : new DefinitionsDocument.JobEntry(
                        group, name, description, type, properties, triggers, retry, rerunIfNodeDies);
    }

    private DefinitionsDocument.@Nullable RetryEntry retry(JsonNode node, String path) {
        if (!node.isObject()) {
            problems.add(path, "code.problem.notObject");
            return null;
        }
        Fields f = new Fields(node, path, RETRY);
        Integer maxAttempts = f.integer("maxAttempts", true);
        String backoff = f.text("backoff", false);
        String delay = f.text("delay", false);
        String maxDelay = f.text("maxDelay", false);
        Integer jitter = f.integer("jitter");
        List<String> failures = f.texts("failures");
        String errorContains = f.text("errorContains", false);
        return maxAttempts == null || f.failed
                ? null
                : new DefinitionsDocument.RetryEntry(
                        maxAttempts, backoff, delay, maxDelay, jitter, failures, errorContains);
    }

    private DefinitionsDocument.@Nullable TriggerEntry trigger(JsonNode node, String path) {
        if (!node.isObject()) {
            problems.add(path, "code.problem.notObject");
            return null;
        }
        Fields f = new Fields(node, path, TRIGGER);
        DefinitionsDocument.TriggerEntry trigger = new DefinitionsDocument.TriggerEntry(
                f.text("name", false),
                f.text("cron", false),
                f.text("every", false),
                f.integer("times", false),
                f.text("at", false),
                String.valueOf(f.text("zone", true)),
                f.text("start", false),
                f.text("end", false),
                f.integer("priority", false),
                f.text("misfire", false),
                f.text("calendar", false),
                f.bool("paused"));
        return f.failed ? null : trigger;
    }

    /** A scalar's text (numbers and booleans as written); null, with a problem, for a list or object. */
    private @Nullable String scalar(JsonNode node, String path) {
        if (node.isNull()) {
            return "";
        }
        if (!node.isValueNode()) {
            problems.add(path, "code.problem.notText");
            return null;
        }
        return node.asString();
    }

    /** One object's fields: unknown ones are problems at once; each one read says its own. */
    private final class Fields {

        private final JsonNode node;
        private final String path;
        boolean failed;

        Fields(JsonNode node, String path, Set<String> known) {
            this.node = node;
            this.path = path;
            for (String name : node.propertyNames()) {
                if (!known.contains(name)) {
                    problems.add(
                            at(name),
                            "code.problem.unknownField",
                            String.join(", ", known.stream().sorted().toList()));
                }
            }
        }

        private String at(String field) {
            return path.isEmpty() ? field : path + "." + field;
        }

        private @Nullable JsonNode value(String field, boolean required) {
            JsonNode value = node.get(field);
            if (value == null || value.isNull()) {
                if (required) {
                    problems.add(at(field), "code.problem.required");
                    failed = true;
                }
                return null;
            }
            return value;
        }

        @Nullable
        String text(String field, boolean required) {
            JsonNode value = value(field, required);
            if (value == null) {
                return null;
            }
            String text = scalar(value, at(field));
            if (text == null) {
                failed = true;
            }
            return text;
        }

        @Nullable
        Integer integer(String field, boolean required) {
            JsonNode value = value(field, required);
            if (value == null) {
                return null;
            }
            if (!value.isIntegralNumber() || !value.canConvertToInt()) {
                problems.add(at(field), "code.problem.notNumber");
                failed = true;
                return null;
            }
            return value.intValue();
        }

        @Nullable
        Integer integer(String field) {
            return integer(field, false);
        }

        @Nullable
        Boolean bool(String field) {
            JsonNode value = value(field, false);
            if (value == null) {
                return null;
            }
            if (!value.isBoolean()) {
                problems.add(at(field), "code.problem.notBoolean");
                failed = true;
                return null;
            }
            return value.booleanValue();
        }

        <E extends Enum<E>> @Nullable E choice(String field, Class<E> type, boolean required) {
            String text = text(field, required);
            if (text == null) {
                return null;
            }
            for (E e : type.getEnumConstants()) {
                if (e.name().equals(text.strip())) {
                    return e;
                }
            }
            problems.add(
                    at(field),
                    "code.problem.choice",
                    Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", ")));
            failed = true;
            return null;
        }

        /** A list of texts; null if the field is not there (an item that is not text is said and left out). */
        @Nullable
        List<String> texts(String field) {
            if (!node.has(field)) {
                return null;
            }
            List<String> texts = new ArrayList<>();
            List<JsonNode> list = list(field);
            for (int i = 0; i < list.size(); i++) {
                String text = scalar(list.get(i), at(field) + "[" + i + "]");
                if (text != null) {
                    texts.add(text);
                }
            }
            return texts;
        }

        List<JsonNode> list(String field) {
            JsonNode value = value(field, false);
            if (value == null) {
                return List.of();
            }
            if (!value.isArray()) {
                problems.add(at(field), "code.problem.notList");
                failed = true;
                return List.of();
            }
            return List.copyOf(value.values());
        }
    }
}
