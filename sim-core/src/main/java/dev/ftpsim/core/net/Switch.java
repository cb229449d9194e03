package dev.ftpsim.core.net;

import dev.ftpsim.core.util.LongObjectMap;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * A learning bridge: one shared L2 segment with a port (an interface without an address) per
 * link, so several hosts share a subnet and one router interface.
 *
 * <p>Theory of operation. Every interface is a station with its own identity, which stands for its
 * MAC address. A node sending onto a port of a switch stamps the frame with its own interface as
 * source and, as destination, the station holding the next hop's address on the segment (ARP is
 * abstracted: the segment answers at once, and a next hop nobody on it holds is dropped as ARP
 * would after its unanswered requests). The switch learns the source station's port from every
 * frame, sends a frame for a learnt station out of that port only, and floods one for an unknown
 * station out of every other port; a station ignores frames stamped for another (its NIC filters
 * them). Entries never age (Linux's bridge ages them after 300 s; runs here are shorter than
 * any station's silence). Loops are refused when the network is built: there is no spanning tree.
 * A flooded frame is copied from the pool, so forwarding allocates nothing per frame.
 */
public final class Switch extends Node {
    private final Map<NetInterface, NetInterface> learnt = new IdentityHashMap<>();
    /** Segment stations by address, built on first use (after the links are made). */
    private LongObjectMap<NetInterface> stations;
    private long flooded;
    private long forwarded;

    Switch(final Network network, final String name) {
        super(network, name, false);
    }

    /** Adds a port: an interface without an address, named {@code p0}, {@code p1}, ... */
    public NetInterface addPort() {
        stations = null;
        return addInterface("p" + interfaces().size(), "0.0.0.0/32");
    }

    /** The port a station was learnt on, or null. */
    public NetInterface portOf(final NetInterface station) {
        return learnt.get(station);
    }

    /** Frames sent out of every port but the one they came in on. */
    public long flooded() {
        return flooded;
    }

    /** Frames sent out of the one port their station was learnt on. */
    public long forwarded() {
        return forwarded;
    }

    @Override
    void receive(final NetInterface in, final Packet p) {
        if (p.l2src != null && learnt.get(p.l2src) != in) {
            learnt.put(p.l2src, in);
        }
        final NetInterface out = p.l2dst == null ? null : learnt.get(p.l2dst);
        if (out == in) {
            network().pool().release(p); // the station is on the port it came from
            return;
        }
        if (out != null) {
            forwarded++;
            out.enqueue(p);
            return;
        }
        flooded++;
        for (final NetInterface port : interfaces()) {
            if (port != in) {
                final Packet copy = network().pool().acquire();
                copy.copyFrom(p);
                port.enqueue(copy);
            }
        }
        network().pool().release(p);
    }

    /** The station holding {@code address} on this switch's segment (through other switches too), or null. */
    NetInterface station(final int address) {
        if (stations == null) {
            stations = new LongObjectMap<>();
            collect(this, null);
        }
        return stations.get(address & 0xFFFF_FFFFL);
    }

    private void collect(final Switch sw, final Switch from) {
        for (final NetInterface port : sw.interfaces()) {
            final NetInterface peer = port.peer();
            if (peer == null || peer.node() == from) {
                continue;
            }
            if (peer.node() instanceof Switch next) {
                collect(next, sw);
            } else {
                stations.put(peer.address() & 0xFFFF_FFFFL, peer);
            }
        }
    }
}
