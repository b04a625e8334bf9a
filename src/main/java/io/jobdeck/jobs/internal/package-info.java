@NullMarked
package io.jobdeck.jobs.internal;

import org.jspecify.annotations.NullMarked;
