package io.jobdeck.support;

/** A result that says, as a message key taking the action's name as {@code {0}}, how to tell a person what happened. */
public interface HasMessage {

    String messageKey();
}
