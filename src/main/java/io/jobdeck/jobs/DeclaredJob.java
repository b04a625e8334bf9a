package io.jobdeck.jobs;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes a plain Quartz {@code Job} class selectable in the new-job form, with its title and parameters. Only classes
 * in the packages of {@code jobdeck.jobs.java.packages} are looked at. The class runs as itself (its Quartz annotations,
 * such as {@code @DisallowConcurrentExecution}, apply) and reads each parameter as a string from its job data, under
 * the parameter's name; the form has checked it against its type.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface DeclaredJob {

    /** What the form lists it as. */
    String title();

    Parameter[] parameters() default {};

    /** One value the form asks for; see {@link JobParameter}. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target({})
    @interface Parameter {

        String name();

        JobParameter.Type type() default JobParameter.Type.STRING;

        boolean required() default false;

        String defaultValue() default "";

        boolean secret() default false;

        String help() default "";
    }
}
