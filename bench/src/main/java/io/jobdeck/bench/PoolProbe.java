package io.jobdeck.bench;

import java.lang.reflect.Field;
import java.util.List;
import java.util.function.IntSupplier;
import org.quartz.Scheduler;
import org.quartz.core.QuartzSchedulerResources;
import org.quartz.simpl.SimpleThreadPool;
import org.quartz.spi.ThreadPool;

/**
 * Busy worker threads of a Quartz scheduler: those Quartz cannot hand a trigger to (running a job, its listeners
 * or its completion in the job store). Read from SimpleThreadPool's busy list by reflection, for reporting only;
 * if that is not possible, jobs inside {@code execute()} are counted instead.
 */
final class PoolProbe {

    private PoolProbe() {}

    static IntSupplier busyWorkers(Scheduler scheduler) {
        try {
            Field resources = scheduler.getClass().getDeclaredField("resources");
            resources.setAccessible(true);
            ThreadPool pool = ((QuartzSchedulerResources) resources.get(scheduler)).getThreadPool();
            if (pool instanceof SimpleThreadPool) {
                Field busy = SimpleThreadPool.class.getDeclaredField("busyWorkers");
                busy.setAccessible(true);
                List<?> list = (List<?>) busy.get(pool);
                return list::size; // an unsynchronised read of a size: good enough for sampling
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            // fall through
        }
        return BenchJobs.ACTIVE::get;
    }
}
