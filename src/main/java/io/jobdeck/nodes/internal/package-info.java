@NullMarked
package io.jobdeck.nodes.internal;

import org.jspecify.annotations.NullMarked;
