@NullMarked
package io.jobdeck.scheduler.internal;

import org.jspecify.annotations.NullMarked;
