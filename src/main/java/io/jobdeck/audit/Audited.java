package io.jobdeck.audit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares that a service method is an audited action: the one place a feature says what it audits. Every call is
 * recorded with the caller, the target and the outcome: DENIED when method security refuses it, FAILED when it throws
 * or its {@code CompletionStage} completes exceptionally (or with a {@link AuditedResult} that failed), SUCCESS
 * otherwise. A refused call and a successful one show the same target.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Audited {

    AuditAction value();

    /**
     * What the action is done to, as shown in the trail: a SpEL expression over the method's parameters
     * ({@code #name}) and beans ({@code @bean}), e.g. {@code "'job ' + #group + '.' + #name"}.
     */
    String target();

    /**
     * What a successful call did, for the trail when its result does not say ({@link AuditedResult#detail()}): a SpEL
     * expression like {@link #target()}; empty or {@code null} for nothing. Never put secret values in it.
     */
    String detail() default "";
}
