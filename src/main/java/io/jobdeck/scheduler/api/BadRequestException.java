package io.jobdeck.scheduler.api;

/** Input the API cannot accept; answered with 400 and its message. */
class BadRequestException extends RuntimeException {

    BadRequestException(String message) {
        super(message);
    }
}
