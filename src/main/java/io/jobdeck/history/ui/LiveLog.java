package io.jobdeck.history.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.dom.Element;
import com.vaadin.flow.shared.Registration;
import io.jobdeck.history.Execution;
import io.jobdeck.history.LiveExecutions;
import io.jobdeck.history.LogTail;
import io.jobdeck.ui.LiveUpdates;
import java.util.Objects;
import java.util.Optional;

/**
 * An execution's log. An ended execution's as the history stored it; a running one's tailed by push while the
 * component is attached: new lines are appended (only they go to the browser) and the view follows the tail unless
 * the reader has scrolled up. Text only: nothing in a log is taken as HTML. When the run ends here, the whole log
 * (with an HTTP or shell job's output) is shown and an {@link EndedEvent} fires, so that the page can re-read the
 * execution.
 *
 * <pre>{@code
 * LiveLog log = new LiveLog(liveExecutions, liveUpdates, execution);
 * log.addEndedListener(e -> reload());
 * add(log);
 * }</pre>
 */
public class LiveLog extends Composite<Div> {

    /** Keeps the view at the bottom while the reader has not scrolled away from it. */
    private static final String FOLLOW = """
            if (!this.__jobdeckFollow) {
              this.__jobdeckFollow = true;
              this.addEventListener('scroll', () => {
                this.__jobdeckFollowing = this.scrollTop + this.clientHeight >= this.scrollHeight - 16;
              });
              this.__jobdeckFollowing = true;
            }
            if (this.__jobdeckFollowing) { this.scrollTop = this.scrollHeight; }""";

    /** Fired when the execution this log tails has ended on this node. */
    public static class EndedEvent extends ComponentEvent<LiveLog> {
        EndedEvent(LiveLog source) {
            super(source, false);
        }
    }

    private final LiveExecutions live;
    private final String fireId;
    private final Pre text = new Pre();
    private final Paragraph note = new Paragraph();
    private int end;
    private boolean tailing;
    /** Whether this node has answered for the run: it runs (or ran) here. */
    private boolean seenHere;

    private boolean truncated;

    public LiveLog(LiveExecutions live, LiveUpdates updates, Execution execution) {
        this.live = live;
        this.fireId = execution.fireId();
        Div root = getContent();
        root.addClassName("jobdeck-live-log");
        text.addClassName("jobdeck-live-log-text");
        note.addClassName("jobdeck-hint");
        root.add(text, note);
        if (execution.running()) {
            tailing = true;
            updates.follow(this, this::refresh);
            refresh();
        } else {
            append(Objects.requireNonNullElse(execution.log(), ""));
            truncated = execution.logTruncated();
            showNote();
        }
    }

    public Registration addEndedListener(ComponentEventListener<EndedEvent> listener) {
        return addListener(EndedEvent.class, listener);
    }

    /** Appends what was logged since the last refresh; returns whether anything changed. */
    boolean refresh() {
        if (!tailing) {
            return false;
        }
        Optional<LogTail> read = live.readLog(fireId, end);
        if (read.isEmpty()) {
            tailing = false;
            if (seenHere) {
                // It ran here and ended with nothing more to show (an empty log is not kept once ended).
                showNote();
                fireEvent(new EndedEvent(this));
                return true;
            }
            // Runs on another node, or ended here long enough ago to be only in the history.
            boolean changed = !note.getText().equals(getTranslation("livelog.elsewhere"));
            note.setText(getTranslation("livelog.elsewhere"));
            fireEvent(new EndedEvent(this));
            return changed;
        }
        seenHere = true;
        LogTail tail = read.get();
        boolean changed = append(tail.text());
        end = tail.end();
        if (tail.truncated() != truncated) {
            truncated = tail.truncated();
            changed = true;
        }
        showNote();
        if (!tail.running()) {
            tailing = false;
            fireEvent(new EndedEvent(this));
            changed = true;
        }
        return changed;
    }

    private boolean append(String more) {
        if (more.isEmpty()) {
            return false;
        }
        text.getElement().appendChild(Element.createText(more));
        text.getElement().executeJs(FOLLOW);
        return true;
    }

    private void showNote() {
        note.setText(
                truncated
                        ? getTranslation("livelog.truncated")
                        : end == 0 && text.getElement().getChildCount() == 0 ? getTranslation("livelog.empty") : "");
        note.setVisible(!note.getText().isEmpty());
    }

    @Override
    protected void onAttach(AttachEvent event) {
        super.onAttach(event);
        text.getElement().executeJs(FOLLOW);
    }
}
