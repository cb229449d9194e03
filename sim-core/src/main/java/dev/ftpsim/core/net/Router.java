package dev.ftpsim.core.net;

/** A node that forwards (ip_forward = 1). It may run local protocols too. */
public final class Router extends Node {
    Router(final Network network, final String name) {
        super(network, name, true);
    }
}
