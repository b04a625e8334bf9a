package io.jobdeck.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.jobdeck.security.ApiTokenCheck;
import io.jobdeck.security.Role;
import io.jobdeck.testing.As;
import io.jobdeck.testing.Isolated;
import io.jobdeck.testing.JobdeckApp;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Personal API tokens as the service makes and keeps them: the token given once and only its hash stored, its role at
 * most its owner's, revoked or expired tokens refused at once, and nobody but the owner or an admin revoking one.
 */
@SpringBootTest
class ApiTokensTest {

    static final Path DATA = JobdeckApp.newDataDir();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        Isolated.quietApp(registry, DATA);
        registry.add("spring.quartz.scheduler-name", () -> "jobdeck-api-tokens-test");
    }

    @Autowired
    ApiTokens tokens;

    @Autowired
    ApiTokenCheck check;

    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void logout() {
        As.nobody();
    }

    @Test
    void a_new_token_is_given_once_and_only_its_hash_is_stored() throws Exception {
        As.user(Role.OPERATOR);
        ApiTokens.Created created = done(tokens.create(new TokenDraft("ci-deploy", Role.OPERATOR, 30)));

        assertThat(created.secret()).matches("jdk_[A-Za-z0-9]{12}_[A-Za-z0-9]{44}");
        assertThat(created.toString()).doesNotContain(created.secret());
        Map<String, Object> row = jdbc.sql("SELECT * FROM JOBDECK_API_TOKEN WHERE ID = ?")
                .param(created.token().id())
                .query()
                .singleRow();
        assertThat(row.values())
                .as("no column holds the token or its secret part")
                .noneMatch(v -> v != null
                        && (v.toString().contains(created.secret())
                                || v.toString().contains(created.secret().substring(17))));
        assertThat(row.get("SECRET_HASH")).isEqualTo(sha256(created.secret()));
        assertThat(row.get("NODE")).as("the node that made it").isNotNull();

        assertThat(done(tokens.list())).contains(created.token());
        assertThat(created.token().owner()).isEqualTo("operator");
        assertThat(created.token().expiresAt())
                .isEqualTo(created.token().createdAt().plus(Duration.ofDays(30)));
        assertThat(check.check(created.secret()))
                .contains(new ApiTokenCheck.Grant("operator", "ci-deploy", Role.OPERATOR));
    }

    @Test
    void a_token_that_differs_from_a_real_one_in_its_secret_is_refused() throws Exception {
        As.user(Role.VIEWER);
        String secret =
                done(tokens.create(new TokenDraft("near-miss", Role.VIEWER, 7))).secret();
        char last = secret.charAt(secret.length() - 1);
        String forged = secret.substring(0, secret.length() - 1) + (last == 'a' ? 'b' : 'a');

        assertThat(check.check(forged)).isEmpty();
        assertThat(check.check("jdk_nonsense")).isEmpty();
        assertThat(check.describe(forged))
                .isEqualTo("token " + secret.substring(0, 16))
                .doesNotContain(secret.substring(17));
    }

    @Test
    void a_token_cannot_have_a_role_above_its_owners() {
        As.user(Role.OPERATOR);

        assertThatThrownBy(() -> done(tokens.create(new TokenDraft("too-strong", Role.ADMIN, 30))))
                .hasCauseInstanceOf(ApiTokens.Refused.class)
                .cause()
                .extracting("field", "messageKey")
                .containsExactly("role", "tokens.problem.roleTooHigh");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM JOBDECK_API_TOKEN WHERE NAME = 'too-strong'")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void bad_names_and_lifetimes_are_refused_field_by_field() {
        As.user(Role.ADMIN);

        assertThat(refusal(new TokenDraft("  ", Role.VIEWER, 30)))
                .containsExactly("name", "tokens.problem.nameRequired");
        assertThat(refusal(new TokenDraft("x".repeat(101), Role.VIEWER, 30)))
                .containsExactly("name", "tokens.problem.nameTooLong");
        assertThat(refusal(new TokenDraft("a\u202Eb", Role.VIEWER, 30)))
                .containsExactly("name", "tokens.problem.nameInvisible");
        assertThat(refusal(new TokenDraft("forever", Role.VIEWER, 366))).containsExactly("days", "tokens.problem.days");
    }

    @Test
    void a_single_sign_on_user_unknown_to_the_accounts_gets_no_token_that_could_never_work() {
        SecurityContextHolder.getContext()
                .setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                        "sso-user", "n/a", AuthorityUtils.createAuthorityList(Role.OPERATOR.authorities())));

        assertThat(refusal(new TokenDraft("ci", Role.VIEWER, 7))).containsExactly("name", "tokens.problem.noAccount");
    }

    @Test
    void a_name_is_unique_for_its_owner_only() throws Exception {
        As.user(Role.VIEWER);
        done(tokens.create(new TokenDraft("laptop", Role.VIEWER, 7)));
        assertThat(refusal(new TokenDraft("laptop", Role.VIEWER, 7)))
                .containsExactly("name", "tokens.problem.nameTaken");

        As.user(Role.OPERATOR);
        assertThat(done(tokens.create(new TokenDraft("laptop", Role.VIEWER, 7)))
                        .token()
                        .owner())
                .isEqualTo("operator");
    }

    @Test
    void a_revoked_token_is_refused_from_its_next_use_on() throws Exception {
        As.user(Role.OPERATOR);
        ApiTokens.Created created = done(tokens.create(new TokenDraft("to-revoke", Role.VIEWER, 30)));
        assertThat(check.check(created.secret())).isPresent();

        ApiTokens.Revoked revoked = done(tokens.revoke(created.token().id()));

        assertThat(revoked.token()).map(ApiToken::id).contains(created.token().id());
        assertThat(check.check(created.secret())).isEmpty();
        assertThat(done(tokens.list())).extracting(ApiToken::name).doesNotContain("to-revoke");
    }

    @Test
    void an_expired_token_is_refused_and_listed_as_expired() throws Exception {
        As.user(Role.OPERATOR);
        ApiTokens.Created created = done(tokens.create(new TokenDraft("old", Role.VIEWER, 7)));
        Instant past = Instant.now().minusSeconds(1);
        jdbc.sql("UPDATE JOBDECK_API_TOKEN SET EXPIRES_AT = ? WHERE ID = ?")
                .params(Timestamp.from(past), created.token().id())
                .update();

        assertThat(check.check(created.secret())).isEmpty();
        assertThat(done(tokens.list()))
                .filteredOn(t -> t.name().equals("old"))
                .singleElement()
                .satisfies(t -> assertThat(t.expired(Instant.now())).isTrue());
    }

    @Test
    void someone_elses_token_is_revoked_by_an_admin_but_not_by_another_user() throws Exception {
        As.user(Role.OPERATOR);
        ApiTokens.Created created = done(tokens.create(new TokenDraft("operators", Role.OPERATOR, 30)));

        As.user(Role.VIEWER);
        assertThatThrownBy(() -> done(tokens.revoke(created.token().id())))
                .hasCauseInstanceOf(AccessDeniedException.class);
        assertThat(done(tokens.list()))
                .extracting(ApiToken::id)
                .doesNotContain(created.token().id());
        assertThatThrownBy(() -> tokens.listAll()).isInstanceOf(AccessDeniedException.class);
        assertThat(check.check(created.secret())).as("still works").isPresent();

        As.user(Role.ADMIN);
        assertThat(done(tokens.listAll()))
                .extracting(ApiToken::id)
                .contains(created.token().id());
        assertThat(done(tokens.revoke(created.token().id())).token()).isPresent();
        assertThat(check.check(created.secret())).isEmpty();
    }

    @Test
    void the_last_use_is_written_once_not_on_every_request() throws Exception {
        As.user(Role.VIEWER);
        ApiTokens.Created created = done(tokens.create(new TokenDraft("busy", Role.VIEWER, 30)));
        assertThat(created.token().lastUsedAt()).isNull();

        check.check(created.secret());
        await().atMost(Duration.ofSeconds(10)).until(() -> lastUsed(created) != null);
        Timestamp first = Objects.requireNonNull(lastUsed(created));
        for (int i = 0; i < 50; i++) {
            check.check(created.secret());
        }

        await().during(Duration.ofMillis(500))
                .atMost(Duration.ofSeconds(5))
                .until(() -> first.equals(lastUsed(created)));
        assertThat(done(tokens.list()))
                .filteredOn(t -> t.name().equals("busy"))
                .singleElement()
                .extracting(ApiToken::lastUsedAt)
                .isEqualTo(first.toInstant());
    }

    private @Nullable Timestamp lastUsed(ApiTokens.Created created) {
        return jdbc.sql("SELECT LAST_USED_AT FROM JOBDECK_API_TOKEN WHERE ID = ?")
                .param(created.token().id())
                .query(Timestamp.class)
                .optional()
                .orElse(null);
    }

    private List<String> refusal(TokenDraft draft) {
        try {
            done(tokens.create(draft));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ApiTokens.Refused refused) {
                return List.of(refused.field(), refused.messageKey());
            }
            throw new AssertionError(e);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("not refused: " + draft);
    }

    private static <T> T done(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
