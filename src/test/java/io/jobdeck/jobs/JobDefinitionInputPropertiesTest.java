package io.jobdeck.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.HasValue;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.binder.BinderValidationStatus;
import io.jobdeck.jobs.http.HttpJobKind;
import io.jobdeck.jobs.http.HttpJobProperties;
import io.jobdeck.jobs.http.HttpJobSpec;
import io.jobdeck.jobs.internal.JobKinds;
import io.jobdeck.jobs.java.JavaJobCatalog;
import io.jobdeck.jobs.java.JavaJobKind;
import io.jobdeck.jobs.java.JavaJobProperties;
import io.jobdeck.jobs.shell.ShellJobKind;
import io.jobdeck.jobs.shell.ShellJobProperties;
import io.jobdeck.jobs.shell.ShellJobSpec;
import io.jobdeck.testing.Messages;
import io.jobdeck.ui.ConstraintBinder;
import jakarta.validation.Validator;
import java.time.Duration;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * Whatever is typed into the new-job form (malformed, huge, unicode, markup, control characters), its checks never
 * throw, and every refusal names a field of the form and says, in words, what is wrong; what they accept reads back
 * unchanged from its stored string properties.
 */
class JobDefinitionInputPropertiesTest {

    private static final Set<String> FIELDS = Set.of(
            "group",
            "name",
            "description",
            "cron",
            HttpJobSpec.METHOD,
            HttpJobSpec.URL,
            HttpJobSpec.HEADERS,
            HttpJobSpec.SECRET_HEADERS,
            HttpJobSpec.BODY,
            HttpJobSpec.TIMEOUT,
            HttpJobSpec.EXPECTED,
            JobDefinitionChecks.TYPE,
            ShellJobSpec.COMMAND,
            ShellJobSpec.DIRECTORY,
            ShellJobSpec.ENVIRONMENT,
            ShellJobSpec.TIMEOUT,
            JavaJobKind.JOB,
            JavaJobKind.field("recipient"),
            JavaJobKind.field("days"),
            JavaJobKind.field("dryRun"),
            JavaJobKind.field("work"),
            JavaJobKind.field("token"),
            "retry.maxAttempts",
            "retry.delay",
            "retry.maxDelay",
            "retry.jitter",
            JobDefinitionChecks.RETRY_FAILURES,
            "retry.errorContains");

    private final ResourceBundleMessageSource messages = Messages.bundle();
    private final HttpJobProperties http = new HttpJobProperties(List.of("api.example.com", "*.internal.test"));
    private final CronPreview cron = CronPreviewTest.preview(java.time.Instant.parse("2027-03-21T12:00:00Z"));
    /** One Java job with a parameter of each type, one of them secret. */
    private static final JavaJobKind JAVA = new JavaJobKind(
            new JavaJobCatalog(
                    new StaticListableBeanFactory(Map.of("report", new JobdeckJob() {
                        @Override
                        public String title() {
                            return "Report";
                        }

                        @Override
                        public List<JobParameter> parameters() {
                            return List.of(
                                    JobParameter.required("recipient", JobParameter.Type.STRING, ""),
                                    JobParameter.optional("days", JobParameter.Type.INTEGER, "7", ""),
                                    JobParameter.optional("dryRun", JobParameter.Type.BOOLEAN, "", ""),
                                    JobParameter.optional("work", JobParameter.Type.DURATION, "", ""),
                                    JobParameter.optional("token", JobParameter.Type.STRING, "", "")
                                            .asSecret());
                        }

                        @Override
                        public void run(JobRun run) {}
                    })),
                    new JavaJobProperties(List.of())),
            Messages.bundle());

    private final Validator validator = Messages.validator();

    private final JobDefinitionChecks checks = new JobDefinitionChecks(
            cron,
            JobKinds.of(
                    new HttpJobKind(http, messages),
                    new ShellJobKind(new ShellJobProperties(true, Duration.ofSeconds(1)), messages),
                    JAVA),
            messages,
            validator);

    @Property(tries = 300)
    void every_refusal_says_which_field_and_what_is_wrong(
            @ForAll("typed") String group,
            @ForAll("typed") String name,
            @ForAll("typed") String description,
            @ForAll("typed") String url,
            @ForAll("typed") String headers,
            @ForAll("typed") String timeout,
            @ForAll("typed") String expected,
            @ForAll("typed") String cronText,
            @ForAll("locales") Locale locale) {
        Map<String, String> data = Map.of(
                HttpJobSpec.URL, url,
                HttpJobSpec.HEADERS, headers,
                HttpJobSpec.TIMEOUT, timeout,
                HttpJobSpec.EXPECTED, expected,
                HttpJobSpec.BODY, description);
        JobDefinition definition = new JobDefinition(
                group, name, description, JobDefinition.JobType.HTTP, data, cronText, ZoneId.of("Europe/Berlin"));

        List<FieldProblem> problems = checks.check(definition, locale);

        assertThat(problems).allSatisfy(p -> {
            assertThat(FIELDS).contains(p.field());
            assertThat(p.message()).isNotBlank().doesNotContain("{0}").doesNotContain("http.problem.");
        });
        HttpJobSpec.Parsed parsed = HttpJobSpec.parse(data, http);
        if (parsed.spec() != null) {
            assertThat(HttpJobSpec.parse(parsed.spec().toData(), http).spec()).isEqualTo(parsed.spec());
            assertThat(parsed.spec().describe()).doesNotContain("\n");
        } else {
            assertThat(parsed.problems()).isNotEmpty();
        }
    }

    @Property(tries = 300)
    void every_refusal_of_a_shell_command_says_which_field_and_what_is_wrong(
            @ForAll("typed") String command,
            @ForAll("typed") String directory,
            @ForAll("typed") String environment,
            @ForAll("typed") String secret,
            @ForAll("typed") String timeout,
            @ForAll("locales") Locale locale) {
        Map<String, String> data = Map.of(
                ShellJobSpec.COMMAND, command,
                ShellJobSpec.DIRECTORY, directory,
                ShellJobSpec.ENVIRONMENT, environment,
                ShellJobSpec.SECRET_ENVIRONMENT, secret,
                ShellJobSpec.TIMEOUT, timeout);
        JobDefinition definition = new JobDefinition(
                "g", "n", "", JobDefinition.JobType.SHELL, data, "0 0 * * * ?", ZoneId.of("Europe/Berlin"));

        List<FieldProblem> problems = checks.check(definition, locale);

        assertThat(problems).allSatisfy(p -> {
            assertThat(FIELDS).contains(p.field());
            assertThat(p.message()).isNotBlank().doesNotContain("{0}").doesNotContain("shell.problem.");
        });
        ShellJobSpec.Parsed parsed = ShellJobSpec.parse(data);
        if (parsed.spec() != null) {
            assertThat(problems).isEmpty();
            assertThat(ShellJobSpec.parse(parsed.spec().toData()).spec()).isEqualTo(parsed.spec());
            Map<String, String> masked = ShellJobSpec.masked(parsed.spec().toData());
            List<String> lines = masked.get(ShellJobSpec.ENVIRONMENT).lines().toList();
            parsed.spec().environment().stream()
                    .filter(ShellJobSpec.Variable::secret)
                    .forEach(v -> assertThat(lines)
                            .filteredOn(line -> line.strip().startsWith(v.name() + "="))
                            .allSatisfy(line -> assertThat(line).endsWith("=" + HttpJobSpec.MASK)));
        } else {
            assertThat(problems).isNotEmpty();
        }
    }

    @Property(tries = 300)
    void every_refusal_of_a_java_job_says_which_field_and_what_is_wrong_and_what_it_accepts_is_stored_typed(
            @ForAll("typed") String recipient,
            @ForAll("typed") String days,
            @ForAll("typed") String dryRun,
            @ForAll("typed") String work,
            @ForAll("typed") String token,
            @ForAll("typed") String job,
            @ForAll("locales") Locale locale) {
        Map<String, String> data = new HashMap<>(Map.of(
                JavaJobKind.JOB,
                job.length() % 3 == 0 ? job : "bean:report",
                "recipient",
                recipient,
                "days",
                days,
                "dryRun",
                dryRun,
                "work",
                work,
                "token",
                token));
        if (recipient.length() % 4 == 1) {
            data.put(recipient.strip().isEmpty() ? "x" : recipient, "unknown"); // not a parameter of the job
        }
        JobDefinition definition = new JobDefinition(
                "g", "n", "", JobDefinition.JobType.JAVA, data, "0 0 * * * ?", ZoneId.of("Europe/Berlin"));

        List<FieldProblem> problems = checks.check(definition, locale);

        assertThat(problems).allSatisfy(p -> {
            assertThat(FIELDS).contains(p.field());
            assertThat(p.message()).isNotBlank().doesNotContain("{0}").doesNotContain("java.problem.");
        });
        if (problems.isEmpty()) {
            Map<String, String> stored = JAVA.toData(data);
            assertThat(JAVA.check(stored, locale)).isEmpty();
            assertThat(JAVA.toMaskedData(stored).get("token")).isIn(null, "", HttpJobSpec.MASK);
            assertThat(stored.get("days")).matches("-?\\d+");
        }
    }

    @Property(tries = 300)
    void every_refusal_of_a_retry_policy_names_its_field_and_what_it_accepts_reads_back_and_waits_within_bounds(
            @ForAll("attempts") int attempts,
            @ForAll RetryPolicy.Backoff backoff,
            @ForAll("waits") Duration delay,
            @ForAll("waits") Duration maxDelay,
            @ForAll boolean noLongest,
            @ForAll("attempts") int jitter,
            @ForAll Set<RetryPolicy.Failure> failures,
            @ForAll("typed") String errorText,
            @ForAll long seed,
            @ForAll("locales") Locale locale) {
        RetryPolicy policy = new RetryPolicy(
                attempts, backoff, delay, noLongest ? null : maxDelay, jitter, failures, errorText.strip());
        JobDefinition definition = new JobDefinition(
                        "g",
                        "n",
                        "",
                        JobDefinition.JobType.HTTP,
                        Map.of(HttpJobSpec.URL, "https://api.example.com/"),
                        List.of())
                .withRetry(policy);

        List<FieldProblem> problems = checks.check(definition, locale);

        assertThat(problems).allSatisfy(p -> {
            assertThat(p.field()).startsWith("retry.").isIn(FIELDS);
            assertThat(p.message()).isNotBlank().doesNotContain("{");
        });
        if (problems.isEmpty()) {
            assertThat(RetryPolicy.of(policy.toData())).isEqualTo(policy);
            Duration longest = policy.maxDelay() == null ? Duration.ofDays(1) : policy.maxDelay();
            java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
            for (int attempt = 2; attempt <= policy.maxAttempts(); attempt++) {
                assertThat(policy.delayBefore(attempt, random)).isBetween(Duration.ZERO, longest);
            }
        }
    }

    /**
     * The retry fields the form's binder checks say, for any value and in either language, what the service says of
     * them; the other fields show only while the policy retries, so only then are they compared.
     */
    @Property(tries = 200)
    void a_retry_field_checked_by_the_forms_binder_says_what_the_service_says_of_it(
            @ForAll("attempts") int attempts,
            @ForAll("attempts") int jitter,
            @ForAll("typed") String errorText,
            @ForAll("locales") Locale locale) {
        UI ui = new UI();
        ui.setLocale(locale);
        UI.setCurrent(ui);
        try {
            Map<HasValue<?, ?>, String> properties = new IdentityHashMap<>();
            ConstraintBinder<RetryPolicy> binder = new ConstraintBinder<>(RetryPolicy.class, validator);
            for (Map.Entry<String, Integer> number :
                    Map.of("maxAttempts", attempts, "jitter", jitter).entrySet()) {
                IntegerField field = new IntegerField();
                binder.forField(field).bind(number.getKey());
                field.setValue(number.getValue());
                properties.put(field, "retry." + number.getKey());
            }
            TextField text = new TextField();
            binder.bindText(text, "errorContains");
            text.setValue(errorText);
            properties.put(text, "retry.errorContains");
            Map<String, String> shown = new HashMap<>();
            binder.validate()
                    .getFieldValidationErrors()
                    .forEach(error -> shown.put(
                            properties.get(error.getField()), error.getMessage().orElse("")));

            RetryPolicy policy = new RetryPolicy(
                    attempts,
                    RetryPolicy.Backoff.FIXED,
                    Duration.ofSeconds(1),
                    null,
                    jitter,
                    java.util.EnumSet.allOf(RetryPolicy.Failure.class),
                    errorText.strip());
            Map<String, String> said = new HashMap<>();
            checks.check(
                            new JobDefinition(
                                            "g",
                                            "n",
                                            "",
                                            JobDefinition.JobType.HTTP,
                                            Map.of(HttpJobSpec.URL, "https://api.example.com/"),
                                            List.of())
                                    .withRetry(policy),
                            locale)
                    .forEach(p -> said.putIfAbsent(p.field(), p.message()));
            if (attempts == 1) {
                shown.keySet().retainAll(Set.of("retry.maxAttempts"));
            }

            assertThat(shown).isEqualTo(said);
        } finally {
            UI.setCurrent(null);
        }
    }

    @Provide
    Arbitrary<Integer> attempts() {
        return Arbitraries.oneOf(Arbitraries.integers().between(-3, 12), Arbitraries.integers(), Arbitraries.of(1, 2));
    }

    @Provide
    Arbitrary<Duration> waits() {
        return Arbitraries.oneOf(
                Arbitraries.longs().between(-1_000, 100_000_000L).map(Duration::ofMillis),
                Arbitraries.longs().between(0, 200_000).map(Duration::ofSeconds),
                Arbitraries.of(
                        Duration.ZERO,
                        Duration.ofHours(24),
                        Duration.ofHours(24).plusMillis(1)));
    }

    @Property(tries = 300)
    void the_cron_preview_answers_anything_typed_within_its_bounds(
            @ForAll("cronish") String text, @ForAll("locales") Locale locale) {
        CronPreview.Check check =
                cron.check(text, ZoneId.of("America/New_York"), ZoneId.of("Asia/Tokyo"), null, locale);

        if (check.valid()) {
            assertThat(check.fires()).isNotEmpty().hasSizeLessThanOrEqualTo(CronPreview.FIRES);
            assertThat(check.description()).isNotBlank();
        } else {
            assertThat(check.problem()).isNotBlank();
            assertThat(check.fires()).isEmpty();
        }
    }

    @Property(tries = 300)
    void run_parameters_read_anything_typed_and_every_refusal_says_which_line_and_why(
            @ForAll("typed") String first, @ForAll("typed") String second, @ForAll("locales") Locale locale) {
        String text = first + "\n" + second + "=" + first + "\nday=1";

        RunParameters.Parsed parsed = RunParameters.parse(text);

        if (parsed.problems().isEmpty()) {
            assertThat(parsed.values()).isNotEmpty().hasSizeLessThanOrEqualTo(RunParameters.MAX_PARAMETERS);
            assertThat(RunParameters.check(parsed.values())).isEmpty();
            assertThat(parsed.values().values())
                    .allSatisfy(v -> assertThat(v.length()).isLessThanOrEqualTo(RunParameters.MAX_VALUE));
        } else {
            assertThat(parsed.values()).as("nothing half-accepted").isEmpty();
            assertThat(parsed.problems())
                    .allSatisfy(p -> assertThat(messages.getMessage(
                                    "run.problem." + p.code(), p.args().toArray(), locale))
                            .isNotBlank()
                            .doesNotContain("{0}"));
        }
    }

    @Property(tries = 300)
    void an_edit_puts_stored_secrets_back_only_where_the_mask_was_left(
            @ForAll("typed") String url, @ForAll("typed") String headers) {
        HttpJobSpec stored = HttpJobSpec.parse(
                        Map.of(
                                HttpJobSpec.URL, "https://api.example.com/x?token=s3cret",
                                HttpJobSpec.SECRET_PARAMETERS, "token",
                                HttpJobSpec.HEADERS, "Authorization: Bearer t0p"),
                        http)
                .spec();
        Map<String, String> edited = Map.of(HttpJobSpec.URL, url, HttpJobSpec.HEADERS, headers);

        Map<String, String> unmasked = HttpJobSpec.unmask(edited, stored);

        if (!url.contains(HttpJobSpec.MASK)) {
            assertThat(unmasked.get(HttpJobSpec.URL)).isEqualTo(url.strip());
        }
        if (!headers.contains(HttpJobSpec.MASK)) {
            assertThat(unmasked.get(HttpJobSpec.HEADERS))
                    .isEqualTo(String.join("\n", headers.lines().toList()));
        }
        HttpJobSpec.Parsed parsed = HttpJobSpec.parse(unmasked, http);
        if (parsed.spec() != null) {
            assertThat(parsed.spec().describe()).doesNotContain("s3cret", "t0p");
        }
    }

    /** What people type, and what attackers do: any unicode, markup, control characters, sometimes very long. */
    /**
     * The form checks a field with rules of its own through Vaadin's Binder, by its property's constraints; for
     * anything typed, in either language, it says exactly what the service says of that field, or nothing when the
     * service finds nothing wrong with it.
     */
    @Property(tries = 200)
    void a_field_checked_by_the_forms_binder_says_what_the_service_says_of_it(
            @ForAll("typed") String typed, @ForAll int number, @ForAll("locales") Locale locale) {
        UI ui = new UI();
        ui.setLocale(locale);
        UI.setCurrent(ui);
        try {
            Map<HasValue<?, ?>, String> properties = new IdentityHashMap<>();
            ConstraintBinder<JobDefinition> job = new ConstraintBinder<>(JobDefinition.class, validator);
            for (String property : List.of("group", "name", "description")) {
                TextField field = new TextField();
                job.bindText(field, property);
                field.setValue(typed);
                properties.put(field, property);
            }
            ConstraintBinder<TriggerDefinition> trigger = new ConstraintBinder<>(TriggerDefinition.class, validator);
            for (String property : List.of("times", "priority")) {
                IntegerField field = new IntegerField();
                trigger.forField(field).bind(property);
                field.setValue(number);
                properties.put(field, property);
            }
            Map<String, String> shown = new HashMap<>();
            for (BinderValidationStatus<?> status : List.of(job.validate(), trigger.validate())) {
                status.getFieldValidationErrors()
                        .forEach(error -> shown.put(
                                properties.get(error.getField()),
                                error.getMessage().orElse("")));
            }

            JobDefinition definition = new JobDefinition(
                    typed.strip(),
                    typed.strip(),
                    typed.strip(),
                    JobDefinition.JobType.HTTP,
                    Map.of(HttpJobSpec.URL, "https://api.example.com/"),
                    List.of(TriggerDefinition.every(Duration.ofMinutes(5), number, ZoneId.of("UTC"))
                            .withPriority(number)));
            Map<String, String> said = new HashMap<>();
            checks.check(definition, locale).forEach(p -> said.putIfAbsent(p.field(), p.message()));
            said.keySet().retainAll(Set.of("group", "name", "description", "times", "priority"));

            assertThat(shown).isEqualTo(said);
            assertThat(shown.values())
                    .allSatisfy(message -> assertThat(message)
                            .isNotBlank()
                            .doesNotContain("{")
                            .matches(locale.getLanguage().equals("ru") ? "(?s).*[А-я].*" : "[\\x20-\\x7E]+"));
        } finally {
            UI.setCurrent(null);
        }
    }

    @Provide
    Arbitrary<String> typed() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(40),
                Arbitraries.strings().all().ofMinLength(2_000).ofMaxLength(120_000),
                Arbitraries.of(
                        "",
                        " ",
                        "<script>alert(1)</script>",
                        "https://api.example.com/x?token=1",
                        "http://evil.example.com/",
                        "https://user:pw@api.example.com/",
                        "Authorization: Bearer x\r\nHost: evil",
                        "X-Ok: yes\nno colon",
                        "PT0S",
                        "P9999999999D",
                        "99999999999999999999",
                        "200-299,abc",
                        "Задание №1",
                        "名前",
                        "a\u0000b",
                        "\uD83D\uDE00",
                        "sh\n-c\necho $HOME; rm -rf /",
                        "/tmp",
                        "relative/dir",
                        "TOKEN=s3cret\nA=1",
                        "TOKEN",
                        "1BAD=x",
                        "bean:report",
                        "42",
                        "-7",
                        "true",
                        "FALSE",
                        "PT30S",
                        "P1D"));
    }

    @Provide
    Arbitrary<String> cronish() {
        Arbitrary<String> field = Arbitraries.of(
                "0", "*", "?", "0/15", "5-10", "L", "W", "15W", "MON-FRI", "6#3", "JAN", "2099", "1999", "99", "-1",
                "*/0", "LW", "#", ",", "x");
        return Arbitraries.oneOf(
                field.list().ofMinSize(1).ofMaxSize(8).map(parts -> String.join(" ", parts)),
                Arbitraries.strings().all().ofMaxLength(300));
    }

    @Provide
    Arbitrary<Locale> locales() {
        return Arbitraries.of(Locale.ENGLISH, Locale.forLanguageTag("ru"));
    }
}
