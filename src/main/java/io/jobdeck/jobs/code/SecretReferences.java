package io.jobdeck.jobs.code;

import io.jobdeck.jobs.internal.JobKind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Secrets in a definitions document: a secret value is never written, but a {@code ${NAME}} reference to an
 * environment variable or Spring property that holds it, resolved on import. Every other {@code ${} is written
 * {@code $${}, so that a reference is never mistaken for a command's own {@code ${HOME}}. The name is made from the
 * job's key and what the secret is ({@code ${REPORTS_NIGHTLY_AUTHORIZATION}}), the same at every export.
 */
final class SecretReferences {

    /** {@code $${}: a literal {@code ${}; {@code ${NAME}}: a reference. */
    private static final Pattern TOKEN = Pattern.compile("\\$\\$\\{|\\$\\{([A-Za-z_][A-Za-z0-9_.-]{0,199})}");

    /** The name a secret is known by in its line: {@code Authorization: ******}, {@code token=******}. */
    private static final Pattern LABEL = Pattern.compile("([A-Za-z0-9_.-]+)\\s*[:=]\\s*$");

    private SecretReferences() {}

    /**
     * The job's properties as the document writes them: each secret value (a value {@code masked} shows as
     * {@link JobKind#MASK} where {@code stored} has it in clear) a reference; everything else as stored.
     */
    static Map<String, String> export(
            String group, String name, Map<String, String> stored, Map<String, String> masked) {
        Map<String, String> written = new TreeMap<>();
        Set<String> taken = new HashSet<>();
        Set<String> keys = new TreeSet<>(stored.keySet());
        keys.addAll(masked.keySet());
        for (String key : keys) {
            String real = stored.getOrDefault(key, "");
            String shown = masked.getOrDefault(key, real);
            if (shown.equals(real)) {
                written.put(key, escape(real));
                continue;
            }
            String[] realLines = real.split("\n", -1);
            String[] shownLines = shown.split("\n", -1);
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < shownLines.length; i++) {
                String line = shownLines[i];
                if (i < realLines.length && line.equals(realLines[i])) {
                    lines.add(escape(line));
                } else {
                    lines.add(referenced(escape(line), group, name, key, taken));
                }
            }
            written.put(key, String.join("\n", lines));
        }
        return written;
    }

    private static String referenced(String line, String group, String name, String key, Set<String> taken) {
        StringBuilder out = new StringBuilder();
        int from = 0;
        for (int at = line.indexOf(JobKind.MASK); at >= 0; at = line.indexOf(JobKind.MASK, from)) {
            String before = line.substring(from, at);
            out.append(before);
            Matcher label = LABEL.matcher(line.substring(0, at));
            String base = referenceName(group + "_" + name + "_" + (label.find() ? label.group(1) : key));
            String reference = base;
            for (int n = 2; !taken.add(reference); n++) {
                reference = base + "_" + n;
            }
            out.append("${").append(reference).append('}');
            from = at + JobKind.MASK.length();
        }
        return out.append(line.substring(from)).toString();
    }

    /** An environment variable's name made of {@code text}: letters and digits in upper case, the rest {@code _}. */
    static String referenceName(String text) {
        String name =
                text.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", "_").replaceAll("^_+|_+$", "");
        return name.isEmpty() || Character.isDigit(name.charAt(0)) ? "S_" + name : name;
    }

    private static String escape(String value) {
        return value.replace("${", "$${");
    }

    /** A value with each reference replaced by what {@code lookup} gives (unknown ones named in {@code missing}). */
    static String resolve(String value, Function<String, @Nullable String> lookup, Set<String> missing) {
        Matcher m = TOKEN.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement;
            if (m.group(1) == null) {
                replacement = "${";
            } else {
                String found = lookup.apply(m.group(1));
                if (found == null) {
                    missing.add(m.group(1));
                    replacement = m.group();
                } else {
                    replacement = found;
                }
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }
}
