package io.jobdeck.jobs.demo;

import io.jobdeck.jobs.JobParameter;
import io.jobdeck.jobs.JobRun;
import io.jobdeck.jobs.JobdeckJob;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Demo: a Java job an admin can pick in the new-job form ("Java job"), with one parameter of each type and a secret
 * one. It stands for a report that takes {@code work} to write, and stops early when interrupted.
 */
@Component
@ConditionalOnProperty(name = "jobdeck.demo.enabled", havingValue = "true", matchIfMissing = true)
public class DemoReportJob implements JobdeckJob {

    private static final Logger log = LoggerFactory.getLogger(DemoReportJob.class);

    @Override
    public String title() {
        return "[Demo] Send a report";
    }

    @Override
    public List<JobParameter> parameters() {
        return List.of(
                JobParameter.required("recipient", JobParameter.Type.STRING, "Who gets the report (an e-mail address)"),
                JobParameter.optional("days", JobParameter.Type.INTEGER, "7", "How many days the report covers"),
                JobParameter.optional("dryRun", JobParameter.Type.BOOLEAN, "false", "Write it, but send nothing"),
                JobParameter.optional("work", JobParameter.Type.DURATION, "PT2S", "How long writing it takes"),
                JobParameter.optional("apiToken", JobParameter.Type.STRING, "", "Token of the mail service")
                        .asSecret());
    }

    @Override
    public void run(JobRun run) throws InterruptedException {
        long deadline = System.nanoTime() + run.duration("work").toNanos();
        while (!run.interrupted() && System.nanoTime() < deadline) {
            // Stands in for the work; a real job checks run.interrupted() (or the thread's interrupt) as it goes.
            Thread.sleep(Math.min(
                    200,
                    Math.max(1, Duration.ofNanos(deadline - System.nanoTime()).toMillis())));
        }
        log.info(
                "Demo report over {} days for {}{}",
                run.integer("days"),
                run.string("recipient"),
                run.flag("dryRun") ? " (dry run: not sent)" : "");
    }
}
