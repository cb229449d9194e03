package dev.ftpsim.core.net;

/** A local transport (the TCP stack) attached to a node for one IP protocol number. */
public interface ProtocolHandler {
    /** A packet for this node passed INPUT; the handler owns it (and releases it). */
    void receive(Packet p, NetInterface in);

    /**
     * An ICMP error quoting a packet of this protocol arrived; the handler owns it. {@code p}'s
     * {@code q*} fields hold the quoted header.
     */
    void icmpError(Packet p, NetInterface in);
}
