package io.jobdeck.cluster;

import io.jobdeck.jobs.DeclaredJob;
import org.quartz.Job;
import org.quartz.JobExecutionContext;

/**
 * The cluster proofs' job: a Java job that does nothing, selectable by its annotation when a node searches this
 * package ({@code --jobdeck.jobs.java.packages=io.jobdeck.cluster}); what is measured is the firing, not the work.
 */
@DeclaredJob(title = "Does nothing (cluster proofs)")
public class ProofJob implements Job {

    /** The setting that makes it selectable on a node. */
    static final String PACKAGES = "--jobdeck.jobs.java.packages=io.jobdeck.cluster";

    /** Its properties in a definitions document. */
    static final String PROPERTIES = "{\"java.job\": \"class:io.jobdeck.cluster.ProofJob\"}";

    @Override
    public void execute(JobExecutionContext context) {}
}
