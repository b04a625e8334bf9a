package io.jobdeck.support;

/**
 * Text typed in by someone (a user name, a job name) made safe to display: bidirectional controls that could reorder
 * what is shown ("Trojan Source") are neutralised, other control characters become spaces, and very long text is cut
 * with a marker. Escaping for HTML is the view's job (Vaadin's text APIs do it); this is about what the text means.
 */
public final class DisplayText {

    private DisplayText() {}

    /** Safe for display; at most {@code max} characters (an ellipsis marks a cut). */
    public static String safe(String text, int max) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), max + 1));
        for (int i = 0; i < text.length() && out.length() < max; ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (isBidiControl(cp)) {
                out.append('\uFFFD');
            } else if (Character.isISOControl(cp)) {
                out.append(' ');
            } else {
                out.appendCodePoint(cp);
            }
        }
        if (out.length() >= max && displayLength(text) > max) {
            out.setLength(Math.max(0, max - 1));
            out.append('…');
        }
        return out.toString();
    }

    /** Safe for display, without a length limit. */
    public static String safe(String text) {
        return safe(text, Integer.MAX_VALUE - 1);
    }

    static boolean isBidiControl(int cp) {
        return cp == 0x061C
                || cp == 0x200E
                || cp == 0x200F
                || (cp >= 0x202A && cp <= 0x202E)
                || (cp >= 0x2066 && cp <= 0x2069);
    }

    private static int displayLength(String text) {
        return text.codePointCount(0, text.length());
    }
}
