@NullMarked
package io.jobdeck.cluster.internal;

import org.jspecify.annotations.NullMarked;
