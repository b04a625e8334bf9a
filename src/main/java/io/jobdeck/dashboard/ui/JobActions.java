package io.jobdeck.dashboard.ui;

import com.vaadin.flow.data.renderer.LitRenderer;
import io.jobdeck.jobs.JobCommands;
import io.jobdeck.jobs.JobOverview;
import io.jobdeck.jobs.RunningJob;
import io.jobdeck.ui.Commands;
import io.jobdeck.ui.Confirm;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Row buttons for jobs and executions, rendered by Lit templates: when a row's data changes, its buttons stay the same
 * DOM elements, so a click never lands on a button that was just replaced. Each button names the action it shows
 * (Pause or Resume is chosen in the browser from the row it displays), so a click does what the person saw. A button is
 * disabled while its own command is on its way, and only that button: a press on another button of the row, which the
 * browser showed as ready, is never dropped (so a Run now right after a Pause is not lost while the Pause's answer is
 * still on its way back), while a second press of the same button is. Shown only to roles that may use them; the
 * services check again.
 */
class JobActions {

    private static final String TOGGLE = "toggle";
    private static final String RUN = "run";
    private static final String DELETE = "delete";

    private final JobCommands commands;
    private final boolean canOperate;
    private final boolean canAdminister;
    /** The buttons whose command is on its way: a row's key and the button's name. */
    private final Set<String> busyJobs = new HashSet<>();

    private final Set<String> busyExecutions = new HashSet<>();
    private final KeyedRows<JobOverview> jobs;
    private final KeyedRows<RunningJob> executions;

    JobActions(
            JobCommands commands,
            boolean canOperate,
            boolean canAdminister,
            KeyedRows<JobOverview> jobs,
            KeyedRows<RunningJob> executions) {
        this.commands = commands;
        this.canOperate = canOperate;
        this.canAdminister = canAdminister;
        this.jobs = jobs;
        this.executions = executions;
    }

    boolean shown() {
        return canOperate;
    }

    /** The buttons of a job's row: Pause or Resume, Run now, and for admins Delete. */
    LitRenderer<JobOverview> forJobs(Function<String, String> translate) {
        String template = "<div class=\"jobdeck-row-actions\" data-job=\"${item.job}\">"
                + button("item.paused ? 'resume' : 'pause'", "item.paused ? resume : pause", TOGGLE)
                + button("'run'", "run", RUN)
                + (canAdminister ? button("'delete'", "remove", DELETE) : "")
                + "</div>";
        String pause = translate.apply("jobs.pause");
        String resume = translate.apply("jobs.resume");
        String run = translate.apply("jobs.runNow");
        String delete = translate.apply("jobs.delete");
        LitRenderer<JobOverview> renderer = LitRenderer.<JobOverview>of(template)
                .withProperty("job", job -> job.group() + "." + job.name())
                .withProperty("paused", JobOverview::paused)
                .withProperty("toggleLabel", job -> job.paused() ? resume : pause)
                .withProperty("toggleIcon", job -> job.paused() ? "vaadin:play-circle-o" : "vaadin:pause")
                .withProperty("runLabel", job -> run)
                .withProperty("runIcon", job -> "vaadin:play")
                .withProperty("toggleBusy", job -> busyJobs.contains(busyKey(job, TOGGLE)))
                .withProperty("runBusy", job -> busyJobs.contains(busyKey(job, RUN)))
                .withFunction(
                        "pause", job -> onJob(job, TOGGLE, "jobs.pause", () -> commands.pause(job.group(), job.name())))
                .withFunction(
                        "resume",
                        job -> onJob(job, TOGGLE, "jobs.resume", () -> commands.resume(job.group(), job.name())))
                .withFunction(
                        "run", job -> onJob(job, RUN, "jobs.runNow", () -> commands.runNow(job.group(), job.name())));
        if (canAdminister) {
            renderer.withProperty("deleteLabel", job -> delete)
                    .withProperty("deleteIcon", job -> "vaadin:trash")
                    .withProperty("deleteBusy", job -> busyJobs.contains(busyKey(job, DELETE)))
                    .withFunction("remove", this::confirmDelete);
        }
        return renderer;
    }

    /** The button of a running execution's row: Interrupt, where the job can be interrupted. */
    LitRenderer<RunningJob> forExecutions(Function<String, String> translate) {
        String template = "<div class=\"jobdeck-row-actions\" ?hidden=\"${!item.interruptible}\">"
                + button("'interrupt'", "interrupt", "interrupt")
                + "</div>";
        String interrupt = translate.apply("running.interrupt");
        return LitRenderer.<RunningJob>of(template)
                .withProperty("interruptible", RunningJob::interruptible)
                .withProperty("interruptLabel", r -> interrupt)
                .withProperty("interruptIcon", r -> "vaadin:ban")
                .withProperty("interruptBusy", r -> busyExecutions.contains(executions.keyOf(r)))
                .withFunction("interrupt", this::interrupt);
    }

    /**
     * One icon button. {@code action} is a JavaScript expression naming the action (for tests and styles),
     * {@code handler} one naming the server function to call, {@code name} the prefix of the item's label, icon and
     * busy properties. Only fixed text goes into the template; everything from the data is bound as a property, so Lit
     * escapes it. The label shows in the page's one shared tooltip ({@code jobdeck-tooltips.js}), not in a tooltip
     * element per button.
     */
    private static String button(String action, String handler, String name) {
        String error = name.equals(DELETE) || name.equals("interrupt") ? " error" : "";
        return "<vaadin-button theme=\"tertiary-inline icon" + error + "\" class=\"jobdeck-action\""
                + " data-action=\"${" + action + "}\" aria-label=\"${item." + name + "Label}\""
                + " ?disabled=\"${item." + name + "Busy}\" @click=\"${" + handler + "}\">"
                + "<vaadin-icon icon=\"${item." + name + "Icon}\"></vaadin-icon>"
                + "</vaadin-button>";
    }

    /** Asks before deleting ({@link Confirm}). */
    private void confirmDelete(JobOverview job) {
        if (!canAdminister || busyJobs.contains(busyKey(job, DELETE))) {
            return;
        }
        Confirm.deleteJob(
                job.group(),
                job.name(),
                () -> onJob(job, DELETE, "jobs.delete", () -> commands.delete(job.group(), job.name())));
    }

    private void interrupt(RunningJob running) {
        String key = executions.keyOf(running);
        if (!canOperate || !busyExecutions.add(key)) {
            return;
        }
        executions.refresh(key);
        Commands.call("running.interrupt", () -> commands.interrupt(running.fireId()), () -> {
            busyExecutions.remove(key);
            executions.refresh(key);
        });
    }

    /** Gives a job's command unless the same button's command is still on its way (a second press of it). */
    private void onJob(JobOverview job, String button, String what, Supplier<CompletionStage<?>> action) {
        String busy = busyKey(job, button);
        if (!canOperate || !busyJobs.add(busy)) {
            return;
        }
        String row = jobs.keyOf(job);
        jobs.refresh(row);
        Commands.call(what, action, () -> {
            busyJobs.remove(busy);
            jobs.refresh(row);
        });
    }

    private String busyKey(JobOverview job, String button) {
        return jobs.keyOf(job) + '\u0000' + button;
    }
}
