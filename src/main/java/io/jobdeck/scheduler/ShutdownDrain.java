package io.jobdeck.scheduler;

import java.time.Duration;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Application shutdown, before Quartz is shut down: no more commands, no more firing, then up to
 * {@code jobdeck.scheduler.shutdown-timeout} for running jobs to end by themselves, then an interrupt for the rest.
 * (Spring destroys this bean before the scheduler and the control it depends on.)
 */
@Component
class ShutdownDrain implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ShutdownDrain.class);
    /** Triggers Quartz acquired just before standby still fire: nothing may run for this long before we call it done. */
    private static final Duration QUIET_BEFORE_SHUTDOWN = Duration.ofMillis(300);

    private final Scheduler scheduler;
    private final SchedulerControl control;
    private final SchedulerProperties properties;

    ShutdownDrain(Scheduler scheduler, SchedulerControl control, SchedulerProperties properties) {
        this.scheduler = scheduler;
        this.control = control;
        this.properties = properties;
    }

    @Override
    public void destroy() {
        control.close();
        try {
            if (scheduler.isShutdown()) {
                return;
            }
            scheduler.standby();
            int running = control.runningJobs().size();
            if (running > 0) {
                log.info("Waiting up to {} for {} running jobs before shutdown", properties.shutdownTimeout(), running);
            }
            long deadline = System.nanoTime() + properties.shutdownTimeout().toNanos();
            long quietSince = System.nanoTime();
            while (System.nanoTime() < deadline && System.nanoTime() - quietSince < QUIET_BEFORE_SHUTDOWN.toNanos()) {
                if (!control.runningJobs().isEmpty()) {
                    quietSince = System.nanoTime();
                }
                Thread.sleep(20);
            }
            if (!control.runningJobs().isEmpty()) {
                log.warn(
                        "Shutdown timeout reached; interrupting {} running jobs",
                        control.runningJobs().size());
                control.interruptRunningJobs();
            }
        } catch (SchedulerException e) {
            log.warn("Could not drain the scheduler before shutdown", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
