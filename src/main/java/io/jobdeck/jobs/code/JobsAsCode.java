package io.jobdeck.jobs.code;

import io.jobdeck.audit.AuditAction;
import io.jobdeck.audit.Audited;
import io.jobdeck.audit.AuditedResult;
import io.jobdeck.jobs.StoredCatalog;
import io.jobdeck.security.Permissions;
import io.jobdeck.support.Errors;
import io.jobdeck.support.Threads;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * Jobs as code: the whole catalog (or some groups or jobs) as one definitions document ({@link #readExport}, for
 * everyone who may see the jobs), what importing a document would do ({@link #readPlan}, the dry run, ADMIN), and the
 * import itself ({@link #apply}, ADMIN, audited with its counts): checked whole first, then written all or nothing in
 * one transaction. The work runs on {@code jobdeck-definitions-code}, one document at a time.
 */
@Service
public class JobsAsCode implements DisposableBean {

    private final StoredCatalog catalog;
    private final Planner planner;
    private final ThreadPoolExecutor pool = Threads.single("jobdeck-definitions-code", 10);

    JobsAsCode(StoredCatalog catalog, Planner planner) {
        this.catalog = catalog;
        this.planner = planner;
    }

    /** Which jobs to export: all, those of some groups, or some jobs by key. */
    public record Selection(Set<String> groups, Set<StoredCatalog.Key> jobs) {

        public static final Selection ALL = new Selection(Set.of(), Set.of());

        public Selection {
            groups = Set.copyOf(groups);
            jobs = Set.copyOf(jobs);
        }

        boolean includes(String group, String name) {
            return groups.isEmpty() && jobs.isEmpty()
                    || groups.contains(group)
                    || jobs.contains(new StoredCatalog.Key(group, name));
        }
    }

    /** An exported document, with how many jobs and calendars it holds and how many jobs defined in code it left out. */
    public record Export(String text, DocumentFormat format, int jobs, int calendars, int skipped) {}

    /** Thrown (through the stage) for a document that cannot be imported: every problem with its path. */
    public static final class Invalid extends RuntimeException {

        private final List<ImportPlan.Problem> problems;

        Invalid(List<ImportPlan.Problem> problems) {
            super(problems.size() + " problem(s) in the document, the first: "
                    + problems.getFirst().path() + ": " + problems.getFirst().message());
            this.problems = List.copyOf(problems);
        }

        public List<ImportPlan.Problem> problems() {
            return problems;
        }
    }

    /** An import done: what it did, for the caller and the audit trail. */
    public record Applied(ImportPlan plan) implements AuditedResult {

        @Override
        public Optional<String> failure() {
            return Optional.empty();
        }

        @Override
        public Optional<String> detail() {
            return Optional.of(plan.summary());
        }
    }

    /** The selected jobs and every calendar as a document. Secrets are references, never values. */
    @PreAuthorize(Permissions.VIEW)
    public CompletionStage<Export> readExport(Selection selection, DocumentFormat format) {
        return submit(() -> {
            StoredCatalog.Snapshot snapshot = catalog.read(selection::includes);
            DefinitionsDocument document = planner.writer().document(snapshot);
            return new Export(
                    format.write(document),
                    format,
                    document.jobs().size(),
                    document.calendars().size(),
                    snapshot.skipped());
        });
    }

    /** The dry run: what importing {@code text} would do, or every problem it has. Changes nothing. */
    @PreAuthorize(Permissions.ADMINISTER)
    public CompletionStage<ImportPlan> readPlan(String text, ImportPlan.Mode mode, Locale locale) {
        return submit(() -> prepare(text, mode, null, locale).plan());
    }

    /**
     * Imports {@code text}: checked whole, then written in one transaction, all or nothing; fails with {@link Invalid}
     * (nothing written) if it has any problem. {@code managedBy} names the definitions file the jobs are managed by
     * from now on (null for an upload: they stay editable here).
     */
    @PreAuthorize(Permissions.ADMINISTER)
    @Audited(
            value = AuditAction.IMPORT_DEFINITIONS,
            target = "#managedBy == null ? 'definitions document' : 'definitions file ' + #managedBy")
    public CompletionStage<Applied> apply(
            String text, ImportPlan.Mode mode, @Nullable String managedBy, Locale locale) {
        return submit(() -> {
            Planner.Prepared prepared = prepare(text, mode, managedBy, locale);
            if (!prepared.plan().valid()) {
                throw new Invalid(prepared.plan().problems());
            }
            if (prepared.plan().changesAnything()) {
                catalog.write(prepared.changes());
            }
            return new Applied(prepared.plan());
        });
    }

    private Planner.Prepared prepare(String text, ImportPlan.Mode mode, @Nullable String managedBy, Locale locale)
            throws Exception {
        if (text.length() > DocumentFormat.MAX_CHARS) {
            return new Planner.Prepared(
                    new ImportPlan(
                            mode,
                            List.of(new ImportPlan.Problem(
                                    "", "The document is longer than " + DocumentFormat.MAX_CHARS + " characters")),
                            List.of()),
                    new StoredCatalog.Changes(List.of(), List.of(), List.of()));
        }
        return planner.plan(text, mode, managedBy, catalog.read((group, name) -> true), locale);
    }

    private interface Work<T> {
        T run() throws Exception;
    }

    private <T> CompletionStage<T> submit(Work<T> work) {
        CompletableFuture<T> done = new CompletableFuture<>();
        try {
            pool.execute(() -> {
                try {
                    done.complete(work.run());
                } catch (Invalid invalid) {
                    done.completeExceptionally(invalid);
                } catch (Exception | LinkageError e) {
                    done.completeExceptionally(new IllegalStateException(Errors.describe(e), e));
                }
            });
        } catch (RejectedExecutionException e) {
            done.completeExceptionally(new IllegalStateException("Too many documents are waiting; try again"));
        }
        return done;
    }

    @Override
    public void destroy() {
        Threads.shutdown(pool, Duration.ofSeconds(30));
    }
}
