package io.jobdeck.e2e;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * The live heap of this JVM after a full collection, from the {@code GC.class_histogram} diagnostic command (which
 * collects first), with the classes that hold most of it: what a stalled tab makes the server keep.
 *
 * @param liveBytes  bytes of live objects
 * @param topClasses the histogram's first lines (largest classes by bytes), then the push path's classes
 */
record HeapProbe(long liveBytes, List<String> topClasses) {

    /** Classes of the push path, listed wherever they rank: who holds the bytes. */
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private static final Pattern PUSH_CLASSES =
            Pattern.compile("atmosphere|PushMessage|websocket|StateNode |UidlWriter|Notification");

    static HeapProbe take(int top) {
        String out;
        try {
            // The DiagnosticCommand MBean runs jcmd's GC.class_histogram in this JVM (a full collection first):
            // no attach to oneself, which hangs in a forked test JVM.
            out = (String) ManagementFactory.getPlatformMBeanServer()
                    .invoke(
                            new ObjectName("com.sun.management:type=DiagnosticCommand"),
                            "gcClassHistogram",
                            new Object[] {new String[0]},
                            new String[] {String[].class.getName()});
        } catch (JMException e) {
            throw new IllegalStateException(e);
        }
        List<String> lines = out.lines().toList();
        String total = lines.stream()
                .filter(l -> l.startsWith("Total"))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("No total in: " + out));
        long bytes = Long.parseLong(SPACES.split(total.trim())[2]);
        List<String> histogram =
                lines.stream().filter(l -> l.matches("\\s*\\d+:.*")).toList();
        List<String> classes = Stream.concat(
                        histogram.stream().limit(top),
                        histogram.stream()
                                .skip(top)
                                .filter(l -> PUSH_CLASSES.matcher(l).find()))
                .toList();
        return new HeapProbe(bytes, classes);
    }

    double liveMegabytes() {
        return liveBytes / (1024.0 * 1024.0);
    }
}
