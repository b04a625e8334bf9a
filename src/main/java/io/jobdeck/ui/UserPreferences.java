package io.jobdeck.ui;

import io.jobdeck.security.Actor;
import io.jobdeck.security.Permissions;
import io.jobdeck.support.Threads;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadPoolExecutor;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/** Each user's own settings (colour scheme, language), remembered across sessions. I/O runs in the background. */
@Service
public class UserPreferences implements DisposableBean {

    /**
     * @param colorScheme "light" or "dark", or null for the default
     * @param language    a language tag such as "en" or "ru", or null to follow the browser
     */
    public record Prefs(
            @Nullable String colorScheme, @Nullable String language) {
        public static final Prefs NONE = new Prefs(null, null);
    }

    private final JdbcClient jdbc;
    private final ThreadPoolExecutor io = Threads.single("jobdeck-prefs", 1_000);

    UserPreferences(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The current user's preferences. */
    @PreAuthorize(Permissions.VIEW)
    public CompletionStage<Prefs> load() {
        String user = Actor.current().name();
        return CompletableFuture.supplyAsync(() -> read(user).orElse(Prefs.NONE), io);
    }

    /** Saves the current user's preferences. */
    @PreAuthorize(Permissions.VIEW)
    public CompletionStage<Void> save(Prefs prefs) {
        String user = Actor.current().name();
        return CompletableFuture.runAsync(() -> write(user, prefs), io);
    }

    private Optional<Prefs> read(String user) {
        return jdbc.sql("SELECT COLOR_SCHEME, LANGUAGE FROM JOBDECK_USER_PREFS WHERE USERNAME = ?")
                .param(user)
                .query((rs, n) -> new Prefs(rs.getString(1), rs.getString(2)))
                .optional();
    }

    /** Update, else insert; if another session or node inserted first, update after all (last write wins). */
    private void write(String user, Prefs prefs) {
        if (update(user, prefs) > 0) {
            return;
        }
        try {
            jdbc.sql("INSERT INTO JOBDECK_USER_PREFS (USERNAME, COLOR_SCHEME, LANGUAGE) VALUES (?, ?, ?)")
                    .params(Arrays.asList(user, prefs.colorScheme(), prefs.language()))
                    .update();
        } catch (DuplicateKeyException raced) {
            update(user, prefs);
        }
    }

    private int update(String user, Prefs prefs) {
        return jdbc.sql("UPDATE JOBDECK_USER_PREFS SET COLOR_SCHEME = ?, LANGUAGE = ? WHERE USERNAME = ?")
                .params(Arrays.asList(prefs.colorScheme(), prefs.language(), user))
                .update();
    }

    @Override
    public void destroy() {
        Threads.shutdown(io, Duration.ofSeconds(5));
    }
}
