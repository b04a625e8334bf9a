@NullMarked
package io.jobdeck.stats.internal;

import org.jspecify.annotations.NullMarked;
