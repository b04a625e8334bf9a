package io.jobdeck.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The statuses, besides those every endpoint may answer (400, 401, 403, 500), with which an endpoint refuses a request;
 * each is documented in the OpenAPI description as a problem detail with its usual meaning here.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Refusals {

    int[] value();
}
