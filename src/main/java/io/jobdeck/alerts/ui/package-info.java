@NullMarked
package io.jobdeck.alerts.ui;

import org.jspecify.annotations.NullMarked;
