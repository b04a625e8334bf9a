package io.jobdeck.scheduler.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quartz.JobBuilder.newJob;
import static org.quartz.TriggerBuilder.newTrigger;

import java.util.Date;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.SchedulerContext;
import org.quartz.spi.OperableTrigger;
import org.quartz.spi.TriggerFiredBundle;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

class PlainJobShortcutTest {

    /** A bean that jobs ask for. */
    static final class Greeting {
        final String text = "hello";
    }

    private final AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
    private final AtomicInteger postProcessed = new AtomicInteger();
    private final PlainJobShortcut factory = new PlainJobShortcut();

    PlainJobShortcutTest() throws Exception {
        context.registerBean(Greeting.class, Greeting::new);
        context.getBeanFactory().addBeanPostProcessor(new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof Job) {
                    postProcessed.incrementAndGet();
                }
                return bean instanceof Wrapped ? new Wrapped() {} : bean;
            }
        });
        context.refresh();
        factory.setApplicationContext(context);
        SchedulerContext schedulerContext = new SchedulerContext();
        schedulerContext.put("origin", "scheduler");
        factory.setSchedulerContext(schedulerContext);
    }

    @AfterEach
    void close() {
        context.close();
    }

    @DisallowConcurrentExecution
    public static class PlainJob implements Job {
        @Nullable
        String target;

        @Nullable
        String origin;

        public void setTarget(String target) {
            this.target = target;
        }

        public void setOrigin(String origin) {
            this.origin = origin;
        }

        @Override
        public void execute(JobExecutionContext context) {}
    }

    public static class ConstructorInjected implements Job {
        final Greeting greeting;

        public ConstructorInjected(Greeting greeting) {
            this.greeting = greeting;
        }

        @Override
        public void execute(JobExecutionContext context) {}
    }

    public static class FieldInjected implements Job {
        @Autowired
        @Nullable
        Greeting greeting;

        @Override
        public void execute(JobExecutionContext context) {}
    }

    public static class ContextAware implements Job, ApplicationContextAware {
        @Nullable
        ApplicationContext context;

        @Override
        public void setApplicationContext(ApplicationContext context) {
            this.context = context;
        }

        @Override
        public void execute(JobExecutionContext context) {}
    }

    public static class Initialized implements Job, InitializingBean {
        boolean initialized;

        @Override
        public void afterPropertiesSet() {
            initialized = true;
        }

        @Override
        public void execute(JobExecutionContext context) {}
    }

    public static class TwoConstructors implements Job {
        public TwoConstructors() {}

        public TwoConstructors(String ignored) {}

        @Override
        public void execute(JobExecutionContext context) {}
    }

    /** Replaced by a subclass instance by this test's post-processor, as a proxy would be. */
    public static class Wrapped implements Job {
        @Override
        public void execute(JobExecutionContext context) {}
    }

    private static TriggerFiredBundle fire(Class<? extends Job> type) {
        OperableTrigger trigger = (OperableTrigger)
                newTrigger().withIdentity("t").usingJobData("target", "world").build();
        Date now = new Date();
        return new TriggerFiredBundle(
                newJob(type).withIdentity("j").build(), trigger, null, false, now, now, null, null);
    }

    private Job make(Class<? extends Job> type) throws Exception {
        return factory.newJob(fire(type), null);
    }

    @Test
    void a_plain_job_is_a_new_instance_at_every_fire_with_its_data_and_the_scheduler_context_as_properties()
            throws Exception {
        PlainJob first = (PlainJob) make(PlainJob.class);
        PlainJob second = (PlainJob) make(PlainJob.class);
        PlainJob third = (PlainJob) make(PlainJob.class);

        assertThat(first).isNotSameAs(second).isNotSameAs(third);
        assertThat(second).isNotSameAs(third);
        for (PlainJob job : new PlainJob[] {first, second, third}) {
            assertThat(job.target).isEqualTo("world");
            assertThat(job.origin).isEqualTo("scheduler");
        }
        // Only the first went through the application context.
        assertThat(postProcessed).hasValue(1);
    }

    @Test
    void jobs_that_need_spring_get_it_at_every_fire() throws Exception {
        for (int fire = 0; fire < 3; fire++) {
            assertThat(((ConstructorInjected) make(ConstructorInjected.class)).greeting)
                    .isSameAs(context.getBean(Greeting.class));
            assertThat(((FieldInjected) make(FieldInjected.class)).greeting).isSameAs(context.getBean(Greeting.class));
            assertThat(((ContextAware) make(ContextAware.class)).context).isSameAs(context);
            assertThat(((Initialized) make(Initialized.class)).initialized).isTrue();
        }
        assertThat(postProcessed).hasValue(12);
    }

    @Test
    void a_job_a_post_processor_replaces_keeps_going_through_the_application_context() throws Exception {
        Job first = make(Wrapped.class);
        Job second = make(Wrapped.class);

        assertThat(first.getClass()).isNotEqualTo(Wrapped.class);
        assertThat(second.getClass()).isNotEqualTo(Wrapped.class);
        assertThat(postProcessed).hasValue(2);
    }

    @Test
    void plain_means_one_constructor_without_parameters_and_nothing_spring_could_act_on() {
        assertThat(PlainJobShortcut.isPlain(PlainJob.class)).isTrue();
        assertThat(PlainJobShortcut.isPlain(ConstructorInjected.class)).isFalse();
        assertThat(PlainJobShortcut.isPlain(FieldInjected.class)).isFalse();
        assertThat(PlainJobShortcut.isPlain(ContextAware.class)).isFalse();
        assertThat(PlainJobShortcut.isPlain(Initialized.class)).isFalse();
        assertThat(PlainJobShortcut.isPlain(TwoConstructors.class)).isFalse();
    }
}
