package io.jobdeck.cluster.internal;

import io.jobdeck.events.JobOutcome;
import io.jobdeck.events.SchedulerEvent;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
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
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * One node's events as {@code NOTIFY} payloads, and back. A payload is a JSON object naming the sending node once, its
 * sequence number (so that a receiver sees a lost payload as a gap), how many events the sender knows it lost, and the
 * events as short arrays: {@code {"n":"node-b-4242-m3x","s":17,"l":0,"e":[["S",fireId,group,name,firedAtMillis],...]}}.
 * Events too large as plain JSON go gzipped and in Base64 instead: {@code {"n":...,"s":17,"l":0,"z":"H4sI..."}}. Times
 * travel in milliseconds (Quartz keeps no finer ones); free texts (an error, a progress message, a state's reason) are
 * cut to {@link #MAX_TEXT} characters, so that any one event fits in a payload whatever its names hold.
 *
 * <p>It runs for every event a busy node sends and receives, so it streams: each event is written once, payloads are
 * put together from the written texts, and a received payload is read token by token.
 */
final class EventCodec {

    /** What one payload carried. */
    record Packet(String node, long sequence, long lost, List<SchedulerEvent> events) {}

    static final int MAX_TEXT = 500;

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Room for the sequence number and lost count, which are sized before they are known. */
    private static final int HEADROOM = 64;
    /** What a gzipped payload's events may inflate to, so that a crafted one cannot fill memory. */
    private static final int MAX_INFLATED = 4 << 20;

    private EventCodec() {}

    /** A run of events that fits in one payload: their JSON array, plain or gzipped. */
    private record Chunk(String events, boolean gzipped) {}

    /**
     * {@code events} (all from {@code node}) as payloads of at most {@code maxBytes} bytes of UTF-8 each, numbered from
     * {@code firstSequence} on; {@code lost} goes with the first. No events and nothing lost: no payload.
     */
    static List<String> encode(String node, long firstSequence, long lost, List<SchedulerEvent> events, int maxBytes) {
        String nodeJson = JSON.writeValueAsString(node);
        List<Chunk> chunks = new ArrayList<>();
        if (events.isEmpty()) {
            if (lost > 0) {
                chunks.add(new Chunk("[]", false));
            }
        } else {
            Written written = write(events);
            int budget = maxBytes - HEADROOM - utf8Length(header(nodeJson, 0, 0) + ",\"z\":\"\"}");
            split(written, 0, events.size(), budget, chunks);
        }
        List<String> payloads = new ArrayList<>(chunks.size());
        long sequence = firstSequence;
        for (Chunk chunk : chunks) {
            String header = header(nodeJson, sequence++, payloads.isEmpty() ? lost : 0);
            payloads.add(
                    chunk.gzipped()
                            ? header + ",\"z\":\"" + chunk.events() + "\"}"
                            : header + ",\"e\":" + chunk.events() + "}");
        }
        return payloads;
    }

    private static String header(String nodeJson, long sequence, long lost) {
        return "{\"n\":" + nodeJson + ",\"s\":" + sequence + ",\"l\":" + lost;
    }

    /** Each event's JSON array, and its size in UTF-8. */
    private record Written(List<String> texts, int[] bytes) {

        /** Events {@code [from, to)} as one JSON array, and its size in UTF-8. */
        String array(int from, int to) {
            return "[" + String.join(",", texts.subList(from, to)) + "]";
        }

        int arrayBytes(int from, int to) {
            int sum = 2 + (to - from - 1);
            for (int i = from; i < to; i++) {
                sum += bytes[i];
            }
            return sum;
        }
    }

    /** Writes every event once, with one generator. */
    private static Written write(List<SchedulerEvent> events) {
        StringWriter out = new StringWriter(events.size() * 96);
        List<String> texts = new ArrayList<>(events.size());
        int[] bytes = new int[events.size()];
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartArray();
            int start = 1;
            for (int i = 0; i < events.size(); i++) {
                write(g, events.get(i));
                g.flush();
                StringBuffer written = out.getBuffer();
                String text = written.substring(i == 0 ? start : start + 1); // after the comma between elements
                texts.add(text);
                bytes[i] = utf8Length(text);
                start = written.length();
            }
        }
        return new Written(texts, bytes);
    }

    /** Cuts events {@code [from, to)} into runs that each fit in {@code budget} bytes, in order. */
    private static void split(Written written, int from, int to, int budget, List<Chunk> into) {
        int plain = written.arrayBytes(from, to);
        if (plain <= budget) {
            into.add(new Chunk(written.array(from, to), false));
            return;
        }
        String zipped = Base64.getEncoder().encodeToString(gzip(written.array(from, to)));
        if (zipped.length() <= budget || to - from == 1) {
            into.add(new Chunk(zipped, true));
            return;
        }
        // Parts of about the right size at once (one more than the ratio says, as smaller parts compress worse); a part
        // that still does not fit is cut again.
        int count = to - from;
        int parts = Math.min(count, (int) Math.ceil((double) zipped.length() / budget) + 1);
        int each = (count + parts - 1) / parts;
        for (int at = from; at < to; at += each) {
            split(written, at, Math.min(to, at + each), budget, into);
        }
    }

    private static void write(JsonGenerator g, SchedulerEvent event) {
        g.writeStartArray();
        switch (event) {
            case SchedulerEvent.StateChanged e -> {
                g.writeString("C");
                g.writeString(e.state());
                text(g, cut(e.reason()));
            }
            case SchedulerEvent.JobStarted e -> {
                g.writeString("S");
                g.writeString(e.fireId());
                g.writeString(e.jobGroup());
                g.writeString(e.jobName());
                g.writeNumber(e.firedAt().toEpochMilli());
            }
            case SchedulerEvent.JobFinished e -> {
                g.writeString("F");
                g.writeString(e.fireId());
                g.writeString(e.jobGroup());
                g.writeString(e.jobName());
                g.writeNumber(e.firedAt().toEpochMilli());
                g.writeNumber(e.runTime().toMillis());
                g.writeString(e.outcome().name());
                text(g, cut(e.error()));
            }
            case SchedulerEvent.TriggerMisfired e -> {
                g.writeString("M");
                g.writeString(e.jobGroup());
                g.writeString(e.jobName());
            }
            case SchedulerEvent.JobsChanged e -> g.writeString("J");
            case SchedulerEvent.CatalogRefreshed e -> g.writeString("R");
            case SchedulerEvent.ProgressChanged e -> {
                g.writeString("P");
                g.writeString(e.fireId());
                g.writeString(e.jobGroup());
                g.writeString(e.jobName());
                if (e.fraction() == null) {
                    g.writeNull();
                } else {
                    g.writeNumber(e.fraction());
                }
                g.writeNumber(e.done());
                g.writeNumber(e.total());
                text(g, cut(e.message()));
            }
            case SchedulerEvent.LogAppended e -> {
                g.writeString("L");
                g.writeString(e.fireId());
                g.writeNumber(e.length());
            }
        }
        g.writeEndArray();
    }

    private static void text(JsonGenerator g, @Nullable String text) {
        if (text == null) {
            g.writeNull();
        } else {
            g.writeString(text);
        }
    }

    /** The events a payload carries; throws {@link IllegalArgumentException} for anything else. */
    static Packet decode(String payload) {
        try (JsonParser p = JSON.createParser(payload)) {
            expect(p.nextToken(), JsonToken.START_OBJECT, "a payload");
            String node = null;
            Long sequence = null;
            Long lost = null;
            List<List<Object>> raw = null;
            for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
                expect(t, JsonToken.PROPERTY_NAME, "a field");
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "n" -> {
                        expect(value, JsonToken.VALUE_STRING, "n");
                        node = p.getString();
                    }
                    case "s" -> {
                        expect(value, JsonToken.VALUE_NUMBER_INT, "s");
                        sequence = p.getLongValue();
                    }
                    case "l" -> {
                        expect(value, JsonToken.VALUE_NUMBER_INT, "l");
                        lost = p.getLongValue();
                    }
                    case "e" -> raw = arrays(p, value);
                    case "z" -> {
                        expect(value, JsonToken.VALUE_STRING, "z");
                        try (JsonParser inner =
                                JSON.createParser(gunzip(Base64.getDecoder().decode(p.getString())))) {
                            raw = arrays(inner, inner.nextToken());
                        }
                    }
                    default -> p.skipChildren();
                }
            }
            if (node == null || sequence == null || lost == null || raw == null) {
                throw new IllegalStateException("a field is missing");
            }
            List<SchedulerEvent> events = new ArrayList<>(raw.size());
            for (List<Object> event : raw) {
                events.add(decode(node, event));
            }
            return new Packet(node, sequence, lost, List.copyOf(events));
        } catch (JacksonException
                | IOException
                | UncheckedIOException
                | IllegalStateException
                | IllegalArgumentException e) {
            throw new IllegalArgumentException("Not an events payload: " + e.getMessage(), e);
        }
    }

    private static void expect(@Nullable JsonToken actual, JsonToken expected, String what) {
        if (actual != expected) {
            throw new IllegalStateException(what + " is not a " + expected);
        }
    }

    /** An array of events, each an array of strings, numbers and nulls, as read from {@code p} at {@code start}. */
    private static List<List<Object>> arrays(JsonParser p, @Nullable JsonToken start) {
        expect(start, JsonToken.START_ARRAY, "e");
        List<List<Object>> events = new ArrayList<>();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            expect(t, JsonToken.START_ARRAY, "an event");
            List<Object> values = new ArrayList<>(8);
            for (JsonToken v = p.nextToken(); v != JsonToken.END_ARRAY; v = p.nextToken()) {
                if (v == null) {
                    throw new IllegalStateException("an event is cut off");
                }
                values.add(
                        switch (v) {
                            case VALUE_STRING -> p.getString();
                            case VALUE_NUMBER_INT -> p.getLongValue();
                            case VALUE_NUMBER_FLOAT -> p.getDoubleValue();
                            case VALUE_NULL -> NULL;
                            default -> throw new IllegalStateException("an event holds " + v);
                        });
            }
            events.add(values);
        }
        return events;
    }

    /** A JSON null inside an event (lists of events hold no Java nulls). */
    private static final Object NULL = new Object();

    private static SchedulerEvent decode(String node, List<Object> a) {
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
                        element(a, 4) == NULL ? null : fraction(a, 4),
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

    private static Object element(List<Object> event, int index) {
        if (index >= event.size()) {
            throw new IllegalStateException("an event is too short");
        }
        return event.get(index);
    }

    private static String string(List<Object> event, int index) {
        if (!(element(event, index) instanceof String s)) {
            throw new IllegalStateException("element " + index + " is not a string");
        }
        return s;
    }

    private static @Nullable String optional(List<Object> event, int index) {
        return element(event, index) == NULL ? null : string(event, index);
    }

    private static long number(List<Object> event, int index) {
        if (!(element(event, index) instanceof Long n)) {
            throw new IllegalStateException("element " + index + " is not a whole number");
        }
        return n;
    }

    private static double fraction(List<Object> event, int index) {
        if (!(element(event, index) instanceof Number n)) {
            throw new IllegalStateException("element " + index + " is not a number");
        }
        return n.doubleValue();
    }

    private static Instant instant(List<Object> event, int index) {
        return Instant.ofEpochMilli(number(event, index));
    }

    private static int utf8Length(String text) {
        int bytes = text.length();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x80) {
                bytes += c < 0x800 ? 1 : Character.isSurrogate(c) ? 1 : 2; // a surrogate pair is 4 bytes in all
            }
        }
        return bytes;
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

    private static byte[] gunzip(byte[] bytes) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            byte[] plain = in.readNBytes(MAX_INFLATED + 1);
            if (plain.length > MAX_INFLATED) {
                throw new IOException("inflates to more than " + MAX_INFLATED + " bytes");
            }
            return plain;
        }
    }
}
