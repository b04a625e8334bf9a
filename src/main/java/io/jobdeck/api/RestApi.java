package io.jobdeck.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a controller of the REST API: whatever goes wrong in it is answered as a problem detail (never a stack trace or
 * the app's HTML page), and its endpoints are in the OpenAPI description.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface RestApi {}
