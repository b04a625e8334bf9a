package io.jobdeck.alerts.internal;

import io.jobdeck.alerts.AlertProperties;
import io.jobdeck.alerts.Channel;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/** Mails the alert to {@code jobdeck.alerts.mail.to} through Spring's mail sender ({@code spring.mail.*}). */
@Component
class EmailSender implements ChannelSender {

    private final ObjectProvider<JavaMailSender> mail;
    private final AlertProperties.Mail settings;

    EmailSender(ObjectProvider<JavaMailSender> mail, AlertProperties properties) {
        this.mail = mail;
        this.settings = properties.mail();
    }

    @Override
    public Channel channel() {
        return Channel.EMAIL;
    }

    @Override
    public void send(Alert alert) throws Exception {
        JavaMailSender sender = mail.getIfAvailable();
        if (sender == null) {
            throw new Permanent("No mail server is configured (spring.mail.host)");
        }
        if (settings.to().isEmpty()) {
            throw new Permanent("No recipients are configured (jobdeck.alerts.mail.to)");
        }
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(settings.from());
        message.setTo(settings.to().toArray(String[]::new));
        message.setSubject("[Jobdeck] " + alert.phase() + " " + alert.kind() + ": " + alert.subject());
        message.setText(alert.message() + "\n\nRaised at " + alert.at() + " on " + alert.node() + " (alert "
                + alert.id() + ").\n");
        sender.send(message);
    }
}
