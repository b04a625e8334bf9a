@NullMarked
package io.jobdeck.alerts.internal;

import org.jspecify.annotations.NullMarked;
