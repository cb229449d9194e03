package dev.ftpsim.core.net;

import dev.ftpsim.core.kernel.EventHandler;
import dev.ftpsim.core.kernel.Simulator;

/**
 * A node's interface: an address and prefix, an output queue (drop-tail, in bytes and/or packets)
 * feeding one direction of a point-to-point {@link Link}, counters and taps.
 *
 * <p>Theory of operation. {@link #enqueue} either starts a transmission or queues the packet in a
 * ring buffer. A transmission lasts the serialization time (bits / bandwidth); when it ends, the
 * link's loss model decides, and a surviving packet is scheduled to arrive at the peer after the
 * propagation delay. Both events use a pre-built {@link EventHandler} with the packet as
 * argument, so nothing is allocated per packet.
 */
public final class NetInterface {
    private final Node node;
    private final String name;
    private final int index;
    /** The name rules use for a set of interfaces made alike (a host group's members), or null. */
    private String group;
    private int address;
    private int prefixLength;
    private final InterfaceCounters counters = new InterfaceCounters();

    private Link link;
    private NetInterface peer;
    private LossModel loss = LossModel.NONE;

    private static final Packet[] NO_RING = new Packet[0];
    private static final PacketTap[] NO_TAPS = new PacketTap[0];

    /** Allocated when the first packet has to wait: a million idle group members need none. */
    private Packet[] ring = NO_RING;
    private int head;
    private int count;
    private long queuedBytes;
    private boolean busy;
    private PacketTap[] taps = NO_TAPS;

    private final EventHandler txDone = this::onTxDone;
    private final EventHandler arrive = this::onArrive;

    NetInterface(final Node node, final String name, final int index, final Prefix addr, final int address) {
        this.node = node;
        this.name = name;
        this.index = index;
        this.address = address;
        this.prefixLength = addr.length();
    }

    public Node node() {
        return node;
    }

    public String name() {
        return name;
    }

    /**
     * The group name rules match this interface by besides its own name: the interfaces a router
     * gets for the members of a host group all carry the group's name, so one rule ("iif lan")
     * covers them all. Without a group, the interface's own name.
     */
    public String group() {
        return group != null ? group : name;
    }

    /** Puts the interface in a named group (see {@link #group()}). */
    public void setGroup(final String groupName) {
        group = groupName;
    }

    /** Position in the node's interface list. */
    public int index() {
        return index;
    }

    public int address() {
        return address;
    }

    public Prefix prefix() {
        return new Prefix(address, prefixLength);
    }

    public InterfaceCounters counters() {
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
        peer = other;
        loss = lossModel;
    }

    void setLoss(final LossModel lossModel) {
        loss = lossModel;
    }

    /**
     * Queues a packet for transmission; takes ownership (drops release it). Packets larger than the
     * MTU are dropped: TCP here sets DF and its MSS fits the MTU, so this only catches scenario
     * errors (no fragmentation, no ICMP "fragmentation needed").
     */
    public void enqueue(final Packet p) {
        final Simulator sim = node.network().simulator();
        if (link == null) {
            drop(p, DropCause.NO_ROUTE);
            return;
        }
        if (peer.node instanceof Switch sw && !(node instanceof Switch)) {
            p.l2src = this;
            p.l2dst = sw.station(p.nextHop);
            if (p.l2dst == null) {
                drop(p, DropCause.NO_ROUTE); // nobody on the segment answers ARP for the next hop
                return;
            }
        }
        final LinkConfig cfg = link.config();
        final int len = p.totalLength();
        if (len > cfg.mtu()) {
            drop(p, DropCause.MTU);
            return;
        }
        if (!busy) {
            startTx(sim, cfg, p);
            return;
        }
        if ((cfg.queueBytes() > 0 && queuedBytes + len > cfg.queueBytes())
                || (cfg.queuePackets() > 0 && count >= cfg.queuePackets())) {
            drop(p, DropCause.QUEUE_FULL);
            return;
        }
        if (count == ring.length) {
            final Packet[] r = new Packet[Math.max(16, ring.length * 2)];
            for (int i = 0; i < count; i++) {
                r[i] = ring[(head + i) & (ring.length - 1)];
            }
            ring = r;
            head = 0;
        }
        ring[(head + count) & (ring.length - 1)] = p;
        count++;
        queuedBytes += len;
    }

    private void startTx(final Simulator sim, final LinkConfig cfg, final Packet p) {
        busy = true;
        final int len = p.totalLength();
        counters.txPackets++;
        counters.txBytes += len;
        for (final PacketTap t : taps) {
            t.onPacket(this, true, p, sim.now());
        }
        sim.schedule(cfg.serializationNanos(len), txDone, p);
    }

    private void onTxDone(final Object arg) {
        final Packet p = (Packet) arg;
        final Simulator sim = node.network().simulator();
        if (loss.lose(p)) {
            drop(p, DropCause.LOSS);
        } else {
            sim.schedule(link.config().delayNanos(), peer.arrive, p);
        }
        busy = false;
        if (count > 0) {
            final Packet next = ring[head];
            ring[head] = null;
            head = (head + 1) & (ring.length - 1);
            count--;
            queuedBytes -= next.totalLength();
            startTx(sim, link.config(), next);
        }
    }

    private void onArrive(final Object arg) {
        final Packet p = (Packet) arg;
        counters.rxPackets++;
        counters.rxBytes += p.totalLength();
        for (final PacketTap t : taps) {
            t.onPacket(this, false, p, node.network().simulator().now());
        }
        if (p.l2dst != null && !(node instanceof Switch)) {
            if (p.l2dst != this) {
                node.network().pool().release(p); // a flooded frame for another station: the NIC ignores it
                return;
            }
            p.l2src = p.l2dst = null; // the frame ends here; a router forwards the packet in a new one
        }
        node.receive(this, p);
    }

    void drop(final Packet p, final DropCause cause) {
        counters.drop(cause);
        node.network().pool().release(p);
    }

    @Override
    public String toString() {
        return node.name() + "." + name + "(" + Ipv4.format(address) + "/" + prefixLength + ")";
    }
}
