/** Views for defining jobs in the browser. Thin: the checks and the work are in the jobs services. */
@NullMarked
package io.jobdeck.jobs.ui;

import org.jspecify.annotations.NullMarked;
