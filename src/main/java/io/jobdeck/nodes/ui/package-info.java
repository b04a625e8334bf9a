@NullMarked
package io.jobdeck.nodes.ui;

import org.jspecify.annotations.NullMarked;
