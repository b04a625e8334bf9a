@NullMarked
package io.jobdeck.history;

import org.jspecify.annotations.NullMarked;
