@NullMarked
package io.jobdeck.history.api;

import org.jspecify.annotations.NullMarked;
