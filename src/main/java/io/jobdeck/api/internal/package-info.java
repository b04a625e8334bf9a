@NullMarked
package io.jobdeck.api.internal;

import org.jspecify.annotations.NullMarked;
