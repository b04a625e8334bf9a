@NullMarked
package io.jobdeck.audit.internal;

import org.jspecify.annotations.NullMarked;
