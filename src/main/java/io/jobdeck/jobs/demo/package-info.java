@NullMarked
package io.jobdeck.jobs.demo;

import org.jspecify.annotations.NullMarked;
