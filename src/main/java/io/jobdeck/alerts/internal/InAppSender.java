package io.jobdeck.alerts.internal;

import io.jobdeck.alerts.AlertNotice;
import io.jobdeck.alerts.Channel;
import io.jobdeck.alerts.InAppAlerts;
import org.springframework.stereotype.Component;

/** Shows the alert in the open pages of operators and admins. Delivered when handed over, even to no page. */
@Component
class InAppSender implements ChannelSender {

    private final InAppAlerts pages;

    InAppSender(InAppAlerts pages) {
        this.pages = pages;
    }

    @Override
    public Channel channel() {
        return Channel.IN_APP;
    }

    @Override
    public void send(Alert alert) {
        pages.publish(
                new AlertNotice(alert.id(), alert.phase(), alert.kind(), alert.subject(), alert.message(), alert.at()));
    }
}
