@NullMarked
package io.jobdeck.tokens.ui;

import org.jspecify.annotations.NullMarked;
