@NullMarked
package io.jobdeck.jobs;

import org.jspecify.annotations.NullMarked;
