package io.jobdeck.security.internal;

import io.jobdeck.security.Role;
import io.jobdeck.security.SecurityProperties;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.authority.mapping.GrantedAuthoritiesMapper;
import org.springframework.security.oauth2.core.oidc.user.OidcUserAuthority;
import org.springframework.stereotype.Component;

/** Gives an OpenID Connect user a Jobdeck role from a claim of its ID token ({@code jobdeck.security.oidc.*}). */
@Component
class OidcRoleMapper implements GrantedAuthoritiesMapper {

    private final SecurityProperties.Oidc oidc;

    OidcRoleMapper(SecurityProperties properties) {
        this.oidc = properties.oidc();
    }

    @Override
    public Collection<? extends GrantedAuthority> mapAuthorities(Collection<? extends GrantedAuthority> authorities) {
        Set<String> values = new HashSet<>();
        for (GrantedAuthority authority : authorities) {
            if (authority instanceof OidcUserAuthority user) {
                Object claim = user.getIdToken().getClaims().get(oidc.rolesClaim());
                if (claim instanceof Collection<?> list) {
                    list.forEach(v -> values.add(String.valueOf(v)));
                } else if (claim != null) {
                    values.add(String.valueOf(claim));
                }
            }
        }
        return roleFor(values).authorities().stream()
                .map(SimpleGrantedAuthority::new)
                .toList();
    }

    Role roleFor(Set<String> claimValues) {
        if (containsAny(claimValues, oidc.adminValues())) {
            return Role.ADMIN;
        }
        if (containsAny(claimValues, oidc.operatorValues())) {
            return Role.OPERATOR;
        }
        return oidc.defaultRole();
    }

    private static boolean containsAny(Set<String> values, List<String> wanted) {
        return wanted.stream().anyMatch(values::contains);
    }
}
