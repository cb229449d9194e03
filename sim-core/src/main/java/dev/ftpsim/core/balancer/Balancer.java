package dev.ftpsim.core.balancer;

import dev.ftpsim.core.conntrack.FiveTuple;
import dev.ftpsim.core.conntrack.Tuple2IntHashMap;
import dev.ftpsim.core.kernel.EventHandler;
import dev.ftpsim.core.kernel.Simulator;
import dev.ftpsim.core.net.Hook;
import dev.ftpsim.core.net.HookFunction;
import dev.ftpsim.core.net.NetInterface;
import dev.ftpsim.core.net.Node;
import dev.ftpsim.core.net.Packet;
import dev.ftpsim.core.net.Verdict;

/**
 * An L4 load balancer in NAT mode on a forwarding node (see the package notes). Install with
 * {@link #install}; TCP only.
 */
public final class Balancer implements HookFunction {
    /** Runs where DNAT does (NF_IP_PRI_NAT_DST), before a filter on the same node. */
    public static final int PRIORITY = -100;

    /** Why a flow left the table. */
    public enum Forget {
        /** Its idle timeout passed. */
        EXPIRED,
        /** A reset from either end crossed the balancer. */
        RESET,
        /** A new SYN reused the tuple of a closed flow. */
        REUSED
    }

    /** Told of each flow the balancer creates and forgets. */
    public interface Listener {
        void created(Balancer b, Flow f);

        /** {@code at} is when it was forgotten: the expiry instant for {@link Forget#EXPIRED}. */
        void forgot(Balancer b, Flow f, Forget why, long at);
    }

    /** Counters of what the balancer did. */
    public static final class Stats {
        public long flows;
        public long forwarded;
        /** Non-SYN packets of a flow the table does not hold (dropped, or answered with a reset). */
        public long unknown;
        /** New connections refused because no backend was healthy. */
        public long noBackend;
        public long expired;
        public long resetsSent;
    }

    private final String name;
    private final Node node;
    private final Simulator sim;
    private final BalancerConfig config;
    private final int vip;
    private final int[] portLow;
    private final int[] portHigh;
    private final int[] backends;
    private final boolean[] up;
    private final long seed;
    private final Tuple2IntHashMap table = new Tuple2IntHashMap();
    private Flow[] flows = new Flow[16];
    private int[] freeIds = new int[16];
    private int freeTop;
    private int idsUsed;
    private int count;
    private int nextRoundRobin;
    private Listener listener;
    private final Stats stats = new Stats();
    private final EventHandler idle = this::idleTimer;

    private Balancer(final String name, final Node node, final BalancerConfig config, final long seed) {
        this.name = name;
        this.node = node;
        this.sim = node.network().simulator();
        this.config = config;
        this.vip = config.virtualAddress();
        this.portLow = config.frontPorts().stream().mapToInt(r -> r[0]).toArray();
        this.portHigh = config.frontPorts().stream().mapToInt(r -> r[1]).toArray();
        this.backends = config.backends().stream().mapToInt(Integer::intValue).toArray();
        this.up = new boolean[backends.length];
        java.util.Arrays.fill(up, true);
        this.seed = seed;
    }

    /**
     * Puts a balancer on {@code node}'s PREROUTING hook. {@code seed} varies the 5-tuple and
     * source hashes, as a real balancer's hash secret does; the same seed gives the same choices.
     */
    public static Balancer install(final String name, final Node node, final BalancerConfig config, final long seed) {
        if (!node.isForwarding()) {
            throw new IllegalArgumentException(node.name() + " does not forward: a balancer needs a router");
        }
        final Balancer b = new Balancer(name, node, config, seed);
        node.hooks().register(Hook.PREROUTING, PRIORITY, b);
        return b;
    }

    public String name() {
        return name;
    }

    /**
     * A balancer for a proxy that terminates the connections itself (HAProxy): it chooses, counts
     * and tells its listener, and a proxy on {@code node} relays; no hook, no table.
     */
    public static Balancer forProxy(final String name, final Node node, final BalancerConfig config, final long seed) {
        return new Balancer(name, node, config, seed);
    }

    /**
     * For a proxy: the flow of a connection it accepted from {@code clientAddr}:{@code clientPort}
     * on {@code frontPort}, with a healthy backend chosen, counted and told to the listener; null
     * when no backend is healthy (counted in {@link Stats#noBackend}).
     */
    public Flow accepted(final int clientAddr, final int clientPort, final int frontPort) {
        final long ips = FiveTuple.ips(clientAddr, vip);
        final long ports = FiveTuple.ports(clientPort, frontPort, FiveTuple.TCP);
        final int b = choose(clientAddr, ips, ports);
        if (b < 0) {
            stats.noBackend++;
            return null;
        }
        final Flow f = new Flow(clientAddr, clientPort, frontPort, b, backends[b], frontPort + config.portOffset(),
                sim.now(), ips, ports, 0, 0);
        stats.flows++;
        if (listener != null) {
            listener.created(this, f);
        }
        return f;
    }

    /** For a proxy: its idle timeout closed flow {@code f} at {@code at}. */
    public void expired(final Flow f, final long at) {
        stats.expired++;
        stats.resetsSent++; // to the backend, after a FIN
        if (listener != null) {
            listener.forgot(this, f, Forget.EXPIRED, at);
        }
    }

    public Node node() {
        return node;
    }

    public BalancerConfig config() {
        return config;
    }

    public Stats stats() {
        return stats;
    }

    /** Flows in the table now. */
    public int count() {
        return count;
    }

    public void setListener(final Listener l) {
        listener = l;
    }

    /** Marks backend {@code index} healthy or down; a down backend gets no new connections, its flows go on. */
    public void setHealthy(final int index, final boolean healthy) {
        up[index] = healthy;
    }

    public boolean isHealthy(final int index) {
        return up[index];
    }

    /** The flows in the table, in id order; for reports and tests. */
    public java.util.List<Flow> flows() {
        final java.util.List<Flow> out = new java.util.ArrayList<>(count);
        for (int i = 0; i < idsUsed; i++) {
            if (flows[i] != null) {
                out.add(flows[i]);
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- packet path

    @Override
    public Verdict apply(final Hook hook, final Packet p, final NetInterface in, final NetInterface out) {
        if (p.protocol != Packet.PROTO_TCP || in == null) {
            return Verdict.ACCEPT;
        }
        if (p.dst == vip && serves(p.dport)) {
            return fromClient(p, in);
        }
        if (count > 0 || backendIndex(p.src) >= 0) {
            return fromBackend(p);
        }
        return Verdict.ACCEPT;
    }

    private Verdict fromClient(final Packet p, final NetInterface in) {
        final long ips = FiveTuple.ips(p.src, p.dst);
        final long ports = FiveTuple.ports(p.sport, p.dport, FiveTuple.TCP);
        final int v = table.get(ips, ports);
        Flow f = v == Tuple2IntHashMap.MISSING ? null : flows[v];
        final boolean syn = (p.flags & (Packet.SYN | Packet.ACK | Packet.RST)) == Packet.SYN;
        if (f != null && syn && (f.clientFin && f.backendFin)) {
            forget(f, Forget.REUSED, sim.now());
            f = null;
        }
        if (f == null) {
            if (!syn) {
                return unknown(p);
            }
            f = create(p, ips, ports);
            if (f == null) {
                stats.noBackend++;
                if (healthy() == 0 && config.noBackend() == NoBackend.UNREACHABLE) {
                    node.sendIcmpError(p, in, Packet.ICMP_DEST_UNREACHABLE, 3); // port unreachable
                }
                return Verdict.DROP;
            }
        }
        touch(f, p, true);
        p.dst = f.backendAddr;
        p.dport = f.backPort;
        stats.forwarded++;
        if ((p.flags & Packet.RST) != 0) {
            forget(f, Forget.RESET, sim.now());
        }
        return Verdict.ACCEPT;
    }

    private Verdict fromBackend(final Packet p) {
        final int v = count == 0 ? Tuple2IntHashMap.MISSING
                : table.get(FiveTuple.ips(p.src, p.dst), FiveTuple.ports(p.sport, p.dport, FiveTuple.TCP));
        if (v == Tuple2IntHashMap.MISSING) {
            final int b = backendIndex(p.src);
            if (b >= 0 && serves(p.sport - config.portOffset())) {
                return unknown(p); // a backend's answer on a flow the balancer forgot
            }
            return Verdict.ACCEPT;
        }
        final Flow f = flows[v];
        if (f.replyIps != FiveTuple.ips(p.src, p.dst)) {
            return Verdict.ACCEPT; // the client's own tuple seen backwards: not a reply
        }
        touch(f, p, false);
        p.src = vip;
        p.sport = f.frontPort;
        stats.forwarded++;
        if ((p.flags & Packet.RST) != 0) {
            forget(f, Forget.RESET, sim.now());
        }
        return Verdict.ACCEPT;
    }

    /**
     * A packet of no flow: dropped, and for {@link OnIdle#RESET_ON_NEXT} answered with a reset; for
     * {@link OnIdle#CLOSE} too unless it is a bare acknowledgment (a closed socket's, or no socket's,
     * answer: tcp_rcv_state_process and tcp_v4_send_reset).
     */
    private Verdict unknown(final Packet p) {
        stats.unknown++;
        final boolean bareAck = p.payloadLength == 0 && (p.flags & (Packet.SYN | Packet.FIN | Packet.RST)) == 0;
        if ((config.onIdle() == OnIdle.RESET_ON_NEXT || config.onIdle() == OnIdle.CLOSE && !bareAck)
                && (p.flags & Packet.RST) == 0) {
            node.sendTcpReset(p);
            stats.resetsSent++;
        }
        return Verdict.DROP;
    }

    private void touch(final Flow f, final Packet p, final boolean client) {
        if (!config.idleNeedsData() || p.payloadLength > 0 || (p.flags & (Packet.SYN | Packet.FIN)) != 0) {
            f.lastSeen = sim.now();
        }
        if ((p.flags & Packet.ACK) != 0) {
            if (client) {
                f.clientAck = p.ack;
                f.clientAcked = true;
            } else {
                f.backendAck = p.ack;
                f.backendAcked = true;
            }
        }
        if ((p.flags & Packet.FIN) != 0) {
            if (client) {
                f.clientFin = true;
            } else {
                f.backendFin = true;
            }
        }
    }

    private boolean serves(final int port) {
        for (int i = 0; i < portLow.length; i++) {
            if (port >= portLow[i] && port <= portHigh[i]) {
                return true;
            }
        }
        return false;
    }

    private int backendIndex(final int addr) {
        for (int i = 0; i < backends.length; i++) {
            if (backends[i] == addr) {
                return i;
            }
        }
        return -1;
    }

    // ---------------------------------------------------------------- flows

    private Flow create(final Packet p, final long ips, final long ports) {
        final int b = choose(p.src, ips, ports);
        if (b < 0) {
            return null;
        }
        final int backPort = p.dport + config.portOffset();
        final long rIps = FiveTuple.ips(backends[b], p.src);
        final long rPorts = FiveTuple.ports(backPort, p.sport, FiveTuple.TCP);
        if (table.containsKey(rIps, rPorts)) {
            return null; // another client's flow already owns that backend tuple
        }
        final Flow f = new Flow(p.src, p.sport, p.dport, b, backends[b], backPort, sim.now(), ips, ports, rIps, rPorts);
        final int id = allocateId();
        f.id = id;
        flows[id] = f;
        table.put(ips, ports, id);
        table.put(rIps, rPorts, id);
        count++;
        stats.flows++;
        if (config.idleTimeoutNanos() > 0) {
            f.idleHandle = sim.schedule(config.idleTimeoutNanos(), idle, f);
        }
        if (listener != null) {
            listener.created(this, f);
        }
        return f;
    }

    /** The backend of a new connection, among the healthy ones; -1 if none is. */
    private int choose(final int src, final long ips, final long ports) {
        final boolean open = healthy() == 0 && config.noBackend() == NoBackend.FAIL_OPEN;
        final int healthy = open ? up.length : healthy();
        if (healthy == 0) {
            return -1;
        }
        final int k = switch (config.algorithm()) {
            case HASH -> Math.floorMod((int) (mix(mix(ips ^ seed) ^ ports) >>> 33), healthy);
            case SOURCE -> Math.floorMod((int) (mix((src & 0xFFFF_FFFFL) ^ seed) >>> 33), healthy);
            case ROUND_ROBIN -> nextRoundRobin++ % healthy;
        };
        for (int i = 0, seen = 0; i < up.length; i++) {
            if ((up[i] || open) && seen++ == k) {
                return i;
            }
        }
        return -1;
    }

    private int healthy() {
        int n = 0;
        for (final boolean u : up) {
            n += u ? 1 : 0;
        }
        return n;
    }

    /** SplitMix64's finalizer: every input bit moves every output bit. */
    private static long mix(final long x) {
        long z = x + 0x9E37_79B9_7F4A_7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
        return z ^ (z >>> 31);
    }

    private void idleTimer(final Object arg) {
        final Flow f = (Flow) arg;
        f.idleHandle = Simulator.NO_EVENT;
        if (f.id < 0) {
            return;
        }
        final long deadline = f.lastSeen + config.idleTimeoutNanos();
        if (sim.now() < deadline) {
            f.idleHandle = sim.scheduleAt(deadline, idle, f);
            return;
        }
        stats.expired++;
        if (config.onIdle() == OnIdle.RESET) {
            reset(vip, f.frontPort, f.clientAddr, f.clientPort, f.clientAck, f.clientAcked);
            reset(f.clientAddr, f.clientPort, f.backendAddr, f.backPort, f.backendAck, f.backendAcked);
        } else if (config.onIdle() == OnIdle.CLOSE) {
            if (f.clientAcked && f.backendAcked) {
                send(vip, f.frontPort, f.clientAddr, f.clientPort, f.clientAck, f.backendAck, Packet.FIN | Packet.ACK);
            }
            reset(f.clientAddr, f.clientPort, f.backendAddr, f.backPort, f.backendAck, f.backendAcked);
        }
        forget(f, Forget.EXPIRED, deadline);
    }

    /** A reset the balancer makes up, with the sequence number the receiver expects next. */
    private void reset(final int src, final int sport, final int dst, final int dport, final int seq,
            final boolean known) {
        if (!known) {
            return; // it never acknowledged anything: no sequence number it would accept
        }
        send(src, sport, dst, dport, seq, 0, Packet.RST);
        stats.resetsSent++;
    }

    /** A segment the balancer makes up (a reset, or a proxy's FIN with the acknowledgment of what it received). */
    private void send(final int src, final int sport, final int dst, final int dport, final int seq, final int ack,
            final int flags) {
        final Packet r = node.network().pool().acquire();
        r.protocol = Packet.PROTO_TCP;
        r.src = src;
        r.sport = sport;
        r.dst = dst;
        r.dport = dport;
        r.seq = seq;
        r.ack = ack;
        r.flags = flags;
        r.window = (flags & Packet.ACK) != 0 ? 64240 : 0;
        r.df = true;
        node.sendLocal(r);
    }

    private void forget(final Flow f, final Forget why, final long at) {
        table.remove(f.origIps, f.origPorts);
        table.remove(f.replyIps, f.replyPorts);
        flows[f.id] = null;
        freeIds[freeTop++] = f.id;
        f.id = -1;
        count--;
        if (f.idleHandle != Simulator.NO_EVENT) {
            sim.cancel(f.idleHandle);
            f.idleHandle = Simulator.NO_EVENT;
        }
        if (listener != null) {
            listener.forgot(this, f, why, at);
        }
    }

    private int allocateId() {
        if (freeTop > 0) {
            return freeIds[--freeTop];
        }
        if (idsUsed == flows.length) {
            flows = java.util.Arrays.copyOf(flows, flows.length * 2);
            freeIds = java.util.Arrays.copyOf(freeIds, freeIds.length * 2);
        }
        return idsUsed++;
    }

    @Override
    public String toString() {
        return "balancer " + name + " on " + node.name();
    }
}
