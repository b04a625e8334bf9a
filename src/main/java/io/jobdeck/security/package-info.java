@NullMarked
package io.jobdeck.security;

import org.jspecify.annotations.NullMarked;
