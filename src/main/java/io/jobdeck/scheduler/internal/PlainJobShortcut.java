package io.jobdeck.scheduler.internal;

import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.quartz.Job;
import org.quartz.Scheduler;
import org.quartz.SchedulerContext;
import org.quartz.SchedulerException;
import org.quartz.spi.TriggerFiredBundle;
import org.springframework.scheduling.quartz.SpringBeanJobFactory;

/**
 * Spring's job factory, with a shortcut for plain job classes. {@link SpringBeanJobFactory} makes every job instance
 * with the application context's {@code createBean}: constructor resolution and every bean post-processor, at every
 * fire, on Quartz's scheduler thread. A plain job class has nothing for them to do, so its instances are made as
 * {@link SpringBeanJobFactory} makes them without an application context: by the no-argument constructor, then the
 * job's and the trigger's data (and the scheduler context) set as bean properties, just as with {@code createBean}.
 *
 * <p>Plain means: one constructor, without parameters; no annotation other than Quartz's (and {@code java.lang}'s,
 * jspecify's) on the class, its fields, methods, constructors and parameters, up its superclasses; no interface from
 * outside {@code java.*} and Quartz (so no Spring callback interface). And the first instance, made by
 * {@code createBean} as for any class, came back as a plain instance of the class (not, say, a proxy). Any other class
 * keeps {@code createBean} at every fire: injection by constructor, field or setter, lifecycle callbacks, aspects.
 */
class PlainJobShortcut extends SpringBeanJobFactory {

    /** No application context: the constructor, then the same property population. */
    private final SpringBeanJobFactory plainJobs = new SpringBeanJobFactory();

    /** Per job class, whether it is plain; absent until its first instance was made. */
    private final Map<Class<?>, Boolean> plain = new ConcurrentHashMap<>();

    @Override
    public void setSchedulerContext(SchedulerContext schedulerContext) {
        super.setSchedulerContext(schedulerContext);
        plainJobs.setSchedulerContext(schedulerContext);
    }

    @Override
    public void setIgnoredUnknownProperties(String... ignoredUnknownProperties) {
        super.setIgnoredUnknownProperties(ignoredUnknownProperties);
        plainJobs.setIgnoredUnknownProperties(ignoredUnknownProperties);
    }

    @Override
    public Job newJob(TriggerFiredBundle bundle, Scheduler scheduler) throws SchedulerException {
        Class<? extends Job> type = bundle.getJobDetail().getJobClass();
        Boolean known = plain.get(type);
        if (Boolean.TRUE.equals(known)) {
            return plainJobs.newJob(bundle, scheduler);
        }
        Job job = super.newJob(bundle, scheduler);
        if (known == null) {
            plain.put(type, job.getClass() == type && isPlain(type));
        }
        return job;
    }

    /** Whether {@code createBean} has nothing to do for this class but call its constructor. */
    static boolean isPlain(Class<?> type) {
        Constructor<?>[] constructors = type.getDeclaredConstructors();
        if (Modifier.isAbstract(type.getModifiers())
                || constructors.length != 1
                || constructors[0].getParameterCount() != 0
                || !ownInterfacesOnly(type)) {
            return false;
        }
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            if (!quartzAnnotationsOnly(c) || !ownInterfacesOnly(c)) {
                return false;
            }
            for (Field field : c.getDeclaredFields()) {
                if (!quartzAnnotationsOnly(field)) {
                    return false;
                }
            }
            for (Method method : c.getDeclaredMethods()) {
                if (!quartzAnnotationsOnly(method)) {
                    return false;
                }
            }
            for (Constructor<?> constructor : c.getDeclaredConstructors()) {
                if (!quartzAnnotationsOnly(constructor)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean ownInterfacesOnly(Class<?> type) {
        for (Class<?> i : type.getInterfaces()) {
            if (!(allowed(i.getName()) && ownInterfacesOnly(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean quartzAnnotationsOnly(AnnotatedElement element) {
        for (Annotation a : element.getDeclaredAnnotations()) {
            if (!allowed(a.annotationType().getName())) {
                return false;
            }
        }
        if (element instanceof Executable executable) {
            for (Parameter p : executable.getParameters()) {
                if (!quartzAnnotationsOnly(p)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean allowed(String name) {
        return name.startsWith("java.") || name.startsWith("org.quartz.") || name.startsWith("org.jspecify.");
    }
}
