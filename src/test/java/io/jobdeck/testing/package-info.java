@NullMarked
package io.jobdeck.testing;

import org.jspecify.annotations.NullMarked;
