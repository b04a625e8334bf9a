/**
 * End-to-end test support: a real headless Chromium driven by Playwright.
 */
@NullMarked
package io.jobdeck.e2e;

import org.jspecify.annotations.NullMarked;
