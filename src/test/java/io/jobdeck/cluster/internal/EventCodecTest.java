package io.jobdeck.cluster.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jobdeck.cluster.ClusterNotifications;
import io.jobdeck.events.JobOutcome;
import io.jobdeck.events.SchedulerEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventCodecTest {

    private static final String NODE = "node-b-4242-m3xq1k2z";
    private static final int LIMIT = ClusterNotifications.MAX_PAYLOAD_BYTES;
    private static final Instant AT = Instant.parse("2026-12-07T06:30:00.123Z");

    @Test
    void every_kind_of_event_comes_back_as_it_was_sent() {
        List<SchedulerEvent> events = List.of(
                new SchedulerEvent.StateChanged(NODE, "RUNNING", null),
                new SchedulerEvent.StateChanged(NODE, "DEGRADED", "The database does not answer"),
                new SchedulerEvent.JobStarted(NODE, NODE + "_17", "reports", "nightly", AT),
                new SchedulerEvent.JobFinished(
                        NODE,
                        NODE + "_17",
                        "reports",
                        "nightly",
                        AT,
                        Duration.ofMillis(1_234),
                        JobOutcome.SUCCEEDED,
                        null),
                new SchedulerEvent.JobFinished(
                        NODE, NODE + "_18", "reports", "nightly", AT, Duration.ZERO, JobOutcome.FAILED, "Boom: \"x\""),
                new SchedulerEvent.TriggerMisfired(NODE, "reports", "nightly"),
                new SchedulerEvent.JobsChanged(NODE),
                new SchedulerEvent.CatalogRefreshed(NODE),
                new SchedulerEvent.ProgressChanged(NODE, NODE + "_17", "reports", "nightly", 0.25, 5, 20, "copying"),
                new SchedulerEvent.ProgressChanged(NODE, NODE + "_17", "reports", "nightly", null, 0, 0, null),
                new SchedulerEvent.LogAppended(NODE, NODE + "_17", 4_096));

        List<String> payloads = EventCodec.encode(NODE, 7, 3, events, LIMIT);

        assertThat(payloads).hasSize(1);
        EventCodec.Packet packet = EventCodec.decode(payloads.getFirst());
        assertThat(packet.node()).isEqualTo(NODE);
        assertThat(packet.sequence()).isEqualTo(7);
        assertThat(packet.lost()).isEqualTo(3);
        assertThat(packet.events()).containsExactlyElementsOf(events);
    }

    @Test
    void names_and_texts_in_any_script_survive_the_trip() {
        SchedulerEvent event = new SchedulerEvent.JobFinished(
                NODE,
                NODE + "_1",
                "отчёты",
                "ночной 📦 \u0000 tab\t",
                AT,
                Duration.ofSeconds(2),
                JobOutcome.TIMED_OUT,
                "línea\nnächste");

        assertThat(EventCodec.decode(EventCodec.encode(NODE, 0, 0, List.of(event), LIMIT)
                                .getFirst())
                        .events())
                .containsExactly(event);
    }

    @Test
    void a_long_error_is_cut_so_that_any_event_fits_in_one_payload() {
        String name = "ж".repeat(200);
        SchedulerEvent event = new SchedulerEvent.JobFinished(
                NODE, NODE + "_1", name, name, AT, Duration.ZERO, JobOutcome.FAILED, "\u0001".repeat(100_000));

        List<String> payloads = EventCodec.encode(NODE, 0, 0, List.of(event), LIMIT);

        assertThat(payloads).hasSize(1);
        assertThat(bytes(payloads.getFirst())).isLessThanOrEqualTo(LIMIT);
        SchedulerEvent.JobFinished back = (SchedulerEvent.JobFinished)
                EventCodec.decode(payloads.getFirst()).events().getFirst();
        assertThat(back.error()).hasSize(EventCodec.MAX_TEXT);
        assertThat(back.jobName()).isEqualTo(name);
    }

    @Test
    void a_large_batch_with_multibyte_names_is_split_into_payloads_under_the_limit_in_order() {
        List<SchedulerEvent> events = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            // Names that compress badly, so that even gzipped they need several payloads.
            String name = "задача-" + Long.toString(Double.doubleToLongBits(Math.sin(i)), 36) + "-名前";
            events.add(new SchedulerEvent.JobStarted(NODE, NODE + "_" + i, "группа", name, AT.plusMillis(i)));
        }

        List<String> payloads = EventCodec.encode(NODE, 100, 5, events, LIMIT);

        assertThat(payloads).hasSizeGreaterThan(1);
        List<SchedulerEvent> back = new ArrayList<>();
        long sequence = 100;
        for (String payload : payloads) {
            assertThat(bytes(payload)).isLessThanOrEqualTo(LIMIT);
            EventCodec.Packet packet = EventCodec.decode(payload);
            assertThat(packet.sequence()).isEqualTo(sequence++);
            assertThat(packet.lost()).isEqualTo(packet.sequence() == 100 ? 5 : 0);
            back.addAll(packet.events());
        }
        assertThat(back).containsExactlyElementsOf(events);
    }

    @Test
    void a_thousand_ordinary_fires_fit_in_a_few_payloads() {
        List<SchedulerEvent> events = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            String fireId = NODE + "_" + (1_000_000 + i);
            events.add(new SchedulerEvent.JobStarted(NODE, fireId, "load", "job-" + (i % 50), AT.plusMillis(i)));
            events.add(new SchedulerEvent.JobFinished(
                    NODE,
                    fireId,
                    "load",
                    "job-" + (i % 50),
                    AT.plusMillis(i),
                    Duration.ofMillis(3),
                    JobOutcome.SUCCEEDED,
                    null));
        }

        List<String> payloads = EventCodec.encode(NODE, 0, 0, events, LIMIT);

        assertThat(payloads)
                .hasSizeLessThanOrEqualTo(3)
                .allSatisfy(p -> assertThat(bytes(p)).isLessThanOrEqualTo(LIMIT));
        assertThat(payloads.stream().flatMap(p -> EventCodec.decode(p).events().stream()))
                .containsExactlyElementsOf(events);
    }

    @Test
    void nothing_to_say_sends_nothing_and_a_loss_alone_is_still_said() {
        assertThat(EventCodec.encode(NODE, 0, 0, List.of(), LIMIT)).isEmpty();

        List<String> payloads = EventCodec.encode(NODE, 9, 12, List.of(), LIMIT);

        assertThat(payloads).hasSize(1);
        assertThat(EventCodec.decode(payloads.getFirst()).lost()).isEqualTo(12);
    }

    @Test
    void anything_else_is_refused_with_a_clear_error() {
        for (String bad : List.of(
                "",
                "hello",
                "{}",
                "{\"n\":\"x\",\"s\":1,\"l\":0,\"e\":[[\"?\"]]}",
                "{\"n\":1,\"s\":1,\"l\":0,\"e\":[]}",
                "{\"n\":\"x\",\"s\":1,\"l\":0,\"e\":[[\"S\",\"f\"]]}",
                "z!!!",
                "zH4sIAAAAAAAAA")) {
            assertThatThrownBy(() -> EventCodec.decode(bad))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("Not an events payload");
        }
    }

    private static int bytes(String payload) {
        return payload.getBytes(StandardCharsets.UTF_8).length;
    }
}
