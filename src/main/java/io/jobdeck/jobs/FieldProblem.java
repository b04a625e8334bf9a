package io.jobdeck.jobs;

/** What is wrong with one field of a form, in the reader's language; {@code field} names the property. */
public record FieldProblem(String field, String message) {}
