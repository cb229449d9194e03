package dev.ftpsim.core.kernel;

/**
 * Target of an event that carries an argument. Lets a long-lived object (a link, a TCP
 * connection) be scheduled many times with different arguments without allocating a closure per
 * event.
 */
@FunctionalInterface
public interface EventHandler {
    void handle(Object arg);
}
