package io.jobdeck.support;

/** Turns exceptions and typed-in text into one short line that is safe to show an operator or to log. */
public final class Errors {

    private static final int MAX = 300;

    private Errors() {}

    /** The innermost cause's message, or its type when it has none. */
    public static String describe(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return oneLine(message == null || message.isBlank() ? root.getClass().getSimpleName() : message.strip());
    }

    /** The first line of {@code text}, at most 300 characters. */
    public static String oneLine(String text) {
        int newline = text.indexOf('\n');
        String line = newline >= 0 ? text.substring(0, newline) : text;
        line = line.replace('\r', ' ');
        return line.length() > MAX ? line.substring(0, MAX - 3) + "..." : line;
    }
}
