/** The definitions page: export the catalog, upload a document, see its difference with the store, confirm. */
@NullMarked
package io.jobdeck.jobs.code.ui;

import org.jspecify.annotations.NullMarked;
