/** Alerts: rules over the history, the events and the scheduler's status; webhook, e-mail and in-app channels. */
@NullMarked
package io.jobdeck.alerts;

import org.jspecify.annotations.NullMarked;
