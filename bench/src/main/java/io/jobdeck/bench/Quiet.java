package io.jobdeck.bench;

/**
 * This machine is shared (other builds and tests run on it). Before each measured window, wait a little for a
 * moment when other processes use less than {@link #MAX_OTHERS_CORES} cores, within a total budget for the run,
 * so that the numbers are not an accident of someone else's build. Each result line still says how much CPU other
 * processes used while it was measured.
 */
final class Quiet {

    static final double MAX_OTHERS_CORES = 0.25;
    /** Per window: the triggers keep falling behind while we wait, and 30 s behind they would misfire. */
    private static final long MAX_WAIT_MS = 10_000;

    private static long budgetMs = Knobs.longValue("bench.quietBudgetMs", 30_000);

    private Quiet() {}

    static void await(String what) throws InterruptedException {
        long began = System.nanoTime();
        double others = -1;
        while (true) {
            CpuMonitor cpu = CpuMonitor.start();
            Thread.sleep(400);
            others = cpu.othersCores();
            long waited = (System.nanoTime() - began) / 1_000_000;
            if (others < 0 || others <= MAX_OTHERS_CORES || waited >= Math.min(budgetMs, MAX_WAIT_MS)) {
                budgetMs = Math.max(0, budgetMs - Math.max(0, waited - 400));
                if (waited > 450) {
                    BenchMain.log(
                            "waited %.1f s for other processes to calm down before %s (now %.2f cores)",
                            waited / 1000.0, what, others);
                }
                return;
            }
        }
    }
}
