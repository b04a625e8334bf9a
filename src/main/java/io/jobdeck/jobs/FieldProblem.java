package io.jobdeck.jobs;

import jakarta.validation.ConstraintViolation;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/** What is wrong with one field of a form, in the reader's language; {@code field} names the property. */
public record FieldProblem(String field, String message) {

    /** Broken constraints as problems, by field: each on the property it names ({@code every}, {@code group}). */
    public static List<FieldProblem> of(Collection<? extends ConstraintViolation<?>> violations) {
        return violations.stream()
                .map(v -> new FieldProblem(v.getPropertyPath().toString(), v.getMessage()))
                .sorted(Comparator.comparing(FieldProblem::field))
                .toList();
    }
}
