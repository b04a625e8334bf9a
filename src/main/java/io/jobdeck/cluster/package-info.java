@NullMarked
package io.jobdeck.cluster;

import org.jspecify.annotations.NullMarked;
