@NullMarked
package io.jobdeck.audit;

import org.jspecify.annotations.NullMarked;
