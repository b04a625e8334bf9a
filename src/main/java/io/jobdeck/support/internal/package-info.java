@NullMarked
package io.jobdeck.support.internal;

import org.jspecify.annotations.NullMarked;
