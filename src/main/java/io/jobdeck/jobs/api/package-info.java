/**
 * Jobs, triggers, calendars and upcoming fires over HTTP, under {@code /api/v1}: thin controllers over the services the
 * views call, whose roles and checks apply as they are.
 */
@NullMarked
package io.jobdeck.jobs.api;

import org.jspecify.annotations.NullMarked;
