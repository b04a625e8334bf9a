package io.jobdeck.bench;

import io.jobdeck.jobs.JobDefinition;
import io.jobdeck.jobs.code.DefinitionsDocument;
import io.jobdeck.jobs.code.DocumentFormat;
import io.jobdeck.jobs.code.ImportPlan;
import io.jobdeck.jobs.code.JobsAsCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.quartz.impl.matchers.GroupMatcher;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Jobs as code at 10,000 jobs in the embedded (H2 file) store, through the service as the page, the API and the
 * command line call it (role check, its worker thread, one transaction): the dry run and the import of a document of
 * 10,000 HTTP jobs (each with a cron trigger) into an empty store, the dry run of the same document again (all
 * unchanged), an import whose last job is invalid (refused, the store left as it was), and the export of them all.
 */
final class ImportBench {

    record Result(
            int jobs,
            int bytes,
            long dryRunEmptyMs,
            long importMs,
            long dryRunFullMs,
            long refusedMs,
            long exportMs,
            boolean unchanged) {}

    private ImportBench() {}

    static Result run(int jobs) throws Exception {
        try (JobdeckApp app = JobdeckApp.boot(4)) {
            SecurityContextHolder.getContext()
                    .setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                            "bench-admin",
                            "n/a",
                            AuthorityUtils.createAuthorityList("ROLE_VIEWER", "ROLE_OPERATOR", "ROLE_ADMIN")));
            JobsAsCode code = app.context.getBean(JobsAsCode.class);
            String document = document(jobs, false);
            BenchMain.log("import benchmark: a document of %,d jobs, %,d characters", jobs, document.length());
            long t = System.nanoTime();
            ImportPlan dry = get(code.readPlan(document, ImportPlan.Mode.MERGE, Locale.ENGLISH));
            long dryRunEmpty = millisSince(t);
            BenchMain.log("dry run into an empty store: %s in %d ms", dry.summary(), dryRunEmpty);
            t = System.nanoTime();
            ImportPlan done = get(code.apply(document, ImportPlan.Mode.MERGE, null, Locale.ENGLISH))
                    .plan();
            long imported = millisSince(t);
            BenchMain.log("import: %s in %d ms", done.summary(), imported);
            t = System.nanoTime();
            ImportPlan again = get(code.readPlan(document, ImportPlan.Mode.MERGE, Locale.ENGLISH));
            long dryRunFull = millisSince(t);
            BenchMain.log("dry run over the imported store: %s in %d ms", again.summary(), dryRunFull);
            String broken = document(jobs, true);
            t = System.nanoTime();
            String refusal;
            try {
                get(code.apply(broken, ImportPlan.Mode.REPLACE, null, Locale.ENGLISH));
                refusal = "accepted";
            } catch (ExecutionException e) {
                refusal = e.getCause() instanceof JobsAsCode.Invalid invalid
                        ? invalid.problems().getFirst().path()
                        : String.valueOf(e.getCause());
            }
            long refused = millisSince(t);
            int stored = app.scheduler.getJobKeys(GroupMatcher.anyJobGroup()).size();
            BenchMain.log(
                    "import with the last job invalid: refused at %s in %d ms; %,d jobs stored",
                    refusal, refused, stored);
            t = System.nanoTime();
            JobsAsCode.Export export = get(code.readExport(JobsAsCode.Selection.ALL, DocumentFormat.YAML));
            long exported = millisSince(t);
            BenchMain.log(
                    "export: %,d jobs, %,d characters in %d ms",
                    export.jobs(), export.text().length(), exported);
            return new Result(
                    jobs,
                    document.length(),
                    dryRunEmpty,
                    imported,
                    dryRunFull,
                    refused,
                    exported,
                    stored == jobs && again.count(ImportPlan.Subject.JOB, ImportPlan.Action.UNCHANGED) == jobs);
        }
    }

    private static <T> T get(java.util.concurrent.CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(30, TimeUnit.MINUTES);
    }

    private static long millisSince(long start) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    private static String document(int jobs, boolean lastInvalid) {
        List<DefinitionsDocument.JobEntry> entries = new ArrayList<>();
        for (int i = 0; i < jobs; i++) {
            String cron = lastInvalid && i == jobs - 1 ? "every night" : "0 " + (i % 60) + " " + (i % 24) + " * * ?";
            entries.add(new DefinitionsDocument.JobEntry(
                    "group-" + (i % 20),
                    "job-" + i,
                    "Bench job " + i,
                    JobDefinition.JobType.HTTP,
                    Map.of("http.method", "POST", "http.url", "https://bench.example.com/jobs/" + i),
                    List.of(new DefinitionsDocument.TriggerEntry(
                            null, cron, null, null, null, "UTC", null, null, null, null, null, null))));
        }
        return DocumentFormat.YAML.write(new DefinitionsDocument(DefinitionsDocument.VERSION, List.of(), entries));
    }
}
