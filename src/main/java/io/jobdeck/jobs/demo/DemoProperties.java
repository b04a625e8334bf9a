package io.jobdeck.jobs.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code jobdeck.demo.*}: whether the demo jobs are installed (true) or removed (false). */
@ConfigurationProperties("jobdeck.demo")
public record DemoProperties(@DefaultValue("true") boolean enabled) {}
