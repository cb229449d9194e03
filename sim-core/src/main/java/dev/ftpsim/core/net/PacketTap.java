package dev.ftpsim.core.net;

/**
 * Observer of the packets an interface sends (as they start onto the wire, like tcpdump) and
 * receives. It must not keep or modify the packet.
 */
@FunctionalInterface
public interface PacketTap {
    void onPacket(NetInterface iface, boolean outgoing, Packet p, long timeNanos);
}
