@NullMarked
package io.jobdeck;

import org.jspecify.annotations.NullMarked;
