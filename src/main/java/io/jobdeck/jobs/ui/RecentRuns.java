package io.jobdeck.jobs.ui;

import com.vaadin.flow.component.Html;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import io.jobdeck.jobs.RunHistory;
import io.jobdeck.support.DurationText;
import io.jobdeck.support.Errors;
import io.jobdeck.ui.Outcomes;
import io.jobdeck.ui.UserTime;
import java.time.Clock;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * A job's recent runs on its page: a sparkline of their durations, each run (time, outcome, duration) linking to its
 * execution's page, and a link to all its runs in the history. The history's pages are named by their routes only:
 * this module does not depend on the history's.
 */
final class RecentRuns extends Div {

    /** How many runs are shown. */
    static final int SHOWN = 20;

    private final Clock clock;
    private final Div content = new Div();

    RecentRuns(String group, String name, Clock clock) {
        this.clock = clock;
        setId("job-runs");
        Anchor all = new Anchor(
                // Template variables are encoded whole (an "&" or "#" in a name stays part of it).
                UriComponentsBuilder.fromPath("history")
                        .queryParam("group", "{group}")
                        .queryParam("job", "{job}")
                        .encode()
                        .buildAndExpand(group, name)
                        .toUriString(),
                getTranslation("job.runs.all"));
        all.setId("job-runs-all");
        Div heading = new Div(new H3(getTranslation("job.runs.title")), all);
        heading.addClassName("jobdeck-runs-heading");
        content.add(new Paragraph(getTranslation("job.detail.loading")));
        add(heading, content);
    }

    void show(@Nullable List<RunHistory.PastRun> runs, @Nullable Throwable error) {
        content.removeAll();
        if (runs == null) {
            content.add(new Paragraph(getTranslation("job.runs.failed", error == null ? "" : Errors.describe(error))));
            return;
        }
        if (runs.isEmpty()) {
            Paragraph none = new Paragraph(getTranslation("job.runs.none"));
            none.addClassName("jobdeck-muted");
            content.add(none);
            return;
        }
        String svg = DurationSparkline.svg(runs, getTranslation("job.runs.sparkline", runs.size()));
        if (!svg.isEmpty()) {
            Html sparkline = new Html(svg);
            sparkline.setId("job-runs-sparkline");
            content.add(sparkline);
        }
        Div list = new Div();
        list.setId("job-runs-list");
        list.addClassName("jobdeck-runs");
        for (RunHistory.PastRun run : runs) {
            Anchor at = new Anchor("executions/" + run.id(), UserTime.format(run.firedAt(), clock.instant()));
            Span duration = new Span(run.duration() == null ? "—" : DurationText.format(run.duration(), getLocale()));
            duration.addClassName("jobdeck-num");
            Div row = new Div(at, Outcomes.badge(run.outcome()), duration);
            row.addClassName("jobdeck-run");
            list.add(row);
        }
        content.add(list);
    }
}
