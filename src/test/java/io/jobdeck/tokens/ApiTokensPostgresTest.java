package io.jobdeck.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jobdeck.security.ApiTokenCheck;
import io.jobdeck.security.Role;
import io.jobdeck.testing.As;
import io.jobdeck.testing.JobdeckApp;
import io.jobdeck.testing.Postgres;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The token table on PostgreSQL: the migration applies, and a token is made, used, listed and revoked there. */
class ApiTokensPostgresTest {

    @Test
    void a_token_is_made_used_and_revoked_on_postgresql() throws Exception {
        try (Postgres postgres = Postgres.start()) {
            Map<String, Object> settings = new LinkedHashMap<>(postgres.datasource());
            settings.put("jobdeck.demo.enabled", false);
            settings.put("jobdeck.scheduler.auto-start", false);
            try (JobdeckApp app = JobdeckApp.start(JobdeckApp.newDataDir(), settings)) {
                ApiTokens tokens = app.bean(ApiTokens.class);
                ApiTokenCheck check = app.bean(ApiTokenCheck.class);
                ApiTokens.Created created = As.call(
                        Role.OPERATOR,
                        () -> tokens.create(new TokenDraft("ci", Role.VIEWER, 30))
                                .toCompletableFuture()
                                .get(10, TimeUnit.SECONDS));

                assertThat(check.check(created.secret()))
                        .contains(new ApiTokenCheck.Grant("operator", "ci", Role.VIEWER));
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> mine(tokens).getFirst().lastUsedAt() != null);

                As.call(
                        Role.OPERATOR,
                        () -> tokens.revoke(created.token().id())
                                .toCompletableFuture()
                                .get(10, TimeUnit.SECONDS));
                assertThat(check.check(created.secret())).isEmpty();
                assertThat(mine(tokens)).isEmpty();
            }
        }
    }

    private static List<ApiToken> mine(ApiTokens tokens) throws Exception {
        return As.call(Role.OPERATOR, () -> tokens.list().toCompletableFuture().get(10, TimeUnit.SECONDS));
    }
}
