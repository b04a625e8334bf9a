package io.jobdeck.jobs.demo;

import java.util.concurrent.ThreadLocalRandom;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;

/** Demo: a job that fails now and then (about one run in three), to show failures on the dashboard. */
public class FlakyJob implements Job {

    @Override
    public void execute(JobExecutionContext context) throws JobExecutionException {
        if (ThreadLocalRandom.current().nextInt(3) == 0) {
            throw new JobExecutionException("Upstream service answered 503 (a demo failure)");
        }
    }
}
