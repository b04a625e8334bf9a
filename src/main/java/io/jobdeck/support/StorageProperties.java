package io.jobdeck.support;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where Jobdeck keeps its data, and how long any database call may take.
 *
 * @param dataDir  the folder of the embedded H2 database ({@code jobdeck.data-dir}); locked while Jobdeck runs
 * @param database database settings ({@code jobdeck.database.*})
 */
@Validated
@ConfigurationProperties("jobdeck")
public record StorageProperties(
        @DefaultValue("./data") @NotNull Path dataDir,
        @DefaultValue @Valid Db database) {

    /**
     * @param queryTimeout how long one database call may take, on the server (statement timeout) and on the socket,
     *                     so that no thread waits forever on a database that hangs
     */
    public record Db(
            @DefaultValue("30s") @DurationMin(seconds = 1) @DurationMax(minutes = 30)
            Duration queryTimeout) {}
}
