package io.jobdeck.support;

/** A handle that ends a subscription. Closing it twice is harmless. */
@FunctionalInterface
public interface Subscription extends AutoCloseable {
    @Override
    void close();
}
