@NullMarked
package io.jobdeck.events;

import org.jspecify.annotations.NullMarked;
