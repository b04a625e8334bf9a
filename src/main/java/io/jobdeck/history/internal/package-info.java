@NullMarked
package io.jobdeck.history.internal;

import org.jspecify.annotations.NullMarked;
