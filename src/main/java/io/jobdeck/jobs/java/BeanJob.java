package io.jobdeck.jobs.java;

import io.jobdeck.jobs.JobRun;
import io.jobdeck.jobs.JobTasks;
import io.jobdeck.jobs.JobdeckJob;
import io.jobdeck.jobs.Progress;
import io.jobdeck.scheduler.JobInterruptedException;
import io.jobdeck.support.Errors;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.InterruptableJob;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.JobKey;

/**
 * Runs the {@link JobdeckJob} bean its job's data names ({@code java.job}) with its parameters read from the run's
 * data (the job's own, plus a Run now's extra ones) and checked against what the bean declares now. An interrupt sets
 * the run's flag and interrupts the worker thread only while the bean runs on it.
 */
@DisallowConcurrentExecution
public class BeanJob implements InterruptableJob {

    private final JavaJobCatalog catalog;
    private final Object lock = new Object();
    private @Nullable Thread runner; // guarded by lock: the worker, only while the bean runs
    private volatile boolean interrupted;

    /** Created by Spring's job factory, one per run. */
    public BeanJob(JavaJobCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public void execute(JobExecutionContext context) throws JobExecutionException {
        String id = String.valueOf(context.getJobDetail().getJobDataMap().get(JavaJobKind.JOB));
        JobdeckJob bean = catalog.bean(id)
                .orElseThrow(() -> new JobExecutionException("The Java job " + id + " is not in this application"));
        ParameterValues.Parsed parsed =
                ParameterValues.parse(bean.parameters(), context.getMergedJobDataMap(), false, JavaJobKind.JOB);
        if (!parsed.problems().isEmpty()) {
            throw new JobExecutionException("The parameters of " + bean.title() + " are not valid: "
                    + parsed.problems().stream()
                            .map(p -> p.parameter() + " " + p.code())
                            .collect(Collectors.joining(", ")));
        }
        JobKey key = context.getJobDetail().getKey();
        synchronized (lock) {
            runner = Thread.currentThread();
        }
        try {
            bean.run(new JobRun(
                    key.getGroup(),
                    key.getName(),
                    parsed.values(),
                    () -> interrupted,
                    Progress.of(context),
                    JobTasks.of(context)));
        } catch (InterruptedException e) {
            interrupted = true;
        } catch (JobExecutionException e) {
            throw e;
        } catch (Exception e) {
            if (!interrupted) {
                throw new JobExecutionException(bean.title() + " failed: " + Errors.describe(e), e);
            }
        } finally {
            synchronized (lock) {
                runner = null;
                Thread.interrupted(); // an interrupt meant for this run ends with it, not on the pool's thread
            }
        }
        if (interrupted) {
            throw new JobInterruptedException(bean.title() + " was interrupted");
        }
    }

    @Override
    public void interrupt() {
        interrupted = true;
        synchronized (lock) {
            if (runner != null) {
                runner.interrupt();
            }
        }
    }
}
