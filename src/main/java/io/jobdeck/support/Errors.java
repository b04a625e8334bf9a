package io.jobdeck.support;

/** Turns exceptions into one short line that is safe to show an operator. */
public final class Errors {

    private Errors() {}

    /** The innermost cause's message, or its type when it has none. */
    public static String describe(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        String text = message == null || message.isBlank() ? root.getClass().getSimpleName() : message.strip();
        int newline = text.indexOf('\n');
        if (newline > 0) {
            text = text.substring(0, newline);
        }
        return text.length() > 300 ? text.substring(0, 297) + "..." : text;
    }
}
