@NullMarked
package io.jobdeck.tokens.internal;

import org.jspecify.annotations.NullMarked;
