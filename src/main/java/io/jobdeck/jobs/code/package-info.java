/**
 * Jobs as code: every job definition (jobs, triggers, calendars, parameters, pause) as one versioned YAML or JSON
 * document, exported with secrets as {@code ${NAME}} references, and imported after a check of the whole document and
 * a dry run that shows the difference, all or nothing; a definitions file applied at every start manages its jobs.
 */
@NullMarked
package io.jobdeck.jobs.code;

import org.jspecify.annotations.NullMarked;
