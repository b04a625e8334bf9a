package io.jobdeck.scheduler.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.quartz.JobDataMap;

/** Migration 5: job data stored as serialized objects by earlier versions becomes string properties, safely. */
class JobDataAsPropertiesTest {

    @Test
    void strings_numbers_and_booleans_become_properties_with_the_same_text() throws Exception {
        JobDataMap old = new JobDataMap(Map.of("durationMillis", 60_000L, "verbose", true, "name", "nightly"));

        Properties read = new Properties();
        read.load(new ByteArrayInputStream(V5__Job_data_as_properties.asProperties(serialized(old), "job a.b")));

        assertThat(read)
                .containsOnly(
                        Map.entry("durationMillis", "60000"),
                        Map.entry("verbose", "true"),
                        Map.entry("name", "nightly"));
    }

    @Test
    void any_other_object_is_refused_without_being_built_and_the_job_is_named() throws Exception {
        JobDataMap dates = new JobDataMap(Map.of("when", new Date(0)));
        JobDataMap lists = new JobDataMap(Map.of("items", new java.util.ArrayList<>(List.of("a"))));

        assertThatThrownBy(() -> V5__Job_data_as_properties.asProperties(serialized(dates), "QRTZ_JOB_DETAILS a.b"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("QRTZ_JOB_DETAILS a.b")
                .hasMessageContaining("strings only");
        assertThatThrownBy(() -> V5__Job_data_as_properties.asProperties(serialized(lists), "QRTZ_TRIGGERS c.d"))
                .hasMessageContaining("QRTZ_TRIGGERS c.d");
    }

    private static byte[] serialized(Object value) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        return bytes.toByteArray();
    }
}
