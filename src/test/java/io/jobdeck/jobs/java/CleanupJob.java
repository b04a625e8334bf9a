package io.jobdeck.jobs.java;

import io.jobdeck.jobs.DeclaredJob;
import io.jobdeck.jobs.JobParameter;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.quartz.Job;
import org.quartz.JobExecutionContext;

/** A plain Quartz job, made selectable by its annotation (its package is searched in the tests). */
@DeclaredJob(
        title = "Clean up a folder",
        parameters = {
            @DeclaredJob.Parameter(name = "folder", required = true, help = "Which folder"),
            @DeclaredJob.Parameter(name = "keep", type = JobParameter.Type.INTEGER, defaultValue = "3"),
            @DeclaredJob.Parameter(name = "password", secret = true),
            @DeclaredJob.Parameter(name = "dryRun", type = JobParameter.Type.BOOLEAN, help = "Only list what goes")
        })
public class CleanupJob implements Job {

    static final BlockingQueue<Map<String, Object>> RAN = new LinkedBlockingQueue<>();

    @Override
    public void execute(JobExecutionContext context) {
        RAN.add(Map.copyOf(context.getMergedJobDataMap().getWrappedMap()));
    }
}
