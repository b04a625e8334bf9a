package io.jobdeck.alerts.internal;

/**
 * What a rule says of one subject in one check.
 *
 * @param subject what it is about: a job ({@code group.name}), {@code scheduler} or {@code job store}
 * @param bad     whether it is wrong now (else it is fine)
 * @param message what to tell, in English
 */
record Verdict(String subject, boolean bad, String message) {

    /**
     * A rule's verdicts in one check.
     *
     * @param complete whether they cover every subject the rule watches: then a subject that was firing and has no
     *                 verdict is fine again (a stuck job that ended); an event rule (a failed run) speaks only of the
     *                 jobs that ended
     */
    record Set(java.util.List<Verdict> verdicts, boolean complete) {
        Set {
            verdicts = java.util.List.copyOf(verdicts);
        }
    }
}
