@NullMarked
package io.jobdeck.scheduler.api;

import org.jspecify.annotations.NullMarked;
