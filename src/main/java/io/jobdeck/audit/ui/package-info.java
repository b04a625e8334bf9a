@NullMarked
package io.jobdeck.audit.ui;

import org.jspecify.annotations.NullMarked;
