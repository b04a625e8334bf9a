package io.jobdeck.jobs.http;

import io.jobdeck.jobs.internal.DurationInput;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * An HTTP request job's definition. Stored in the job's data as plain string properties (the keys below), never as
 * serialized objects; {@link #parse} checks every field and says what is wrong with each, {@link #toData} writes it
 * back. Secret values (the {@code Authorization}, {@code Proxy-Authorization} and {@code Cookie} headers, any header or
 * query parameter marked secret) never appear in {@link #describe()}, which is what logs and the audit trail show.
 */
public record HttpJobSpec(
        String method,
        URI url,
        List<Header> headers,
        String body,
        Duration timeout,
        List<StatusRange> expected,
        Set<String> secretParameters) {

    public static final String METHOD = "http.method";
    public static final String URL = "http.url";
    /** One header per line, {@code Name: value}. */
    public static final String HEADERS = "http.headers";
    /** Comma-separated names of headers whose values are secret (besides those that always are). */
    public static final String SECRET_HEADERS = "http.secretHeaders";
    /** Comma-separated names of query parameters whose values are secret. */
    public static final String SECRET_PARAMETERS = "http.secretParameters";

    public static final String BODY = "http.body";
    /** ISO-8601 ({@code PT30S}) or whole seconds ({@code 30}). */
    public static final String TIMEOUT = "http.timeout";
    /** Status codes and ranges that count as success, as {@code 200-299,304}. */
    public static final String EXPECTED = "http.expectedStatus";

    public static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration MAX_TIMEOUT = Duration.ofHours(1);
    public static final String DEFAULT_EXPECTED = "200-299";
    public static final int MAX_URL = 2_000;
    public static final int MAX_BODY = 100_000;
    public static final int MAX_HEADERS = 50;
    public static final String MASK = io.jobdeck.jobs.internal.JobKind.MASK;

    private static final Set<String> ALWAYS_SECRET = Set.of("authorization", "proxy-authorization", "cookie");
    /** Headers the JDK's client sets itself and refuses to take from a caller. */
    private static final Set<String> RESTRICTED =
            Set.of("connection", "content-length", "expect", "host", "upgrade", "keep-alive", "transfer-encoding");

    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}");
    private static final Pattern STATUS = Pattern.compile("(\\d{3})(?:\\s*-\\s*(\\d{3}))?");

    /** One request header; {@code secret} ones are masked wherever the definition is shown. */
    public record Header(String name, String value, boolean secret) {

        public String shown() {
            return secret ? MASK : value;
        }
    }

    /** Status codes from {@code from} to {@code to}, both included. */
    public record StatusRange(int from, int to) {

        boolean contains(int status) {
            return status >= from && status <= to;
        }

        @Override
        public String toString() {
            return from == to ? String.valueOf(from) : from + "-" + to;
        }
    }

    /**
     * What is wrong with one field: {@code code} names the message ({@code http.problem.<code>} in the messages), with
     * its arguments.
     */
    public record Problem(String field, String code, List<Object> args) {

        Problem(String field, String code, Object... args) {
            this(field, code, List.of(args));
        }
    }

    /** Either a definition or what is wrong with it, field by field. */
    public record Parsed(@Nullable HttpJobSpec spec, List<Problem> problems) {}

    public boolean succeeded(int status) {
        return expected.stream().anyMatch(r -> r.contains(status));
    }

    /** Method and URL, with secret query parameters masked; for logs, the audit trail and the UI. */
    public String describe() {
        return method + " " + maskedUrl();
    }

    /** The status codes that count as success, as written in the definition ({@code 200-299,304}). */
    public String expectedText() {
        return expected.stream().map(StatusRange::toString).collect(Collectors.joining(","));
    }

    /** The headers as shown: secrets masked. */
    public String shownHeaders() {
        return headers.stream().map(h -> h.name() + ": " + h.shown()).collect(Collectors.joining("\n"));
    }

    public String maskedUrl() {
        String query = url.getRawQuery();
        if (query == null || secretParameters.isEmpty()) {
            return url.toString();
        }
        String masked = queryPairs(query).stream()
                .map(pair ->
                        pair.hasValue() && secretParameters.contains(pair.name().toLowerCase(Locale.ROOT))
                                ? pair.name() + "=" + MASK
                                : pair.toString())
                .collect(Collectors.joining("&"));
        String whole = url.toString();
        int q = whole.indexOf('?');
        int hash = whole.indexOf('#', q);
        return whole.substring(0, q + 1) + masked + (hash < 0 ? "" : whole.substring(hash));
    }

    /**
     * The definition as a form shows it for editing: like {@link #toData()}, but every secret value is {@link #MASK}, so
     * a secret never reaches the browser. {@link #unmask} puts the stored values back where the mask was left.
     */
    public Map<String, String> toMaskedData() {
        Map<String, String> data = toData();
        data.put(URL, maskedUrl());
        data.put(HEADERS, shownHeaders());
        return data;
    }

    /**
     * An edited definition with each secret value left as {@link #MASK} replaced by {@code stored}'s value: a secret
     * header by its name, a secret query parameter by its name and place among those of the same name. A mask with no
     * stored value to stand for stays a mask, and {@link #maskedSecrets} names it.
     */
    public static Map<String, String> unmask(Map<String, String> edited, HttpJobSpec stored) {
        Map<String, String> data = new LinkedHashMap<>(edited);
        // A value put back stays secret, even if its name was taken off the secret list meanwhile.
        Set<String> keptHeaders = new LinkedHashSet<>();
        Set<String> keptParameters = new LinkedHashSet<>();
        String headers = data.get(HEADERS);
        if (headers != null) {
            data.put(
                    HEADERS,
                    headers.lines()
                            .map(line -> {
                                int colon = line.indexOf(':');
                                if (colon < 0
                                        || !line.substring(colon + 1).strip().equals(MASK)) {
                                    return line;
                                }
                                String name = line.substring(0, colon).strip();
                                return stored.headers.stream()
                                        .filter(h -> h.secret() && h.name().equalsIgnoreCase(name))
                                        .findFirst()
                                        .map(h -> {
                                            keptHeaders.add(name);
                                            return name + ": " + h.value();
                                        })
                                        .orElse(line);
                            })
                            .collect(Collectors.joining("\n")));
        }
        String url = data.get(URL);
        if (url != null) {
            data.put(URL, unmaskQuery(url.strip(), stored, keptParameters));
        }
        stillSecret(data, SECRET_HEADERS, keptHeaders);
        stillSecret(data, SECRET_PARAMETERS, keptParameters);
        return data;
    }

    private static void stillSecret(Map<String, String> data, String list, Set<String> names) {
        Set<String> listed = names(data.getOrDefault(list, ""));
        List<String> missing = names.stream()
                .filter(n -> !listed.contains(n.toLowerCase(Locale.ROOT))
                        && !ALWAYS_SECRET.contains(n.toLowerCase(Locale.ROOT)))
                .toList();
        if (!missing.isEmpty()) {
            String before = data.getOrDefault(list, "").strip();
            data.put(list, (before.isEmpty() ? "" : before + ",") + String.join(",", missing));
        }
    }

    /** The secret headers and query parameters whose value is still {@link #MASK} (none stored to put back). */
    public List<String> maskedSecrets() {
        List<String> masked = new ArrayList<>();
        headers.stream().filter(h -> h.secret() && h.value().equals(MASK)).forEach(h -> masked.add(h.name()));
        queryPairs(url.getRawQuery()).stream()
                .filter(p -> p.value().equals(MASK)
                        && secretParameters.contains(p.name().toLowerCase(Locale.ROOT)))
                .forEach(p -> masked.add(p.name()));
        return masked;
    }

    private record QueryPair(String name, String value, boolean hasValue) {

        @Override
        public String toString() {
            return hasValue ? name + "=" + value : name;
        }
    }

    private static List<QueryPair> queryPairs(@Nullable String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return List.of();
        }
        return Pattern.compile("&")
                .splitAsStream(rawQuery)
                .map(pair -> {
                    int eq = pair.indexOf('=');
                    return eq < 0
                            ? new QueryPair(pair, "", false)
                            : new QueryPair(pair.substring(0, eq), pair.substring(eq + 1), true);
                })
                .toList();
    }

    private static String unmaskQuery(String url, HttpJobSpec stored, Set<String> kept) {
        int q = url.indexOf('?');
        if (q < 0 || !url.contains(MASK)) {
            return url;
        }
        int hash = url.indexOf('#', q);
        String query = hash < 0 ? url.substring(q + 1) : url.substring(q + 1, hash);
        List<QueryPair> before = queryPairs(stored.url.getRawQuery());
        Map<String, Integer> seen = new HashMap<>();
        String unmasked = queryPairs(query).stream()
                .map(pair -> {
                    String lower = pair.name().toLowerCase(Locale.ROOT);
                    int nth = seen.merge(lower, 1, Integer::sum) - 1;
                    if (!pair.value().equals(MASK) || !stored.secretParameters.contains(lower)) {
                        return pair.toString();
                    }
                    return before.stream()
                            .filter(b -> b.name().equalsIgnoreCase(pair.name()))
                            .skip(nth)
                            .findFirst()
                            .map(b -> {
                                kept.add(pair.name());
                                return pair.name() + "=" + b.value();
                            })
                            .orElse(pair.toString());
                })
                .collect(Collectors.joining("&"));
        return url.substring(0, q + 1) + unmasked + (hash < 0 ? "" : url.substring(hash));
    }

    /** The definition as the job's string properties. */
    public Map<String, String> toData() {
        Map<String, String> data = new LinkedHashMap<>();
        data.put(METHOD, method);
        data.put(URL, url.toString());
        data.put(HEADERS, headers.stream().map(h -> h.name() + ": " + h.value()).collect(Collectors.joining("\n")));
        data.put(
                SECRET_HEADERS,
                headers.stream()
                        .filter(h ->
                                h.secret() && !ALWAYS_SECRET.contains(h.name().toLowerCase(Locale.ROOT)))
                        .map(Header::name)
                        .collect(Collectors.joining(",")));
        data.put(SECRET_PARAMETERS, String.join(",", secretParameters));
        data.put(BODY, body);
        data.put(TIMEOUT, timeout.toString());
        data.put(EXPECTED, expectedText());
        return data;
    }

    /** Reads a definition from the job's properties, checking every field; never throws. */
    public static Parsed parse(Map<String, ?> data, HttpJobProperties allowed) {
        List<Problem> problems = new ArrayList<>();
        String method = text(data, METHOD).toUpperCase(Locale.ROOT);
        if (method.isEmpty()) {
            method = "GET";
        } else if (!METHODS.contains(method)) {
            problems.add(new Problem(METHOD, "method", String.join(", ", METHODS)));
        }
        URI url = url(text(data, URL), allowed, problems);
        Set<String> secretHeaders = names(text(data, SECRET_HEADERS));
        List<Header> headers = headers(text(data, HEADERS), secretHeaders, problems);
        String body = text(data, BODY);
        if (body.length() > MAX_BODY) {
            problems.add(new Problem(BODY, "bodyTooLong", MAX_BODY));
        }
        Duration timeout = timeout(text(data, TIMEOUT), problems);
        List<StatusRange> expected = expected(text(data, EXPECTED), problems);
        if (!problems.isEmpty() || url == null) {
            return new Parsed(null, List.copyOf(problems));
        }
        return new Parsed(
                new HttpJobSpec(method, url, headers, body, timeout, expected, names(text(data, SECRET_PARAMETERS))),
                List.of());
    }

    private static String text(Map<String, ?> data, String key) {
        Object value = data.get(key);
        return value == null ? "" : value.toString().strip();
    }

    private static Set<String> names(String list) {
        return Pattern.compile(",")
                .splitAsStream(list)
                .map(s -> s.strip().toLowerCase(Locale.ROOT))
                .filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    private static @Nullable URI url(String text, HttpJobProperties allowed, List<Problem> problems) {
        if (text.isEmpty()) {
            problems.add(new Problem(URL, "urlMissing"));
            return null;
        }
        if (text.length() > MAX_URL) {
            problems.add(new Problem(URL, "urlTooLong", MAX_URL));
            return null;
        }
        URI url;
        try {
            url = new URI(text);
        } catch (URISyntaxException e) {
            problems.add(new Problem(URL, "urlInvalid", e.getReason()));
            return null;
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            problems.add(new Problem(URL, "urlScheme"));
            return null;
        }
        if (url.getHost() == null || url.getHost().isEmpty()) {
            problems.add(new Problem(URL, "urlHost"));
            return null;
        }
        if (url.getRawUserInfo() != null) {
            problems.add(new Problem(URL, "urlUserInfo"));
            return null;
        }
        if (!allowed.allows(url.getHost())) {
            problems.add(new Problem(URL, "hostNotAllowed", url.getHost(), String.join(", ", allowed.allowedHosts())));
            return null;
        }
        return url;
    }

    private static List<Header> headers(String text, Set<String> secret, List<Problem> problems) {
        List<Header> headers = new ArrayList<>();
        String[] lines = text.split("\\R");
        int lineNumber = 0;
        for (String line : lines) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            int colon = line.indexOf(':');
            String name = colon < 0 ? line.strip() : line.substring(0, colon).strip();
            String value = colon < 0 ? "" : line.substring(colon + 1).strip();
            if (colon < 0 || !TOKEN.matcher(name).matches()) {
                problems.add(new Problem(HEADERS, "headerLine", lineNumber));
                continue;
            }
            String lower = name.toLowerCase(Locale.ROOT);
            if (RESTRICTED.contains(lower)) {
                problems.add(new Problem(HEADERS, "headerRestricted", name));
                continue;
            }
            if (value.chars().anyMatch(c -> c < 0x20 && c != '\t' || c == 0x7f)) {
                problems.add(new Problem(HEADERS, "headerValue", name));
                continue;
            }
            headers.add(new Header(name, value, ALWAYS_SECRET.contains(lower) || secret.contains(lower)));
        }
        if (headers.size() > MAX_HEADERS) {
            problems.add(new Problem(HEADERS, "tooManyHeaders", MAX_HEADERS));
        }
        return List.copyOf(headers);
    }

    private static Duration timeout(String text, List<Problem> problems) {
        if (text.isEmpty()) {
            return DEFAULT_TIMEOUT;
        }
        Duration timeout = DurationInput.parse(text).orElse(null);
        if (timeout == null) {
            problems.add(new Problem(TIMEOUT, "timeoutInvalid"));
            return DEFAULT_TIMEOUT;
        }
        if (timeout.compareTo(Duration.ofSeconds(1)) < 0 || timeout.compareTo(MAX_TIMEOUT) > 0) {
            problems.add(new Problem(TIMEOUT, "timeoutRange"));
        }
        return timeout;
    }

    private static List<StatusRange> expected(String text, List<Problem> problems) {
        if (text.isEmpty()) {
            text = DEFAULT_EXPECTED;
        }
        List<StatusRange> ranges = new ArrayList<>();
        for (String part : text.split(",")) {
            var m = STATUS.matcher(part.strip());
            if (!m.matches()) {
                problems.add(new Problem(EXPECTED, "statusInvalid", part.strip()));
                continue;
            }
            int from = Integer.parseInt(m.group(1));
            int to = m.group(2) == null ? from : Integer.parseInt(m.group(2));
            if (from < 100 || to > 599 || from > to) {
                problems.add(new Problem(EXPECTED, "statusInvalid", part.strip()));
                continue;
            }
            ranges.add(new StatusRange(from, to));
        }
        return List.copyOf(ranges);
    }
}
