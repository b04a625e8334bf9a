package io.jobdeck.alerts;

import java.util.List;

/** One page of deliveries, newest first, and how many there are in all. */
public record DeliveryPage(List<AlertDelivery> rows, long total) {

    public DeliveryPage {
        rows = List.copyOf(rows);
    }
}
