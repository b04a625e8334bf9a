/**
 * Java jobs: the {@link io.jobdeck.jobs.JobdeckJob} beans and {@link io.jobdeck.jobs.DeclaredJob} Quartz classes the
 * form offers, their parameters checked and stored as strings, and the Quartz job that runs a bean.
 */
@NullMarked
package io.jobdeck.jobs.java;

import org.jspecify.annotations.NullMarked;
