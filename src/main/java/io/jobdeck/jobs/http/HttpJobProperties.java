package io.jobdeck.jobs.http;

import java.util.List;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code jobdeck.jobs.http.allowed-hosts}: the hosts HTTP jobs may call (exact names, or {@code *.example.com} for a
 * domain and its subdomains). Empty: any host.
 */
@ConfigurationProperties("jobdeck.jobs.http")
public record HttpJobProperties(List<String> allowedHosts) {

    public HttpJobProperties {
        allowedHosts = allowedHosts == null
                ? List.of()
                : allowedHosts.stream()
                        .map(h -> h.strip().toLowerCase(Locale.ROOT))
                        .filter(h -> !h.isEmpty())
                        .toList();
    }

    public boolean allows(String host) {
        if (allowedHosts.isEmpty()) {
            return true;
        }
        String h = host.toLowerCase(Locale.ROOT);
        for (String allowed : allowedHosts) {
            if (allowed.startsWith("*.")
                    ? h.equals(allowed.substring(2)) || h.endsWith(allowed.substring(1))
                    : h.equals(allowed)) {
                return true;
            }
        }
        return false;
    }
}
