package io.jobdeck.audit.internal;

import io.jobdeck.audit.AuditLog;
import io.jobdeck.audit.AuditOutcome;
import io.jobdeck.audit.Audited;
import io.jobdeck.audit.AuditedResult;
import io.jobdeck.security.Actor;
import io.jobdeck.support.Errors;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.context.expression.BeanFactoryResolver;
import org.springframework.context.expression.MethodBasedEvaluationContext;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.ParameterNameDiscoverer;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.expression.Expression;
import org.springframework.expression.spel.standard.SpelExpressionParser;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;

/**
 * Records every call of an {@link Audited} method. It wraps method security, so it sees a refusal as well as the
 * outcome; for a method that returns a {@link CompletionStage}, the record is made when the stage completes, and the
 * stage the caller gets completes after that.
 */
final class AuditedMethodInterceptor implements MethodInterceptor {

    static final String DENIED_DETAIL = "Role does not allow this action";
    private static final Logger log = LoggerFactory.getLogger(AuditedMethodInterceptor.class);

    private final AuditLog audit;
    private final BeanFactory beans;
    private final SpelExpressionParser parser = new SpelExpressionParser();
    private final ParameterNameDiscoverer parameterNames = new DefaultParameterNameDiscoverer();
    private final Map<String, Expression> expressions = new ConcurrentHashMap<>();

    AuditedMethodInterceptor(AuditLog audit, BeanFactory beans) {
        this.audit = audit;
        this.beans = beans;
    }

    @Override
    public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
        Method method = invocation.getMethod();
        Object target = invocation.getThis();
        Method specific = target == null ? method : AopUtils.getMostSpecificMethod(method, target.getClass());
        Audited audited = AnnotatedElementUtils.findMergedAnnotation(specific, Audited.class);
        if (audited == null) {
            return invocation.proceed();
        }
        Actor by = Actor.current();
        String computed = evaluate(audited.target(), specific, invocation);
        String what =
                computed != null ? computed : specific.getDeclaringClass().getSimpleName() + "." + specific.getName();
        @Nullable String said = audited.detail().isEmpty() ? null : evaluate(audited.detail(), specific, invocation);
        Object result;
        try {
            result = invocation.proceed();
        } catch (AccessDeniedException | AuthenticationException refused) {
            audit.record(by, audited.value(), what, AuditOutcome.DENIED, DENIED_DETAIL);
            throw refused;
        } catch (RuntimeException failed) {
            audit.record(by, audited.value(), what, AuditOutcome.FAILED, Errors.describe(failed));
            throw failed;
        }
        if (result instanceof CompletionStage<?> stage) {
            return stage.whenComplete((value, error) -> {
                if (error != null) {
                    audit.record(by, audited.value(), what, AuditOutcome.FAILED, Errors.describe(error));
                } else {
                    Optional<String> failure = value instanceof AuditedResult r ? r.failure() : Optional.empty();
                    audit.record(
                            by,
                            audited.value(),
                            what,
                            failure.isPresent() ? AuditOutcome.FAILED : AuditOutcome.SUCCESS,
                            failure.orElseGet(() -> value instanceof AuditedResult r
                                    ? r.detail().orElse(said)
                                    : said));
                }
            });
        }
        audit.record(by, audited.value(), what, AuditOutcome.SUCCESS, said);
        return result;
    }

    /** A SpEL expression of {@code @Audited} over the call's arguments; null if it gives null or cannot be computed. */
    private @Nullable String evaluate(String source, Method method, MethodInvocation invocation) {
        try {
            Expression expression = expressions.computeIfAbsent(source, parser::parseExpression);
            MethodBasedEvaluationContext context = new MethodBasedEvaluationContext(
                    invocation.getThis(), method, invocation.getArguments(), parameterNames);
            context.setBeanResolver(new BeanFactoryResolver(beans));
            Object value = expression.getValue(context);
            return value == null ? null : value.toString();
        } catch (RuntimeException e) {
            log.warn("Audit expression {} of {} could not be computed: {}", source, method, Errors.describe(e));
            return null;
        }
    }
}
