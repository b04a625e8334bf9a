package io.jobdeck.jobs.demo;

import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Demo: a frequent, quick job that shows the dashboard moving. */
public class HeartbeatJob implements Job {

    private static final Logger log = LoggerFactory.getLogger(HeartbeatJob.class);

    @Override
    public void execute(JobExecutionContext context) {
        log.debug("Heartbeat {}", context.getFireTime());
    }
}
