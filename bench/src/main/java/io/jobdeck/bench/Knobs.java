package io.jobdeck.bench;

import java.util.Locale;

/**
 * Settings for experiments; the defaults in the code are what {@code bench/run} measures. Each is read from a Java
 * system property ({@code bench.tp.side}) or, since {@code bench/run} starts a fresh JVM, from the environment
 * ({@code BENCH_TP_SIDE=variants bench/run}).
 */
final class Knobs {

    private Knobs() {}

    static String str(String name, String fallback) {
        String v = System.getProperty(name);
        if (v == null) {
            v = System.getenv(name.toUpperCase(Locale.ROOT).replace('.', '_'));
        }
        return v == null || v.isBlank() ? fallback : v.trim();
    }

    static int integer(String name, int fallback) {
        return Integer.parseInt(str(name, String.valueOf(fallback)));
    }

    static long longValue(String name, long fallback) {
        return Long.parseLong(str(name, String.valueOf(fallback)));
    }

    static boolean bool(String name) {
        return Boolean.parseBoolean(str(name, "false"));
    }
}
