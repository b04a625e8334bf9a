package io.jobdeck.tokens;

import io.jobdeck.audit.AuditAction;
import io.jobdeck.audit.Audited;
import io.jobdeck.audit.AuditedResult;
import io.jobdeck.cluster.NodeIdentity;
import io.jobdeck.security.Permissions;
import io.jobdeck.security.Role;
import io.jobdeck.support.Threads;
import io.jobdeck.tokens.internal.TokenSecrets;
import io.jobdeck.tokens.internal.TokenStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.regex.Pattern;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;

/**
 * Personal API tokens, used as {@code Authorization: Bearer ...} on the API. Every user makes, lists and revokes their
 * own; a token's role is at most its owner's. An admin also sees and revokes everybody's. The roles are checked here,
 * whatever the view shows. Making and revoking are audited; the work runs on {@code jobdeck-tokens}.
 */
@Service
public class ApiTokens implements DisposableBean {

    public static final int MAX_NAME = 100;
    public static final int MAX_DAYS = 365;
    /** The lifetimes the form offers, in days. */
    public static final List<Integer> OFFERED_DAYS = List.of(7, 30, 90, 365);

    private static final Pattern INVISIBLE = Pattern.compile("[\\p{Cc}\\p{Cf}]");

    private final TokenStore store;
    private final UserDetailsService accounts;
    private final Clock clock;
    private final String node;
    private final ThreadPoolExecutor worker = Threads.single("jobdeck-tokens", 100);

    ApiTokens(TokenStore store, UserDetailsService accounts, Clock clock, NodeIdentity node) {
        this.store = store;
        this.accounts = accounts;
        this.clock = clock;
        this.node = node.id();
    }

    /** A token just made, with the token itself: shown to its owner this once, and never again. */
    public record Created(ApiToken token, String secret) implements AuditedResult {

        @Override
        public Optional<String> failure() {
            return Optional.empty();
        }

        @Override
        public Optional<String> detail() {
            return Optional.of("role " + token.role() + ", expires " + token.expiresAt());
        }

        @Override
        public String toString() {
            return "Created[token=" + token + ", secret=(hidden)]";
        }
    }

    /** A revoked token (empty if there was none by that id). */
    public record Revoked(Optional<ApiToken> token) implements AuditedResult {

        @Override
        public Optional<String> failure() {
            return token.isPresent() ? Optional.empty() : Optional.of("No such token");
        }

        @Override
        public Optional<String> detail() {
            return token.map(t -> "'" + t.name() + "' of " + t.owner());
        }
    }

    /** A draft refused: {@code field} is the form field at fault, {@code messageKey} says why, in the reader's words. */
    public static final class Refused extends RuntimeException {

        private final String field;
        private final String messageKey;

        Refused(String field, String messageKey) {
            super(field + ": " + messageKey);
            this.field = field;
            this.messageKey = messageKey;
        }

        public String field() {
            return field;
        }

        public String messageKey() {
            return messageKey;
        }
    }

    /** Makes a token for the caller; refused (the stage fails with {@link Refused}) if the draft does not check out. */
    @PreAuthorize(Permissions.VIEW)
    @Audited(value = AuditAction.CREATE_API_TOKEN, target = "'API token ' + #draft.name().strip()")
    public CompletionStage<Created> create(TokenDraft draft) {
        Authentication caller = caller();
        return CompletableFuture.supplyAsync(() -> make(caller, draft), worker);
    }

    /** The caller's own tokens, by name, expired ones too. */
    @PreAuthorize(Permissions.VIEW)
    public CompletionStage<List<ApiToken>> list() {
        String owner = caller().getName();
        return CompletableFuture.supplyAsync(() -> store.list(owner), worker);
    }

    /** Everybody's tokens, by owner and name. */
    @PreAuthorize(Permissions.ADMINISTER)
    public CompletionStage<List<ApiToken>> listAll() {
        return CompletableFuture.supplyAsync(() -> store.list(null), worker);
    }

    /**
     * Revokes a token at once: its next request gets a 401. The owner may revoke it, and an admin; anybody else is
     * refused (the stage fails with {@link AccessDeniedException}).
     */
    @PreAuthorize(Permissions.VIEW)
    @Audited(value = AuditAction.REVOKE_API_TOKEN, target = "'API token ' + #id")
    public CompletionStage<Revoked> revoke(String id) {
        Authentication caller = caller();
        boolean admin = Role.highestOf(caller.getAuthorities()) == Role.ADMIN;
        return CompletableFuture.supplyAsync(
                () -> {
                    Optional<ApiToken> token = store.find(id);
                    if (token.isEmpty()) {
                        return new Revoked(Optional.empty());
                    }
                    if (!admin && !token.get().owner().equals(caller.getName())) {
                        throw new AccessDeniedException("Only its owner or an admin may revoke an API token");
                    }
                    return new Revoked(store.delete(id) ? token : Optional.empty());
                },
                worker);
    }

    private Created make(Authentication caller, TokenDraft draft) {
        String name = draft.name().strip();
        if (name.isEmpty()) {
            throw new Refused("name", "tokens.problem.nameRequired");
        }
        if (name.length() > MAX_NAME) {
            throw new Refused("name", "tokens.problem.nameTooLong");
        }
        if (INVISIBLE.matcher(name).find()) {
            throw new Refused("name", "tokens.problem.nameInvisible");
        }
        if (draft.role().compareTo(Role.highestOf(caller.getAuthorities())) > 0) {
            throw new Refused("role", "tokens.problem.roleTooHigh");
        }
        if (draft.days() < 1 || draft.days() > MAX_DAYS) {
            throw new Refused("days", "tokens.problem.days");
        }
        try {
            accounts.loadUserByUsername(caller.getName());
        } catch (UsernameNotFoundException notOurs) {
            // An OpenID Connect login: the API's token check could not find its owner, so the token would never work.
            throw new Refused("name", "tokens.problem.noAccount");
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        TokenSecrets.NewToken secret = TokenSecrets.generate();
        ApiToken token = new ApiToken(
                secret.id(), caller.getName(), name, draft.role(), now, now.plus(Duration.ofDays(draft.days())), null);
        try {
            store.insert(token, TokenSecrets.hash(secret.token()), node);
        } catch (DuplicateKeyException taken) {
            throw new Refused("name", "tokens.problem.nameTaken");
        }
        return new Created(token, secret.token());
    }

    /** The caller, read on the caller's thread. */
    private static Authentication caller() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null) {
            throw new AuthenticationCredentialsNotFoundException("Not logged in");
        }
        return auth;
    }

    @Override
    public void destroy() {
        Threads.shutdown(worker, Duration.ofSeconds(5));
    }
}
