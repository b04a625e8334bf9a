/** Jobs as code over HTTP: export and import of the definitions document, errors as problem details. */
@NullMarked
package io.jobdeck.jobs.code.api;

import org.jspecify.annotations.NullMarked;
