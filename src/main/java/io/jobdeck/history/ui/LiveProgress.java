package io.jobdeck.history.ui;

import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.dom.Element;
import io.jobdeck.history.LiveExecutions;
import io.jobdeck.history.RunProgress;
import io.jobdeck.support.DisplayText;
import io.jobdeck.support.DurationText;
import io.jobdeck.ui.LiveUpdates;
import java.text.NumberFormat;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A running execution's progress, kept current by push while it is attached: a bar (when the job reports progress),
 * "3 of 10" or a percentage, the job's message, and when it should end (moving by itself in the browser). Hidden while
 * this node runs no such execution (it ended, or never ran here).
 *
 * <pre>{@code
 * add(new LiveProgress(liveExecutions, liveUpdates, execution.fireId()));
 * }</pre>
 */
public class LiveProgress extends Composite<Div> {

    private final LiveExecutions live;
    private final String fireId;
    private final ProgressBar bar = new ProgressBar();
    private final Span amount = new Span();
    private final Span message = new Span();
    private final Span eta = new Span();
    private final Element etaTime = new Element("jobdeck-time");
    private @Nullable Optional<RunProgress> shown;

    public LiveProgress(LiveExecutions live, LiveUpdates updates, String fireId) {
        this.live = live;
        this.fireId = fireId;
        Div root = getContent();
        root.addClassName("jobdeck-live-progress");
        bar.addClassName("jobdeck-live-progress-bar");
        amount.addClassName("jobdeck-num");
        amount.addClassName("jobdeck-live-progress-amount");
        message.addClassName("jobdeck-live-progress-message");
        etaTime.setAttribute("mode", "next");
        eta.addClassName("jobdeck-muted");
        eta.addClassName("jobdeck-live-progress-eta");
        eta.add(new Span(getTranslation("progress.eta") + " "));
        eta.getElement().appendChild(etaTime);
        root.add(bar, amount, message, eta);
        updates.follow(this, this::refresh);
        refresh();
    }

    /** Shows the latest progress; returns whether anything changed. */
    boolean refresh() {
        Optional<RunProgress> now = live.findProgress(fireId);
        if (now.equals(shown)) {
            return false;
        }
        shown = now;
        getContent().setVisible(now.isPresent());
        now.ifPresent(this::show);
        return true;
    }

    private void show(RunProgress progress) {
        Double fraction = progress.fraction();
        bar.setVisible(fraction != null);
        bar.setValue(fraction == null ? 0 : fraction);
        amount.setText(
                progress.counted()
                        ? getTranslation("progress.steps", progress.done(), progress.total())
                        : fraction == null
                                ? ""
                                : NumberFormat.getPercentInstance(getLocale()).format(fraction));
        message.setText(DisplayText.safe(Objects.requireNonNullElse(progress.message(), "")));
        eta.setVisible(progress.estimatedEnd() != null);
        etaTime.setAttribute("datetime", Objects.toString(progress.estimatedEnd(), ""));
        Duration typical = progress.typical();
        eta.getElement()
                .setAttribute(
                        "title",
                        typical == null
                                ? ""
                                : getTranslation("progress.typical", DurationText.format(typical, getLocale())));
    }
}
