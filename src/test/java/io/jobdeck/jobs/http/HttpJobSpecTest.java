package io.jobdeck.jobs.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading, checking and showing an HTTP job's definition. */
class HttpJobSpecTest {

    private static final HttpJobProperties ANY_HOST = new HttpJobProperties(List.of());

    @Test
    void a_full_definition_reads_back_from_its_string_properties_unchanged() {
        Map<String, String> data = Map.of(
                HttpJobSpec.METHOD, "post",
                HttpJobSpec.URL, "https://api.example.com/v1/sync?token=s3cret&mode=full",
                HttpJobSpec.HEADERS, "Authorization: Bearer abc\nX-Api-Key: k-123\nAccept: application/json",
                HttpJobSpec.SECRET_HEADERS, "X-Api-Key",
                HttpJobSpec.SECRET_PARAMETERS, "token",
                HttpJobSpec.BODY, "{\"full\": true}",
                HttpJobSpec.TIMEOUT, "45",
                HttpJobSpec.EXPECTED, "200-299, 304");

        HttpJobSpec spec = HttpJobSpec.parse(data, ANY_HOST).spec();

        assertThat(spec).isNotNull();
        assertThat(spec.method()).isEqualTo("POST");
        assertThat(spec.timeout()).isEqualTo(Duration.ofSeconds(45));
        assertThat(spec.succeeded(204)).isTrue();
        assertThat(spec.succeeded(304)).isTrue();
        assertThat(spec.succeeded(301)).isFalse();
        assertThat(spec.headers()).extracting(HttpJobSpec.Header::secret).containsExactly(true, true, false);
        assertThat(HttpJobSpec.parse(spec.toData(), ANY_HOST).spec()).isEqualTo(spec);
        assertThat(spec.toData().values()).allSatisfy(v -> assertThat(v).isInstanceOf(String.class));
    }

    @Test
    void secrets_are_masked_wherever_the_definition_is_shown() {
        HttpJobSpec spec = HttpJobSpec.parse(
                        Map.of(
                                HttpJobSpec.URL, "https://api.example.com/x?token=s3cret&mode=full#top",
                                HttpJobSpec.HEADERS, "authorization: Basic dXNlcjpwYXNz\nCookie: id=42\nX-Key: k1",
                                HttpJobSpec.SECRET_HEADERS, "x-key",
                                HttpJobSpec.SECRET_PARAMETERS, "TOKEN"),
                        ANY_HOST)
                .spec();

        assertThat(spec.describe()).isEqualTo("GET https://api.example.com/x?token=******&mode=full#top");
        assertThat(spec.shownHeaders())
                .isEqualTo("authorization: ******\nCookie: ******\nX-Key: ******")
                .doesNotContain("dXNlcjpwYXNz", "id=42", "k1");
    }

    @Test
    void an_edit_form_gets_secrets_masked_and_a_mask_left_as_it_is_keeps_the_stored_value() {
        HttpJobSpec stored = HttpJobSpec.parse(
                        Map.of(
                                HttpJobSpec.URL, "https://api.example.com/x?token=s3cret&mode=full&token=two",
                                HttpJobSpec.HEADERS, "Authorization: Bearer abc\nX-Key: k1\nAccept: text/plain",
                                HttpJobSpec.SECRET_HEADERS, "X-Key",
                                HttpJobSpec.SECRET_PARAMETERS, "token"),
                        ANY_HOST)
                .spec();

        Map<String, String> form = new HashMap<>(stored.toMaskedData());
        assertThat(String.join(" ", form.values())).doesNotContain("s3cret", "two", "abc", "k1");
        assertThat(form.get(HttpJobSpec.URL))
                .isEqualTo("https://api.example.com/x?token=******&mode=full&token=******");

        // The person changes the mode and the X-Key, and leaves the other secrets masked.
        form.put(HttpJobSpec.URL, "https://api.example.com/x?token=******&mode=delta&token=******");
        form.put(HttpJobSpec.HEADERS, "Authorization: ******\nX-Key: k2\nAccept: text/plain");
        HttpJobSpec edited =
                HttpJobSpec.parse(HttpJobSpec.unmask(form, stored), ANY_HOST).spec();

        assertThat(edited.url()).hasToString("https://api.example.com/x?token=s3cret&mode=delta&token=two");
        assertThat(edited.headers())
                .extracting(HttpJobSpec.Header::value)
                .containsExactly("Bearer abc", "k2", "text/plain");
        assertThat(edited.maskedSecrets()).isEmpty();
    }

    @Test
    void a_secret_put_back_stays_secret_even_if_its_name_was_taken_off_the_secret_list() {
        HttpJobSpec stored = HttpJobSpec.parse(
                        Map.of(
                                HttpJobSpec.URL, "https://api.example.com/x?token=s3cret",
                                HttpJobSpec.SECRET_PARAMETERS, "token",
                                HttpJobSpec.HEADERS, "X-Key: k1",
                                HttpJobSpec.SECRET_HEADERS, "X-Key"),
                        ANY_HOST)
                .spec();
        Map<String, String> form = new HashMap<>(stored.toMaskedData());
        form.put(HttpJobSpec.SECRET_PARAMETERS, "");
        form.put(HttpJobSpec.SECRET_HEADERS, "");

        HttpJobSpec edited =
                HttpJobSpec.parse(HttpJobSpec.unmask(form, stored), ANY_HOST).spec();

        assertThat(edited.describe()).isEqualTo("GET https://api.example.com/x?token=******");
        assertThat(edited.shownHeaders()).isEqualTo("X-Key: ******");
    }

    @Test
    void a_mask_with_no_stored_secret_behind_it_stays_and_is_named() {
        HttpJobSpec stored = HttpJobSpec.parse(Map.of(HttpJobSpec.URL, "https://api.example.com/"), ANY_HOST)
                .spec();
        Map<String, String> form = new HashMap<>(stored.toMaskedData());
        form.put(HttpJobSpec.HEADERS, "Authorization: ******");
        form.put(HttpJobSpec.URL, "https://api.example.com/?key=******");
        form.put(HttpJobSpec.SECRET_PARAMETERS, "key");

        HttpJobSpec edited =
                HttpJobSpec.parse(HttpJobSpec.unmask(form, stored), ANY_HOST).spec();

        assertThat(edited.maskedSecrets()).containsExactly("Authorization", "key");
    }

    @Test
    void each_bad_field_says_what_is_wrong_with_it_and_nothing_is_accepted_half() {
        Map<String, String> data = new HashMap<>();
        data.put(HttpJobSpec.METHOD, "FETCH");
        data.put(HttpJobSpec.URL, "https://example.com/");
        data.put(HttpJobSpec.HEADERS, "no colon here\nHost: evil.example\nGood: yes");
        data.put(HttpJobSpec.TIMEOUT, "forever");
        data.put(HttpJobSpec.EXPECTED, "2xx, 99, 300-200");

        HttpJobSpec.Parsed parsed = HttpJobSpec.parse(data, ANY_HOST);

        assertThat(parsed.spec()).isNull();
        assertThat(parsed.problems())
                .extracting(p -> p.field() + " " + p.code() + " " + p.args())
                .containsExactlyInAnyOrder(
                        "http.method method [GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS]",
                        "http.headers headerLine [1]",
                        "http.headers headerRestricted [Host]",
                        "http.timeout timeoutInvalid []",
                        "http.expectedStatus statusInvalid [2xx]",
                        "http.expectedStatus statusInvalid [99]",
                        "http.expectedStatus statusInvalid [300-200]");
    }

    @Test
    void urls_that_could_surprise_are_refused_with_a_reason() {
        assertThat(problem(Map.of())).isEqualTo("urlMissing");
        assertThat(problem(Map.of(HttpJobSpec.URL, "ftp://example.com/f"))).isEqualTo("urlScheme");
        assertThat(problem(Map.of(HttpJobSpec.URL, "https://user:pw@example.com/")))
                .isEqualTo("urlUserInfo");
        assertThat(problem(Map.of(HttpJobSpec.URL, "https://exa mple.com/"))).isEqualTo("urlInvalid");
        assertThat(problem(Map.of(HttpJobSpec.URL, "https:///path"))).isEqualTo("urlHost");
        assertThat(problem(Map.of(HttpJobSpec.URL, "https://example.com/" + "a".repeat(2_000))))
                .isEqualTo("urlTooLong");
        assertThat(problem(Map.of(HttpJobSpec.URL, "https://example.com/", HttpJobSpec.TIMEOUT, "PT2H")))
                .isEqualTo("timeoutRange");
    }

    @Test
    void the_allow_list_lets_through_only_its_hosts_and_their_subdomains_when_so_written() {
        HttpJobProperties allowed = new HttpJobProperties(List.of("api.example.com", " *.internal.test "));

        assertThat(allowed.allows("API.example.com")).isTrue();
        assertThat(allowed.allows("internal.test")).isTrue();
        assertThat(allowed.allows("a.b.internal.test")).isTrue();
        assertThat(allowed.allows("example.com")).isFalse();
        assertThat(allowed.allows("evilinternal.test")).isFalse();
        HttpJobSpec.Parsed refused = HttpJobSpec.parse(Map.of(HttpJobSpec.URL, "http://example.com/"), allowed);
        assertThat(refused.problems())
                .singleElement()
                .satisfies(p -> assertThat(p.code()).isEqualTo("hostNotAllowed"))
                .satisfies(
                        p -> assertThat(p.args()).containsExactly("example.com", "api.example.com, *.internal.test"));
    }

    @Test
    void defaults_make_a_plain_url_a_get_that_expects_2xx_within_30_seconds() {
        HttpJobSpec spec = HttpJobSpec.parse(Map.of(HttpJobSpec.URL, "http://localhost:8080/ping"), ANY_HOST)
                .spec();

        assertThat(spec.method()).isEqualTo("GET");
        assertThat(spec.timeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(spec.expected()).containsExactly(new HttpJobSpec.StatusRange(200, 299));
    }

    private static String problem(Map<String, String> data) {
        return HttpJobSpec.parse(data, ANY_HOST).problems().getFirst().code();
    }
}
