@NullMarked
package io.jobdeck.history.ui;

import org.jspecify.annotations.NullMarked;
