@NullMarked
package io.jobdeck.nodes.api;

import org.jspecify.annotations.NullMarked;
