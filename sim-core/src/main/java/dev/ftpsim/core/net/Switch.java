package dev.ftpsim.core.net;

import dev.ftpsim.core.util.LongObjectMap;
import java.util.IdentityHashMap;
import java.util.List;
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
 * them). An entry ages out when its station has sent nothing for 300 s, Linux's default
 * ageing_time, and a frame for it is flooded again. Loops are refused when the network is built: there is no spanning tree.
 * A flooded frame is copied from the pool, so forwarding allocates nothing per frame.
 *
 * <p>With a ruleset (a {@code bridge} family firewall) frames walk the bridge family's netfilter
 * hooks as br_input.c and br_forward.c run them: PREROUTING on the in port (then learning), and for
 * each port a frame leaves by (each flooded copy) FORWARD and POSTROUTING. A switch has no address
 * of its own, so nothing reaches INPUT or leaves through OUTPUT. Without a ruleset no hook is run.
 *
 * <p>A switch may be a router's bridge device ({@link #bridgeOf}: docker0, cni0), the router's
 * interface on it standing for the bridge's own port. With br_netfilter
 * (net.bridge.bridge-nf-call-iptables=1) an IP frame coming in on another port also runs the
 * router's IP hooks, as net/bridge/br_netfilter_hooks.c does, after the bridge family's chains:
 * PREROUTING (br_nf_pre_routing, in = the bridge device) with conntrack and DNAT; a frame DNATed to
 * another station of the segment is bridged to it unrouted (br_nf_pre_routing_finish, "bridged_dnat":
 * no TTL decrement); one for the router (or DNATed away from the segment) goes up to the router,
 * which does not run PREROUTING again (ip_sabotage_in); a bridged frame then runs FORWARD (in and out
 * the bridge device, br_nf_forward_ip) and POSTROUTING (out the bridge device, br_nf_post_routing)
 * for each port it leaves by. Frames the router sends through its bridge run none of them again.
 */
public final class Switch extends Node {
    /** BR_DEFAULT_AGEING_TIME (include/linux/if_bridge.h): 300 s; br_fdb_cleanup deletes an entry then. */
    static final long AGEING_NS = 300_000_000_000L;

    /** A learnt station: its port and when it last sent (br_fdb_update refreshes both per frame). */
    private static final class Entry {
        NetInterface port;
        long updated;
    }

    private final Map<NetInterface, Entry> learnt = new IdentityHashMap<>();
    /** Segment stations by address, built on first use (after the links are made). */
    private LongObjectMap<NetInterface> stations;
    private long flooded;
    private long forwarded;
    /** The router's interface that is this bridge's own port, or null (a standalone switch). */
    private NetInterface bridgeDev;
    /** net.bridge.bridge-nf-call-iptables and -ip6tables: bridged IP frames run {@link #bridgeDev}'s node's hooks. */
    private boolean brNetfilter;
    /** BR_HAIRPIN_MODE on every port: a frame may leave by the port it came in on (br_forward.c, should_deliver). */
    private boolean hairpin;

    Switch(final Network network, final String name) {
        super(network, name, false);
    }

    /** Adds a port: an interface without an address, named {@code p0}, {@code p1}, ... */
    public NetInterface addPort() {
        stations = null;
        return addInterface("p" + interfaces().size(), "0.0.0.0/32");
    }

    /**
     * Makes this switch the bridge device of {@code dev}'s router ({@code dev} must be linked to a
     * port of it), with or without br_netfilter.
     */
    public void bridgeOf(final NetInterface dev, final boolean netfilter) {
        if (dev.node() instanceof Switch || dev.peer() == null || dev.peer().node() != this) {
            throw new IllegalArgumentException(dev + " is not a router's interface linked to switch " + name());
        }
        bridgeDev = dev;
        brNetfilter = netfilter;
    }

    /**
     * Hairpin mode on every port ({@code bridge link set dev PORT hairpin on}; off by default): a
     * frame for a station on the port it came in on, a flooded one included, goes back out of it.
     */
    public void hairpin(final boolean on) {
        hairpin = on;
    }

    /** The port a station was learnt on, or null. */
    public NetInterface portOf(final NetInterface station) {
        final Entry e = live(station);
        return e == null ? null : e.port;
    }

    /** The station's entry, or null when there is none or it has aged out (then it is forgotten). */
    private Entry live(final NetInterface station) {
        final Entry e = station == null ? null : learnt.get(station);
        if (e != null && network().simulator().now() - e.updated >= AGEING_NS) {
            learnt.remove(station);
            return null;
        }
        return e;
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
        final boolean filtering = hooks().any(); // one check: a switch without a ruleset does no more
        // br_netfilter runs on frames from the segment; the router's own frames left its IP stack already
        final boolean ipHooks = brNetfilter && in != bridgeDev.peer();
        if (filtering || ipHooks) {
            p.mark = 0; // the frame's skb is new on this box: no mark, no socket, no connection yet
            p.notrack = false;
            p.skUid = p.skGid = -1;
            p.ct = null;
            p.ctInfo = 0;
        }
        if (filtering && !pass(Hook.PREROUTING, p, in, in, null)) {
            return;
        }
        if (ipHooks && !prerouteIp(in, p)) {
            return;
        }
        // br_handle_frame_finish (net/bridge/br_input.c) learns after the prerouting hook
        if (p.l2src != null) {
            Entry e = learnt.get(p.l2src);
            if (e == null) {
                e = new Entry(); // once per station: forwarding allocates nothing per frame
                learnt.put(p.l2src, e);
            }
            e.port = in;
            e.updated = network().simulator().now();
        }
        final Entry dst = live(p.l2dst);
        final NetInterface out = dst == null ? null : dst.port;
        if (out == in && !hairpin) {
            network().pool().release(p); // the station is on the port it came from
            return;
        }
        if (out != null) {
            forwarded++;
            if ((!filtering || forward(p, in, out)) && (!ipHooks || forwardIp(p, in, out))) {
                out.enqueue(p);
            }
            return;
        }
        flooded++;
        // br_flood (net/bridge/br_forward.c): a clone for each port but the last, which gets the frame
        final List<NetInterface> ports = interfaces();
        final int last = ports.get(ports.size() - 1) == in && !hairpin ? ports.size() - 2 : ports.size() - 1;
        if (last < 0) {
            network().pool().release(p); // a switch of one port: nowhere to flood
            return;
        }
        for (int k = 0; k <= last; k++) {
            final NetInterface port = ports.get(k);
            if (port == in && !hairpin) {
                continue;
            }
            final Packet frame = k == last ? p : network().pool().acquire();
            if (frame != p) {
                frame.copyFrom(p);
            }
            if ((!filtering || forward(frame, in, port)) && (!ipHooks || forwardIp(frame, in, port))) {
                port.enqueue(frame);
            }
        }
    }

    /**
     * br_forward.c: a bridged frame (each flooded copy apart) meets the bridge family's forward hook,
     * between its in and out ports, then postrouting, where the kernel gives no in port.
     */
    private boolean forward(final Packet p, final NetInterface in, final NetInterface out) {
        return pass(Hook.FORWARD, p, in, in, out) && pass(Hook.POSTROUTING, p, in, null, out);
    }

    /**
     * br_nf_pre_routing and br_nf_pre_routing_finish: the router's PREROUTING on a frame from the
     * segment, in = the bridge device. A frame whose destination address DNAT changed is bridged to
     * the station holding the new one when it is on the segment, else goes up to the router.
     *
     * @return false when the hook dropped or stole the frame
     */
    private boolean prerouteIp(final NetInterface in, final Packet p) {
        final int dst = p.dst;
        final Verdict v = bridgeDev.node().runHooks(Hook.PREROUTING, p, bridgeDev, null);
        if (v != Verdict.ACCEPT) {
            if (v == Verdict.DROP) {
                in.drop(p, DropCause.FILTERED);
            }
            return false;
        }
        if (p.dst != dst) {
            final NetInterface st = station(p.dst);
            p.l2dst = st != null ? st : bridgeDev; // bridged_dnat, or up to the router to be routed
        }
        if (p.l2dst == bridgeDev) {
            p.bridgePrerouted = true; // ip_sabotage_in: the router's PREROUTING ran here
        }
        return true;
    }

    /**
     * br_nf_forward_ip and br_nf_post_routing: a bridged IP frame runs the router's FORWARD, in and
     * out the bridge device, then POSTROUTING out of it (no in device there), for each port it leaves
     * by; a frame going up to the router (a flooded copy on its port) runs neither.
     */
    private boolean forwardIp(final Packet p, final NetInterface in, final NetInterface out) {
        if (p.bridgePrerouted || out == bridgeDev.peer()) {
            return true;
        }
        final Node router = bridgeDev.node();
        Verdict v = router.runHooks(Hook.FORWARD, p, bridgeDev, bridgeDev);
        if (v == Verdict.ACCEPT) {
            v = router.runHooks(Hook.POSTROUTING, p, null, bridgeDev);
        }
        if (v == Verdict.ACCEPT) {
            return true;
        }
        if (v == Verdict.DROP) {
            in.drop(p, DropCause.FILTERED);
        }
        return false;
    }

    /** Runs a hook; a frame it drops is counted on the port it came in on ({@code filtered}) and released. */
    private boolean pass(final Hook hook, final Packet p, final NetInterface port, final NetInterface in,
            final NetInterface out) {
        final Verdict v = hooks().run(hook, p, in, out);
        if (v == Verdict.ACCEPT) {
            return true;
        }
        if (v == Verdict.DROP) {
            port.drop(p, DropCause.FILTERED);
        }
        return false; // STOLEN: the hook owns the frame now
    }

    /** The station holding {@code address} (IPv4, or an IPv6 id) on the segment (through other switches too), or null. */
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
                // by each address it holds: IPv4 (ARP) and IPv6 (neighbour discovery) alike
                stations.put(peer.address() & 0xFFFF_FFFFL, peer);
                if (peer.address6() != 0) {
                    stations.put(peer.address6() & 0xFFFF_FFFFL, peer);
                }
            }
        }
    }
}
