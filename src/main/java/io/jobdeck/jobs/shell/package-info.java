/**
 * The shell command type: a program and its arguments run as a process (no shell unless the command names one), its
 * definition as string properties, and the Quartz job that runs it with a timeout, bounded output, and interruption
 * that ends the whole process tree. Off unless {@code jobdeck.jobs.shell.enabled=true}.
 */
@NullMarked
package io.jobdeck.jobs.shell;

import org.jspecify.annotations.NullMarked;
