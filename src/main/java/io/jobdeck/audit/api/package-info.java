/** The audit trail over HTTP, under {@code /api/v1/audit}, for ADMIN (the service's rule). */
@NullMarked
package io.jobdeck.audit.api;

import org.jspecify.annotations.NullMarked;
