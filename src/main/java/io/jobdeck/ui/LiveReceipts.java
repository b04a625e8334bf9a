package io.jobdeck.ui;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Where a page hands in the receipt of a live update it has applied ({@link LiveUpdates}). A request of its own, beside
 * Vaadin's channel: a Vaadin message from the page holds back the next one (a click) until its answer is back.
 *
 * <p>Logged-in pages only (the session's cookie comes with it); no CSRF token, since a receipt changes nothing but when
 * its own tab gets its next update, and its key is known only to that tab. Every receipt gets the same empty answer, so
 * the endpoint tells nobody which keys exist.
 */
@RestController
public class LiveReceipts {

    /** Relative to the application's root, as the page resolves it against its base URI. */
    public static final String PATH = "live/receipts";

    /** A key and a number, with room to spare; anything longer is not a receipt. */
    private static final int MAX_LENGTH = 64;

    private final LiveUpdates live;

    LiveReceipts(LiveUpdates live) {
        this.live = live;
    }

    @PostMapping(path = "/" + PATH, consumes = MediaType.ALL_VALUE)
    ResponseEntity<Void> applied(@RequestBody(required = false) String receipt) {
        if (receipt != null && receipt.length() <= MAX_LENGTH) {
            live.applied(receipt.strip());
        }
        return ResponseEntity.noContent().build();
    }
}
