package io.jobdeck.jobs.java;

import io.jobdeck.jobs.DeclaredJob;
import io.jobdeck.jobs.JobParameter;
import io.jobdeck.jobs.JobdeckJob;
import io.jobdeck.jobs.SelectableJob;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.quartz.Job;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.context.event.EventListener;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.stereotype.Component;
import org.springframework.util.ClassUtils;

/**
 * The Java jobs the form offers: every {@link JobdeckJob} bean (by bean name), and every Quartz job class marked
 * {@link DeclaredJob} in the packages of {@code jobdeck.jobs.java.packages} (searched once, when the application is
 * ready). A bean or class whose
 * declaration is wrong (a bad parameter name, a default not of its type) is left out, with a warning in the log.
 */
@Component
public class JavaJobCatalog {

    static final String BEAN = "bean:";
    static final String CLASS = "class:";

    private static final Logger log = LoggerFactory.getLogger(JavaJobCatalog.class);

    private final ListableBeanFactory beans;
    private final JavaJobProperties properties;
    private volatile @Nullable Map<String, Declared> classes;

    public JavaJobCatalog(ListableBeanFactory beans, JavaJobProperties properties) {
        this.beans = beans;
        this.properties = properties;
    }

    private record Declared(Class<? extends Job> type, SelectableJob job) {}

    /** Every selectable job, by title. */
    public List<SelectableJob> all() {
        List<SelectableJob> all = new ArrayList<>();
        for (String name : beans.getBeanNamesForType(JobdeckJob.class)) {
            bean(BEAN + name).flatMap(b -> selectable(BEAN + name, b)).ifPresent(all::add);
        }
        classes().values().forEach(d -> all.add(d.job()));
        all.sort(Comparator.comparing(SelectableJob::title).thenComparing(SelectableJob::id));
        return all;
    }

    public Optional<SelectableJob> find(String id) {
        if (id.startsWith(CLASS)) {
            return Optional.ofNullable(classes().get(id)).map(Declared::job);
        }
        return bean(id).flatMap(b -> selectable(id, b));
    }

    /** The bean a {@code bean:} id names, if there is one. */
    public Optional<JobdeckJob> bean(String id) {
        if (!id.startsWith(BEAN)) {
            return Optional.empty();
        }
        String name = id.substring(BEAN.length());
        return beans.containsBean(name) && beans.isTypeMatch(name, JobdeckJob.class)
                ? Optional.of(beans.getBean(name, JobdeckJob.class))
                : Optional.empty();
    }

    /** The Quartz job class a {@code class:} id names, if it is one of the declared ones. */
    public Optional<Class<? extends Job>> quartzClass(String id) {
        return Optional.ofNullable(classes().get(id)).map(Declared::type);
    }

    private static Optional<SelectableJob> selectable(String id, JobdeckJob bean) {
        try {
            return Optional.of(new SelectableJob(id, bean.title(), bean.parameters()));
        } catch (RuntimeException e) {
            log.warn("Java job {} is not offered: its declaration is wrong: {}", id, e.getMessage());
            return Optional.empty();
        }
    }

    /** Searches the packages once the application is up, so that no page waits for it. */
    @EventListener(ApplicationReadyEvent.class)
    void searchPackages() {
        classes();
    }

    private Map<String, Declared> classes() {
        Map<String, Declared> found = classes;
        if (found == null) {
            found = scan();
            classes = found;
        }
        return found;
    }

    private Map<String, Declared> scan() {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(DeclaredJob.class));
        Map<String, Declared> found = new LinkedHashMap<>();
        for (String pkg : properties.packages()) {
            for (BeanDefinition candidate : scanner.findCandidateComponents(pkg)) {
                String name = String.valueOf(candidate.getBeanClassName());
                Class<?> type = ClassUtils.resolveClassName(name, JavaJobCatalog.class.getClassLoader());
                DeclaredJob declared = type.getAnnotation(DeclaredJob.class);
                if (!Job.class.isAssignableFrom(type) || declared == null) {
                    log.warn("{} is marked @DeclaredJob but is no Quartz Job: not offered", name);
                    continue;
                }
                try {
                    List<JobParameter> parameters = Arrays.stream(declared.parameters())
                            .map(p -> new JobParameter(
                                    p.name(), p.type(), p.required(), p.defaultValue(), p.secret(), p.help()))
                            .toList();
                    found.put(
                            CLASS + name,
                            new Declared(
                                    type.asSubclass(Job.class),
                                    new SelectableJob(CLASS + name, declared.title(), parameters)));
                } catch (IllegalArgumentException e) {
                    log.warn("Java job {} is not offered: its declaration is wrong: {}", name, e.getMessage());
                }
            }
        }
        return Map.copyOf(found);
    }
}
