@NullMarked
package io.jobdeck.nodes;

import org.jspecify.annotations.NullMarked;
