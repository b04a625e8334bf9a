package io.jobdeck.security;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.AuthorityUtils;

/** What a user may do. Each role includes the ones before it. */
public enum Role {
    /** Sees everything, changes nothing. */
    VIEWER,
    /** Starts and stops the scheduler; pauses, resumes, runs and interrupts jobs. */
    OPERATOR,
    /** Everything, plus managing jobs, dangerous job types and reading the audit log. */
    ADMIN;

    /** This role and every role it includes, as Spring authorities ({@code ROLE_...}). */
    public List<String> authorities() {
        return Stream.of(values())
                .filter(r -> r.ordinal() <= ordinal())
                .map(r -> "ROLE_" + r.name())
                .toList();
    }

    /** The highest role among {@code authorities}; VIEWER when there is none (every account is at least a viewer). */
    public static Role highestOf(Collection<? extends GrantedAuthority> authorities) {
        Set<String> held = AuthorityUtils.authorityListToSet(authorities);
        return Arrays.stream(values())
                .filter(r -> held.contains("ROLE_" + r.name()))
                .reduce((lower, higher) -> higher)
                .orElse(VIEWER);
    }
}
