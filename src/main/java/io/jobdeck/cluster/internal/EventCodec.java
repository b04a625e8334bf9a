package io.jobdeck.cluster.internal;

import io.jobdeck.events.JobOutcome;
import io.jobdeck.events.SchedulerEvent;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One node's events as {@code NOTIFY} payloads, and back. A payload is a JSON object naming the sending node once, its
 * sequence number (so that a receiver sees a lost payload as a gap), how many events the sender knows it lost, and the
 * events as short arrays: {@code {"n":"node-b-4242-m3x","s":17,"l":0,"e":[["S",fireId,group,name,firedAtMillis],...]}}.
 * A payload too large as plain JSON goes gzipped, as {@code z} followed by Base64. Times travel in milliseconds (Quartz
 * keeps no finer ones); free texts (an error, a progress message, a state's reason) are cut to {@link #MAX_TEXT}
 * characters, so that any one event fits in a payload whatever its names hold.
 */
final class EventCodec {

    /** What one payload carried. */
    record Packet(String node, long sequence, long lost, List<SchedulerEvent> events) {}

    static final int MAX_TEXT = 500;

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final char GZIPPED = 'z';
    /** Room for the sequence number and lost count, which are sized before they are known. */
    private static final int HEADROOM = 64;

    private EventCodec() {}

    /**
     * {@code events} (all from {@code node}) as payloads of at most {@code maxBytes} bytes of UTF-8 each, numbered from
     * {@code firstSequence} on; {@code lost} goes with the first. No events and nothing lost: no payload.
     */
    static List<String> encode(String node, long firstSequence, long lost, List<SchedulerEvent> events, int maxBytes) {
        List<ArrayNode> encoded = new ArrayList<>(events.size());
        for (SchedulerEvent event : events) {
            encoded.add(encode(event));
        }
        List<List<ArrayNode>> chunks = new ArrayList<>();
        if (encoded.isEmpty()) {
            if (lost > 0) {
                chunks.add(List.of());
            }
        } else {
            split(node, encoded, maxBytes - HEADROOM, chunks);
        }
        List<String> payloads = new ArrayList<>(chunks.size());
        long sequence = firstSequence;
        for (List<ArrayNode> chunk : chunks) {
            payloads.add(payload(node, sequence++, payloads.isEmpty() ? lost : 0, chunk, maxBytes - HEADROOM));
        }
        return payloads;
    }

    /** Cuts {@code events} into runs that each fit in {@code budget} bytes, in order. */
    private static void split(String node, List<ArrayNode> events, int budget, List<List<ArrayNode>> into) {
        int size = payload(node, Long.MAX_VALUE, 0, events, budget).getBytes(StandardCharsets.UTF_8).length;
        if (size <= budget || events.size() == 1) {
            into.add(events);
            return;
        }
        // Parts of about the right size at once (one more than the ratio says, as smaller parts compress worse); a part
        // that still does not fit is cut again.
        int parts = Math.min(events.size(), (int) Math.ceil((double) size / budget) + 1);
        int each = (events.size() + parts - 1) / parts;
        for (int from = 0; from < events.size(); from += each) {
            split(node, events.subList(from, Math.min(events.size(), from + each)), budget, into);
        }
    }

    /** Plain JSON while it fits in {@code plainUpTo} bytes, else gzipped. */
    private static String payload(String node, long sequence, long lost, List<ArrayNode> events, int plainUpTo) {
        ObjectNode root = JSON.createObjectNode();
        root.put("n", node);
        root.put("s", sequence);
        root.put("l", lost);
        ArrayNode array = root.putArray("e");
        events.forEach(array::add);
        String plain = JSON.writeValueAsString(root);
        if (plain.length() * 3 <= plainUpTo || plain.getBytes(StandardCharsets.UTF_8).length <= plainUpTo) {
            return plain;
        }
        return GZIPPED + Base64.getEncoder().encodeToString(gzip(plain));
    }

    /** The events a payload carries; throws {@link IllegalArgumentException} for anything else. */
    static Packet decode(String payload) {
        try {
            String json = !payload.isEmpty() && payload.charAt(0) == GZIPPED
                    ? gunzip(Base64.getDecoder().decode(payload.substring(1)))
                    : payload;
            JsonNode root = JSON.readTree(json);
            List<SchedulerEvent> events = new ArrayList<>();
            String node = text(root, "n");
            for (JsonNode event : required(root, "e")) {
                events.add(decode(node, event));
            }
            return new Packet(
                    node, required(root, "s").asLong(), required(root, "l").asLong(), List.copyOf(events));
        } catch (JacksonException
                | IOException
                | UncheckedIOException
                | IllegalStateException
                | IllegalArgumentException e) {
            throw new IllegalArgumentException("Not an events payload: " + e.getMessage(), e);
        }
    }

    private static ArrayNode encode(SchedulerEvent event) {
        ArrayNode a = JSON.createArrayNode();
        switch (event) {
            case SchedulerEvent.StateChanged e -> a.add("C").add(e.state()).add(cut(e.reason()));
            case SchedulerEvent.JobStarted e ->
                a.add("S")
                        .add(e.fireId())
                        .add(e.jobGroup())
                        .add(e.jobName())
                        .add(e.firedAt().toEpochMilli());
            case SchedulerEvent.JobFinished e ->
                a.add("F")
                        .add(e.fireId())
                        .add(e.jobGroup())
                        .add(e.jobName())
                        .add(e.firedAt().toEpochMilli())
                        .add(e.runTime().toMillis())
                        .add(e.outcome().name())
                        .add(cut(e.error()));
            case SchedulerEvent.TriggerMisfired e ->
                a.add("M").add(e.jobGroup()).add(e.jobName());
            case SchedulerEvent.JobsChanged e -> a.add("J");
            case SchedulerEvent.CatalogRefreshed e -> a.add("R");
            case SchedulerEvent.ProgressChanged e -> {
                a.add("P").add(e.fireId()).add(e.jobGroup()).add(e.jobName());
                if (e.fraction() == null) {
                    a.addNull();
                } else {
                    a.add(e.fraction());
                }
                a.add(e.done()).add(e.total()).add(cut(e.message()));
            }
            case SchedulerEvent.LogAppended e -> a.add("L").add(e.fireId()).add(e.length());
        }
        return a;
    }

    private static SchedulerEvent decode(String node, JsonNode a) {
        return switch (string(a, 0)) {
            case "C" -> new SchedulerEvent.StateChanged(node, string(a, 1), optional(a, 2));
            case "S" -> new SchedulerEvent.JobStarted(node, string(a, 1), string(a, 2), string(a, 3), instant(a, 4));
            case "F" ->
                new SchedulerEvent.JobFinished(
                        node,
                        string(a, 1),
                        string(a, 2),
                        string(a, 3),
                        instant(a, 4),
                        Duration.ofMillis(number(a, 5)),
                        JobOutcome.valueOf(string(a, 6)),
                        optional(a, 7));
            case "M" -> new SchedulerEvent.TriggerMisfired(node, string(a, 1), string(a, 2));
            case "J" -> new SchedulerEvent.JobsChanged(node);
            case "R" -> new SchedulerEvent.CatalogRefreshed(node);
            case "P" ->
                new SchedulerEvent.ProgressChanged(
                        node,
                        string(a, 1),
                        string(a, 2),
                        string(a, 3),
                        element(a, 4).isNull() ? null : element(a, 4).asDouble(),
                        number(a, 5),
                        number(a, 6),
                        optional(a, 7));
            case "L" -> new SchedulerEvent.LogAppended(node, string(a, 1), (int) number(a, 2));
            default -> throw new IllegalStateException("unknown event type " + string(a, 0));
        };
    }

    private static @Nullable String cut(@Nullable String text) {
        return text == null || text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT - 1) + "…";
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalStateException("no " + field);
        }
        return value;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = required(node, field);
        if (!value.isString()) {
            throw new IllegalStateException(field + " is not a string");
        }
        return value.stringValue();
    }

    private static JsonNode element(JsonNode array, int index) {
        JsonNode value = array.get(index);
        if (value == null) {
            throw new IllegalStateException("an event is too short");
        }
        return value;
    }

    private static String string(JsonNode array, int index) {
        JsonNode value = element(array, index);
        if (!value.isString()) {
            throw new IllegalStateException("element " + index + " is not a string");
        }
        return value.stringValue();
    }

    private static @Nullable String optional(JsonNode array, int index) {
        JsonNode value = element(array, index);
        return value.isNull() ? null : string(array, index);
    }

    private static long number(JsonNode array, int index) {
        JsonNode value = element(array, index);
        if (!value.isNumber()) {
            throw new IllegalStateException("element " + index + " is not a number");
        }
        return value.longValue();
    }

    private static Instant instant(JsonNode array, int index) {
        return Instant.ofEpochMilli(number(array, index));
    }

    private static byte[] gzip(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length() / 4);
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static String gunzip(byte[] bytes) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            // A payload is under 8 KB; what it inflates to is bounded too, so that a crafted one cannot fill memory.
            byte[] plain = in.readNBytes(MAX_INFLATED + 1);
            if (plain.length > MAX_INFLATED) {
                throw new IOException("inflates to more than " + MAX_INFLATED + " bytes");
            }
            return new String(plain, StandardCharsets.UTF_8);
        }
    }

    private static final int MAX_INFLATED = 4 << 20;
}
