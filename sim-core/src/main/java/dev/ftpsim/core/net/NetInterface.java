package dev.ftpsim.core.net;

import dev.ftpsim.core.kernel.EventHandler;
import dev.ftpsim.core.kernel.Simulator;
import java.util.Arrays;

/**
 * A node's interface: an IPv4 address and prefix, an IPv6 one, or both, an output queue (drop-tail, in bytes and/or packets)
 * feeding one direction of a point-to-point {@link Link}, counters and taps.
 *
 * <p>Theory of operation. {@link #enqueue} either starts a transmission or queues the packet in a
 * ring buffer. A transmission lasts the serialization time (bits / bandwidth); when it ends, the
 * link's loss model decides, and a surviving packet is scheduled to arrive at the peer after the
 * propagation delay. Both events have the interface itself as their {@link EventHandler} and the
 * packet as argument ({@link Packet#onWire} tells an arrival from the end of a transmission), so
 * nothing is allocated per packet, and an event touches no handler object of its own: with
 * 10^5 hosts each event finds its interface cold in memory, and every object less is a cache miss
 * less. The link's configuration, and whether the peer is a switch, are kept here for the same
 * reason.
 */
public final class NetInterface implements EventHandler {
    private final Node node;
    /** {@code node.network()}: a transmission's end reads it, and need not read the node, cold at 10^5 nodes. */
    private final Network network;
    private final String name;
    private final int index;
    /** The name rules use for a set of interfaces made alike (a host group's members), or null. */
    private String group;
    /** The name the node's ruleset calls this interface where it differs from the scenario's, or null. */
    private String rulesName;
    /** True for the node's {@code lo}: what it sends comes back to its own node. */
    private final boolean loopback;
    /** The IPv4 address, or for an IPv6-only interface its IPv6 id. */
    private int address;
    private byte prefixLength;
    /** The IPv6 address's id, 0 for none. */
    private int address6;
    private Prefix6 prefix6;
    /** Packet and byte counts, read through {@link #counters()}; here so that a packet updates no other object. */
    long rxPackets;
    long rxBytes;
    long txPackets;
    long txBytes;
    /** Made on the first drop or the first {@link #counters()} call. */
    private InterfaceCounters counters;

    private Link link;
    /** {@code link.config()}, read by every packet. */
    private LinkConfig cfg;
    private NetInterface peer;
    /** A host's or router's interface on a switched segment: its frames name their station. */
    private boolean toSwitch;
    private boolean routeLocalnet;
    /**
     * The last next hop (or, for a local packet, destination) found on the link's other end: the
     * neighbour entry a point-to-point link's packets reuse; 0 for none.
     */
    private int resolved;
    private LossModel loss = LossModel.NONE;

    private static final Packet[] NO_RING = new Packet[0];
    private static final PacketTap[] NO_TAPS = new PacketTap[0];

    /**
     * Lent by the network's {@link RingPool} while packets wait, given back when the queue empties:
     * a million group members that are idle, or were busy once, hold none.
     */
    private Packet[] ring = NO_RING;
    private int head;
    private int count;
    private long queuedBytes;
    private boolean busy;
    private PacketTap[] taps = NO_TAPS;

    NetInterface(final Node node, final String name, final int index, final Prefix addr, final int address) {
        this(node, name, index, addr, address, false);
    }

    NetInterface(final Node node, final String name, final int index, final Prefix addr, final int address,
            final boolean loopback) {
        this.loopback = loopback;
        this.node = node;
        this.network = node.network();
        this.name = name;
        this.index = index;
        this.address = address;
        this.prefixLength = (byte) addr.length();
    }

    /** Linux's {@code IFNAMSIZ}, the terminating NUL included: a name has at most 15 bytes. */
    public static final int IFNAMSIZ = 16;

    /**
     * Why {@code name} cannot name a Linux interface, or null when it can: the kernel's
     * {@code dev_valid_name} (net/core/dev.c) refuses an empty name, one of {@code IFNAMSIZ}
     * bytes or more, "." and "..", and any '/', ':' or whitespace; {@code dev_get_valid_name}
     * takes a '%' as a template to fill in ({@code eth%d}). '#' is ftpsim's: it names the
     * interfaces a router gets per host-group member ({@code lan#17}).
     */
    public static String nameProblem(final String name) {
        final int bytes = name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        if (name.isEmpty()) {
            return "an interface name cannot be empty";
        }
        if (bytes >= IFNAMSIZ) {
            return "'" + name + "' has " + bytes + " bytes: Linux names an interface in at most " + (IFNAMSIZ - 1)
                    + " (IFNAMSIZ)";
        }
        if (name.equals(".") || name.equals("..")) {
            return "'" + name + "' cannot name an interface (Linux refuses \".\" and \"..\")";
        }
        for (int i = 0; i < name.length(); i++) {
            final char c = name.charAt(i);
            if (c == '/' || c == ':' || c == ' ' || (c >= '\t' && c <= '\r')) {
                return "'" + name + "' cannot name an interface: Linux refuses '/', ':' and whitespace in one";
            }
            if (c == '%') {
                return "'" + name + "' cannot name an interface: Linux takes a '%' as a template (eth%d) to fill in";
            }
            if (c == '#') {
                return "'" + name + "' cannot name an interface here: ftpsim keeps '#' for the interfaces it makes"
                        + " per host-group member (lan#17)";
            }
        }
        return null;
    }

    /** An IPv6-only interface. */
    NetInterface(final Node node, final String name, final int index, final Prefix6 p6, final int id) {
        this.loopback = false;
        this.node = node;
        this.network = node.network();
        this.name = name;
        this.index = index;
        this.address = id;
        this.address6 = id;
        this.prefix6 = p6;
    }

    /**
     * The station's Ethernet address, for {@code ether saddr}/{@code daddr} rules on a switch. ftpsim
     * models no MAC addresses (a frame names its stations by interface), so each interface has a stable
     * synthetic one: {@code 02:00} and the four bytes of its IPv4 address (of its IPv6 id when it has
     * none), e.g. 192.168.1.11 is 02:00:c0:a8:01:0b; 0x02 in the first byte marks it locally administered.
     */
    public long mac() {
        return 0x0200_0000_0000L | (address & 0xFFFF_FFFFL);
    }

    void setAddress6(final Prefix6 p6, final int id) {
        if (address6 != 0) {
            throw new IllegalArgumentException(this + " already has an IPv6 address");
        }
        address6 = id;
        prefix6 = p6;
    }

    /** The IPv6 address's id (see {@link Ipv6}), or 0 when the interface has none. */
    public int address6() {
        return address6;
    }

    /** The IPv6 prefix, or null. */
    public Prefix6 prefix6() {
        return prefix6;
    }

    /** Whether the interface has an IPv4 address. */
    public boolean hasIpv4() {
        return address6 == 0 || address != address6;
    }

    /** This interface's address of the family of {@code peer} (an IPv4 address or IPv6 id); 0 for none. */
    public int addressFor(final int peer) {
        if (Ipv6.isId(peer)) {
            return address6;
        }
        return hasIpv4() ? address : 0;
    }

    public Node node() {
        return node;
    }

    public String name() {
        return name;
    }

    /**
     * The name rules match this interface by besides its own name: the interfaces a router
     * gets for the members of a host group all carry the group's name, so one rule ("iif lan")
     * covers them all; a firewall's {@code interface-names} may give it the name its ruleset
     * uses instead. Without either, the interface's own name.
     */
    public String group() {
        return rulesName != null ? rulesName : group != null ? group : name;
    }

    /** The group the interface was put in (see {@link #setGroup}), else its own name; rule names aside. */
    public String scenarioGroup() {
        return group != null ? group : name;
    }

    /** Puts the interface in a named group (see {@link #group()}). */
    public void setGroup(final String groupName) {
        group = groupName;
    }

    /** The name the node's ruleset uses for this interface (see {@link #group()}); null for its own. */
    public void setRulesName(final String name) {
        rulesName = name;
    }

    /** Whether this is the node's loopback interface {@code lo}. */
    public boolean isLoopback() {
        return loopback;
    }

    /**
     * net.ipv4.conf.IF.route_localnet: 127.0.0.0/8 may leave and arrive on this interface instead of
     * being a martian (dockerd sets it on docker0 when its userland proxy is off).
     */
    public boolean routeLocalnet() {
        return routeLocalnet;
    }

    /** Sets {@link #routeLocalnet()}. */
    public void setRouteLocalnet(final boolean on) {
        routeLocalnet = on;
    }

    /** Position in the node's interface list. */
    public int index() {
        return index;
    }

    /** The IPv4 address; for an IPv6-only interface its IPv6 id. */
    public int address() {
        return address;
    }

    /** The IPv4 prefix; null for an IPv6-only interface. */
    public Prefix prefix() {
        return hasIpv4() ? new Prefix(address, prefixLength) : null;
    }

    /** {@link #counters()} if made, else null: an interface that nobody asked about and that never dropped has none. */
    public InterfaceCounters countersIfAny() {
        return counters;
    }

    public InterfaceCounters counters() {
        if (counters == null) {
            counters = new InterfaceCounters(this);
        }
        return counters;
    }

    public Link link() {
        return link;
    }

    /** The interface at the other end of the link, or null if unconnected. */
    public NetInterface peer() {
        return peer;
    }

    /** Packets waiting in the output queue (not counting the one being transmitted). */
    public int queuedPackets() {
        return count;
    }

    public long queuedBytes() {
        return queuedBytes;
    }

    public void addTap(final PacketTap tap) {
        final PacketTap[] t = java.util.Arrays.copyOf(taps, taps.length + 1);
        t[taps.length] = tap;
        taps = t;
    }

    void attach(final Link l, final NetInterface other, final LossModel lossModel) {
        if (link != null) {
            throw new IllegalStateException(this + " is already attached to " + link.name());
        }
        link = l;
        cfg = l.config();
        peer = other;
        toSwitch = other.node instanceof Switch && !(node instanceof Switch);
        loss = lossModel;
    }

    void setLoss(final LossModel lossModel) {
        loss = lossModel;
    }

    /**
     * Whether the other end of this point-to-point link answers for {@code p}'s next hop: ARP for an
     * IPv4 address of any of its node's interfaces (arp_ignore=0, the default), neighbour discovery
     * for an IPv6 address of that interface only (ndisc_recv_ns looks the target up on the receiving
     * device, net/ipv6/ndisc.c). So an address nobody holds, like a NAT pool's address on the link's
     * subnet without proxy ARP or NDP, is unreachable as on Linux.
     */
    private boolean neighbour(final Packet p) {
        final int key = p.nextHop != 0 ? p.nextHop : p.dst;
        if (key == resolved && key != 0) {
            return true;
        }
        final int hop = p.nextHop != 0 ? p.nextHop : node.nextHopFor(p.dst);
        final boolean found = Ipv6.isId(hop) ? hop == peer.address6 : peer.node.interfaceFor(hop) != null;
        if (found) {
            resolved = key;
        }
        return found;
    }

    /**
     * Queues a packet for transmission; takes ownership (drops release it). Packets larger than the
     * MTU are dropped (no fragmentation): a router's forward path answers those with "fragmentation
     * needed" or "packet too big" before they get here, and a host's TCP sizes its segments to its link.
     *
     * @return false when the queue was full and the packet dropped, as the qdisc's
     *     {@code NET_XMIT_DROP} tells a local sender at once; true otherwise, whatever happens later
     */
    public boolean enqueue(final Packet p) {
        final Simulator sim = network.simulator();
        if (link == null) {
            if (loopback) { // loopback_xmit hands it to the backlog: it comes back in a later softirq
                p.release(); // loopback_xmit orphans the skb: it no longer counts against its socket
                txPackets++;
                txBytes += p.totalLength();
                for (final PacketTap t : taps) {
                    t.onPacket(this, true, p, sim.now());
                }
                p.onWire = true;
                sim.schedule(0, this, p);
                return true;
            }
            drop(p, DropCause.NO_ROUTE);
            return true;
        }
        if (toSwitch) {
            final Switch sw = (Switch) peer.node;
            p.l2src = this;
            // a locally sent packet's next hop is looked up here, only on a segment
            p.l2dst = sw.station(p.nextHop != 0 ? p.nextHop : node.nextHopFor(p.dst));
            if (p.l2dst == null) {
                drop(p, DropCause.NO_ROUTE); // nobody on the segment answers ARP for the next hop
                return true; // the neighbour queue takes it and drops it later: a loss to the sender
            }
        } else if (!(node instanceof Switch) && !neighbour(p)) {
            drop(p, DropCause.NO_ROUTE); // as on a segment: the next hop's ARP or neighbour solicitation goes unanswered
            return true;
        }
        final LinkConfig cfg = this.cfg;
        final int len = p.totalLength();
        if (len > cfg.mtu()) {
            drop(p, DropCause.MTU);
            return true;
        }
        if (!busy) {
            startTx(sim, cfg, p);
            return true;
        }
        if ((cfg.queueBytes() > 0 && queuedBytes + len > cfg.queueBytes())
                || (cfg.queuePackets() > 0 && count >= cfg.queuePackets())) {
            drop(p, DropCause.QUEUE_FULL);
            return false;
        }
        if (count == ring.length) {
            final RingPool pool = network.rings();
            final Packet[] r = pool.take(Math.max(RingPool.MIN, ring.length * 2));
            for (int i = 0; i < count; i++) {
                r[i] = ring[(head + i) & (ring.length - 1)];
            }
            if (ring.length > 0) {
                Arrays.fill(ring, null);
                pool.give(ring);
            }
            ring = r;
            head = 0;
        }
        ring[(head + count) & (ring.length - 1)] = p;
        count++;
        queuedBytes += len;
        return true;
    }

    private void startTx(final Simulator sim, final LinkConfig cfg, final Packet p) {
        busy = true;
        final int len = p.totalLength();
        txPackets++;
        txBytes += len;
        for (final PacketTap t : taps) {
            t.onPacket(this, true, p, sim.now());
        }
        sim.schedule(cfg.serializationNanos(len), this, p);
    }

    /**
     * The kernel's callback for this interface's events: a packet on the wire arrives here from
     * the peer; any other ends its transmission from here. Not for other callers.
     */
    @Override
    public void handle(final Object arg) {
        final Packet p = (Packet) arg;
        if (p.onWire) {
            p.onWire = false;
            onArrive(p);
        } else {
            onTxDone(p);
        }
    }

    private void onTxDone(final Packet p) {
        final Simulator sim = network.simulator();
        p.release(); // the driver's TX completion frees the skb: its socket may send again (tcp_wfree)
        if (loss.lose(p)) {
            drop(p, DropCause.LOSS);
        } else {
            p.onWire = true;
            sim.schedule(cfg.delayNanos(), peer, p);
        }
        busy = false;
        if (count > 0) {
            final Packet next = ring[head];
            ring[head] = null;
            head = (head + 1) & (ring.length - 1);
            count--;
            queuedBytes -= next.totalLength();
            if (count == 0) {
                network.rings().give(ring);
                ring = NO_RING;
                head = 0;
            }
            startTx(sim, cfg, next);
        }
    }

    private void onArrive(final Packet p) {
        rxPackets++;
        rxBytes += p.totalLength();
        for (final PacketTap t : taps) {
            t.onPacket(this, false, p, network.simulator().now());
        }
        if (p.l2dst != null && !(node instanceof Switch)) {
            if (p.l2dst != this) {
                network.pool().release(p); // a flooded frame for another station: the NIC ignores it
                return;
            }
            p.l2src = p.l2dst = null; // the frame ends here; a router forwards the packet in a new one
        }
        node.receive(this, p);
    }

    /** The MTU of this interface's link, 0 when it has none; read from the config the queue reads anyway. */
    int mtu() {
        final LinkConfig c = cfg;
        return c == null ? 0 : c.mtu();
    }

    /** A transport above discards {@code p} for {@code cause}: counted here, and released. */
    public void discard(final Packet p, final DropCause cause) {
        drop(p, cause);
    }

    void drop(final Packet p, final DropCause cause) {
        counters().drop(cause);
        network.pool().release(p);
    }

    @Override
    public String toString() {
        final String v6 = prefix6 == null ? "" : network.ipv6().format(address6) + "/" + prefix6.length();
        if (!hasIpv4()) {
            return node.name() + "." + name + "(" + v6 + ")";
        }
        return node.name() + "." + name + "(" + Ipv4.format(address) + "/" + prefixLength + (v6.isEmpty() ? "" : " " + v6) + ")";
    }
}
