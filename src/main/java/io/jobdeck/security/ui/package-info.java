@NullMarked
package io.jobdeck.security.ui;

import org.jspecify.annotations.NullMarked;
