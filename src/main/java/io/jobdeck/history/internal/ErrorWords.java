package io.jobdeck.history.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The words of an error message, as the search in errors finds them: runs of letters and digits, lower-cased, each
 * once. The recorder stores them beside the execution ({@code JOBDECK_EXECUTION_WORD}) and a search looks its words up
 * there, so that a search costs what it finds, not the size of the history (see {@code V8__executions.sql}).
 */
public final class ErrorWords {

    /** Longer words are cut here, when stored and when searched for alike. */
    static final int MAX_WORD = 64;

    /** The most words stored per error (an error message is at most 2,000 characters). */
    static final int MAX_WORDS = 100;

    private ErrorWords() {}

    /** The distinct words of a text, in their first order; none for null. */
    public static List<String> of(@Nullable String text) {
        if (text == null) {
            return List.of();
        }
        Set<String> words = new LinkedHashSet<>();
        String lower = text.toLowerCase(Locale.ROOT);
        int start = -1;
        for (int i = 0; i <= lower.length() && words.size() < MAX_WORDS; i++) {
            boolean inWord = i < lower.length() && Character.isLetterOrDigit(lower.charAt(i));
            if (inWord && start < 0) {
                start = i;
            } else if (!inWord && start >= 0) {
                words.add(lower.substring(start, Math.min(i, start + MAX_WORD)));
                start = -1;
            }
        }
        return new ArrayList<>(words);
    }
}
