package dev.ftpsim.core.net;

/** An end system: does not forward packets that are not addressed to it (ip_forward = 0). */
public final class Host extends Node {
    Host(final Network network, final String name) {
        super(network, name, false);
    }
}
