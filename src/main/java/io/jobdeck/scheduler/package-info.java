@NullMarked
package io.jobdeck.scheduler;

import org.jspecify.annotations.NullMarked;
