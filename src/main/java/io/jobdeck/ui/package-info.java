@NullMarked
package io.jobdeck.ui;

import org.jspecify.annotations.NullMarked;
