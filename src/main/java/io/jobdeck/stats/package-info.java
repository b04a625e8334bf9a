@NullMarked
package io.jobdeck.stats;

import org.jspecify.annotations.NullMarked;
