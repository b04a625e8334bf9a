@NullMarked
package io.jobdeck.support;

import org.jspecify.annotations.NullMarked;
