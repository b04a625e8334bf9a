@NullMarked
package io.jobdeck.security.internal;

import org.jspecify.annotations.NullMarked;
