@NullMarked
package io.jobdeck.metrics.internal;

import org.jspecify.annotations.NullMarked;
