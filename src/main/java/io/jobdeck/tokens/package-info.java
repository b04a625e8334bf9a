@NullMarked
package io.jobdeck.tokens;

import org.jspecify.annotations.NullMarked;
