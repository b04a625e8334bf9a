package io.jobdeck.audit.internal;

import io.jobdeck.audit.AuditLog;
import io.jobdeck.audit.Audited;
import org.springframework.aop.Advisor;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.aop.support.annotation.AnnotationMatchingPointcut;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.annotation.Role;
import org.springframework.core.Ordered;

/** Applies {@link Audited} to every bean, outside method security so that refusals are seen too. */
@Configuration(proxyBeanMethods = false)
class AuditConfig {

    @Bean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    static Advisor auditedMethods(@Lazy AuditLog audit, BeanFactory beans) {
        DefaultPointcutAdvisor advisor = new DefaultPointcutAdvisor(
                AnnotationMatchingPointcut.forMethodAnnotation(Audited.class),
                new AuditedMethodInterceptor(audit, beans));
        // Before every method-security interceptor (the first of which is ordered at MIN_VALUE + 100).
        advisor.setOrder(Ordered.HIGHEST_PRECEDENCE + 50);
        return advisor;
    }
}
