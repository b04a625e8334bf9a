@NullMarked
package io.jobdeck.dashboard.ui;

import org.jspecify.annotations.NullMarked;
