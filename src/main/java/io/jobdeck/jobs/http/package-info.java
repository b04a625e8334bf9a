/** The HTTP request job type: its definition as string properties, and the Quartz job that sends it. */
@NullMarked
package io.jobdeck.jobs.http;

import org.jspecify.annotations.NullMarked;
