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
        /**
         * Segments to the virtual address on a port that is no virtual service, answered by the
         * director's own TCP with a reset (LVS: the director owns the virtual address).
         */
        public long notServed;
        public long expired;
        public long resetsSent;
        /** Control replies and commands the FTP helper acted on (227/229 rewritten, PORT/EPRT seen). */
        public long ftpHelped;
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
    /** The control ports the FTP helper watches. */
    private final int[] ftpPorts;
    /** Per backend, its connections counted active and inactive as IPVS does (ActiveConn, InActConn). */
    private final int[] activeConns;
    /** Per backend, its LVS weight (ipvsadm -w; 1 for other products). */
    private final int[] weights;
    private final int[] inactiveConns;
    /** FTP helper entries waiting for the client's data connection (client port unknown yet). */
    private final java.util.List<Flow> waiting = new java.util.ArrayList<>();
    /** Persistence templates by client address. */
    private final java.util.Map<Integer, PersistTemplate> templates = new java.util.HashMap<>();
    private final EventHandler templateTimer = this::templateTimer;
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
        this.ftpPorts = config.lvs().ftpPorts().stream().mapToInt(Integer::intValue).toArray();
        this.activeConns = new int[backends.length];
        this.weights = new int[backends.length];
        for (int i = 0; i < backends.length; i++) {
            weights[i] = i < config.lvs().weights().size() ? config.lvs().weights().get(i) : 1;
        }
        this.inactiveConns = new int[backends.length];
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
        return accepted(clientAddr, clientPort, frontPort, ANY);
    }

    /**
     * For a proxy: as {@link #accepted(int, int, int)}, choosing only among the healthy backends
     * {@code usable} accepts (HAProxy leaves out a server at its {@code maxconn}, and a redispatch
     * the server that failed); null when none is.
     */
    public Flow accepted(final int clientAddr, final int clientPort, final int frontPort,
            final java.util.function.IntPredicate usable) {
        final long ips = FiveTuple.ips(clientAddr, vip);
        final long ports = FiveTuple.ports(clientPort, frontPort, FiveTuple.TCP);
        final int b;
        this.usable = usable;
        try {
            b = choose(clientAddr, ips, ports);
        } finally {
            this.usable = ANY;
        }
        if (b < 0) {
            stats.noBackend++;
            return null;
        }
        return flow(clientAddr, clientPort, frontPort, b, ips, ports);
    }

    /**
     * For a proxy: the flow of a connection it accepted, sent to backend {@code b} without a choice
     * (HAProxy hands a queued connection to the server whose slot came free).
     */
    public Flow assigned(final int clientAddr, final int clientPort, final int frontPort, final int b) {
        return flow(clientAddr, clientPort, frontPort, b, FiveTuple.ips(clientAddr, vip),
                FiveTuple.ports(clientPort, frontPort, FiveTuple.TCP));
    }

    private Flow flow(final int clientAddr, final int clientPort, final int frontPort, final int b, final long ips,
            final long ports) {
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

    /** Backend {@code index}'s connections in an active TCP state (ipvsadm -Ln ActiveConn). */
    public int activeConnections(final int index) {
        return activeConns[index];
    }

    /** Backend {@code index}'s other connections, until they expire (ipvsadm -Ln InActConn). */
    public int inactiveConnections(final int index) {
        return inactiveConns[index];
    }

    /** The backend index a client address's persistence template holds, or -1. */
    public int persistentBackend(final int clientAddress) {
        final PersistTemplate t = templates.get(clientAddress);
        return t == null ? -1 : t.backend;
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
        if (p.dst == vip) {
            final Verdict v = fromClient(p, in);
            if (v != null) {
                return v;
            }
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
        if (f != null && syn && (f.clientFin && f.backendFin || reusable(f))) {
            forget(f, Forget.REUSED, sim.now());
            f = null;
        }
        if (f == null && syn && !waiting.isEmpty()) {
            f = takeWaiting(p, ips, ports);
        }
        if (f == null) {
            if (!serves(p.dport)) {
                if (config.lvs().tcpStates()) {
                    // The virtual address is one of the director's own (ip addr add VIP): IPVS lets
                    // the segment through to its TCP, where no socket listens (tcp_v4_send_reset).
                    stats.notServed++;
                    node.sendTcpReset(p);
                    return Verdict.DROP;
                }
                return null; // no virtual service on that port: not the balancer's packet
            }
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
        if (f.backendAddr == vip) {
            // An FTP helper entry whose server announced the virtual address itself: IPVS sends the
            // packet on to the director's own TCP (ip_vs_nat_xmit, local route), where no socket
            // listens, and it answers with a reset.
            node.sendTcpReset(p);
            stats.resetsSent++;
            forget(f, Forget.RESET, sim.now());
            return Verdict.DROP;
        }
        if (f.mangled && (p.flags & Packet.ACK) != 0) {
            // nf_ct_seq_adjust: the client acknowledges the rewritten reply's bytes
            p.ack -= p.ack - f.offsetBefore - f.correctionPos > 0 ? f.offsetAfter : f.offsetBefore;
        }
        touch(f, p, true);
        if (helps(f) && p.payloadLength > 0 && p.data != null && f.state == LvsTcp.ESTABLISHED) {
            ftpIn(f, p);
        }
        p.dst = f.backendAddr;
        p.dport = f.backPort;
        stats.forwarded++;
        if ((p.flags & Packet.RST) != 0 && !config.lvs().tcpStates()) {
            forget(f, Forget.RESET, sim.now()); // IPVS keeps it in CLOSE for 10 s instead
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
        if (f.ftpWaits != 0 && p.payloadLength > 0 && p.data != null && f.state == LvsTcp.ESTABLISHED) {
            ftpOut(f, p);
        }
        if (f.mangled) {
            p.seq += p.seq - f.correctionPos > 0 ? f.offsetAfter : f.offsetBefore;
        }
        p.src = vip;
        p.sport = f.frontPort;
        stats.forwarded++;
        if ((p.flags & Packet.RST) != 0 && !config.lvs().tcpStates()) {
            forget(f, Forget.RESET, sim.now()); // IPVS keeps it in CLOSE for 10 s instead
        }
        return Verdict.ACCEPT;
    }

    /**
     * conn_reuse_mode 1 (is_new_conn_expected, ip_vs_core.c): a SYN on the tuple of an entry in
     * TIME_WAIT or CLOSE expires it and is scheduled afresh.
     */
    private boolean reusable(final Flow f) {
        return config.lvs().tcpStates() && (f.state == LvsTcp.TIME_WAIT || f.state == LvsTcp.CLOSE);
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
        setState(f, LvsTcp.next(f.state, p, client));
        if (!config.idleNeedsData() || p.payloadLength > 0 || (p.flags & (Packet.SYN | Packet.FIN)) != 0) {
            f.lastSeen = sim.now();
            arm(f);
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

    // ---------------------------------------------------------------- ip_vs_ftp

    private static final byte WAIT_PASV = 1;
    private static final byte WAIT_EPSV = 2;

    /** Whether the IPVS FTP helper is bound to this flow (ip_vs_ftp's ports=, NAT mode only). */
    private boolean helps(final Flow f) {
        for (final int port : ftpPorts) {
            if (port == f.frontPort) {
                return true;
            }
        }
        return false;
    }

    /**
     * ip_vs_ftp_in: a client's PASV or EPSV makes the helper wait for the server's reply; a PORT or
     * EPRT makes an entry for the server's data connection from its port 20 (the control port
     * minus one) to the address and port given, so it leaves with the virtual address.
     */
    private void ftpIn(final Flow f, final Packet p) {
        final byte[] d = p.data;
        final int n = p.payloadLength;
        for (int i = 0; i <= n - 6; i++) {
            if (matches(d, i, n, "PASV\r\n")) {
                f.ftpWaits = WAIT_PASV;
                return;
            }
            if (matches(d, i, n, "EPSV") && (d[i + 4] == ' ' || d[i + 4] == '\r')) {
                // "EPSV 1": IPv4 only; "EPSV ALL" and "EPSV 2" are not followed
                if (d[i + 4] == ' ' && (i > n - 7 || d[i + 6] != '\r' || d[i + 5] != '1')) {
                    return;
                }
                f.ftpWaits = WAIT_EPSV;
                return;
            }
        }
        final int[] r = new int[4];
        if (!addrPort(d, 0, n, "PORT", ' ', false, false, 0, r) && !addrPort(d, 0, n, "EPRT", ' ', true, false, 0, r)) {
            return;
        }
        f.ftpWaits = 0;
        stats.ftpHelped++;
        final int to = r[0];
        final int port = r[1];
        final int vport = f.frontPort - 1;
        final long ips = FiveTuple.ips(to, vip);
        final long ports = FiveTuple.ports(port, vport, FiveTuple.TCP);
        final int v = table.get(ips, ports);
        final Flow n2;
        if (v != Tuple2IntHashMap.MISSING) {
            n2 = flows[v];
        } else {
            final long rIps = FiveTuple.ips(f.backendAddr, to);
            final long rPorts = FiveTuple.ports(f.backPort - 1, port, FiveTuple.TCP);
            if (table.containsKey(rIps, rPorts)) {
                return;
            }
            n2 = add(to, port, vport, f.backend, f.backendAddr, f.backPort - 1, ips, ports, rIps, rPorts, true);
        }
        listen(n2);
    }

    /**
     * ip_vs_ftp_out: the server's 227 (or 229) reply after the client's PASV (EPSV) gets an entry
     * from the client's address, any port, to the virtual address and the announced port, bound to
     * the announced address on the same backend; a 227 is rewritten to the virtual address
     * (nf_nat_mangle_tcp_packet, which makes conntrack adjust the sequence numbers that follow).
     */
    private void ftpOut(final Flow f, final Packet p) {
        final int[] r = new int[4];
        final boolean pasv = f.ftpWaits == WAIT_PASV;
        if (!(pasv ? addrPort(p.data, 0, p.payloadLength, "227 ", '(', false, false, 0, r)
                : addrPort(p.data, 0, p.payloadLength, "229 ", '(', true, true, f.backendAddr, r))) {
            return; // not the reply yet: it keeps waiting
        }
        stats.ftpHelped++;
        final int from = r[0];
        final int port = r[1];
        Flow e = null;
        for (final Flow w : waiting) { // ip_vs_conn_out_get: an entry for this address and port already
            if (w.backendAddr == from && w.backPort == port && w.clientAddr == f.clientAddr) {
                e = w;
            }
        }
        if (e == null) {
            e = add(f.clientAddr, 0, port, f.backend, from, port, FiveTuple.ips(f.clientAddr, vip), 0,
                    FiveTuple.ips(from, f.clientAddr), 0, false);
        }
        final String text = pasv
                ? (vip >>> 24) + "," + (vip >>> 16 & 255) + "," + (vip >>> 8 & 255) + "," + (vip & 255) + ","
                        + (e.frontPort >> 8) + "," + (e.frontPort & 255)
                : "|||" + e.frontPort + "|";
        mangle(f, p, r[2], r[3] - r[2], text.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        f.ftpWaits = 0;
        listen(e);
    }

    /** ip_vs_tcp_conn_listen: the entry waits in LISTEN, 2 minutes. */
    private void listen(final Flow e) {
        setState(e, LvsTcp.LISTEN);
        e.lastSeen = sim.now();
        arm(e);
    }

    /**
     * The client's data connection to an FTP helper's entry: its client port is known now. Of two
     * entries for the same client address and port (two sessions from one NAT address whose
     * servers chose the same passive port), the newest: ip_vs_conn_hash adds at the head of the
     * chain and ip_vs_conn_in_get takes the first match.
     */
    private Flow takeWaiting(final Packet p, final long ips, final long ports) {
        for (int i = waiting.size() - 1; i >= 0; i--) {
            final Flow w = waiting.get(i);
            if (w.clientAddr == p.src && w.frontPort == p.dport) {
                final long rPorts = FiveTuple.ports(w.backPort, p.sport, FiveTuple.TCP);
                if (table.containsKey(ips, ports) || table.containsKey(w.replyIps, rPorts)) {
                    return null;
                }
                waiting.remove(i);
                w.clientPort = p.sport;
                w.origPorts = ports;
                w.replyPorts = rPorts;
                table.put(ips, ports, w.id);
                table.put(w.replyIps, rPorts, w.id);
                w.hashed = true;
                return w;
            }
        }
        return null;
    }

    /** Replaces {@code len} bytes at {@code at} of the payload, recording the shift as nf_ct_seqadj_set. */
    private static void mangle(final Flow f, final Packet p, final int at, final int len, final byte[] with) {
        final int delta = with.length - len;
        final byte[] out = new byte[p.payloadLength + delta]; // the sender may share the array
        System.arraycopy(p.data, 0, out, 0, at);
        System.arraycopy(with, 0, out, at, with.length);
        System.arraycopy(p.data, at + len, out, at + with.length, p.payloadLength - at - len);
        p.data = out;
        p.payloadLength = out.length;
        if (delta != 0 && (f.offsetBefore == f.offsetAfter || f.correctionPos - p.seq < 0)) {
            f.mangled = true;
            f.correctionPos = p.seq;
            f.offsetBefore = f.offsetAfter;
            f.offsetAfter += delta;
        }
    }

    private static boolean matches(final byte[] d, final int at, final int limit, final String s) {
        if (limit - at < s.length()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (Character.toLowerCase((char) (d[at + i] & 0xFF)) != Character.toLowerCase(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * ip_vs_ftp_get_addrport: after {@code pattern} at {@code at}, past the {@code skip} character
     * (or, for the old format, at the first digit), either "h1,h2,h3,h4,p1,p2" or the extended
     * "|1|address|port|" (an EPSV reply's "|||port|" keeps {@code preset}). Fills {address, port,
     * start, end}; false if it does not parse.
     */
    private static boolean addrPort(final byte[] d, final int at, final int limit, final String pattern,
            final char skip, final boolean ext, final boolean epsv, final int preset, final int[] out) {
        if (!matches(d, at, limit, pattern)) {
            return false;
        }
        int s = at + pattern.length();
        boolean found = false;
        for (;; s++) {
            if (s == limit) {
                return false;
            }
            if (!found) {
                if (!ext && d[s] >= '0' && d[s] <= '9') {
                    break;
                }
                if (d[s] == skip) {
                    found = true;
                }
            } else if (d[s] != skip) {
                break;
            }
        }
        if (!ext) {
            final int[] v = new int[6];
            int i = 0;
            int e = s;
            for (;; e++) {
                if (e == limit) {
                    return false;
                }
                final byte c = d[e];
                if (c >= '0' && c <= '9') {
                    v[i] = v[i] * 10 + c - '0';
                    if (v[i] > 255) {
                        return false;
                    }
                } else if (c == ',' && i < 5) {
                    i++;
                } else {
                    break;
                }
            }
            if (i != 5) {
                return false;
            }
            out[0] = v[0] << 24 | v[1] << 16 | v[2] << 8 | v[3];
            out[1] = v[4] << 8 | v[5];
            out[2] = s;
            out[3] = e;
            return true;
        }
        out[2] = s;
        final byte delim = d[s++];
        if (delim < 33 || delim > 126 || s == limit) {
            return false;
        }
        int addr = preset;
        if (d[s] == delim) {
            if (!epsv || ++s == limit || d[s] != delim) {
                return false; // only an EPSV reply may leave out the family and the address
            }
            s++;
        } else {
            if (d[s] != '1' || ++s == limit || d[s] != delim) {
                return false; // IPv4 only
            }
            s++;
            int e = s;
            while (e < limit && d[e] != delim) {
                e++;
            }
            if (e == limit) {
                return false;
            }
            final long a = dev.ftpsim.core.net.Ipv4.tryParse(new String(d, s, e - s,
                    java.nio.charset.StandardCharsets.US_ASCII)); // in4_pton: a dotted quad, nothing else
            if (a < 0) {
                return false;
            }
            addr = (int) a;
            s = e + 1;
        }
        int port = 0;
        for (;; s++) {
            if (s == limit) {
                return false;
            }
            if (d[s] < '0' || d[s] > '9') {
                break;
            }
            port = port * 10 + d[s] - '0';
            if (port > 65535) {
                return false;
            }
        }
        if (port == 0 || d[s] != delim) {
            return false;
        }
        out[0] = addr;
        out[1] = port;
        out[3] = s + 1;
        return true;
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
        final long persist = config.lvs().persistenceNanos();
        PersistTemplate t = null;
        final int b;
        if (persist > 0) {
            t = templates.get(p.src);
            if (t != null && !up[t.backend]) {
                // ip_vs_check_template: a template whose real server is no longer available expires
                // (one of weight 0 is kept: expire_quiescent_template is 0 by default)
                dropTemplate(t);
                t = null;
            }
            b = t != null ? t.backend : choose(p.src, ips, ports);
        } else {
            b = choose(p.src, ips, ports);
        }
        if (b < 0) {
            return null;
        }
        final int backPort = p.dport + config.portOffset();
        final long rIps = FiveTuple.ips(backends[b], p.src);
        final long rPorts = FiveTuple.ports(backPort, p.sport, FiveTuple.TCP);
        if (table.containsKey(rIps, rPorts)) {
            return null; // another client's flow already owns that backend tuple
        }
        if (persist > 0) {
            if (t == null) {
                t = new PersistTemplate(p.src, b);
                templates.put(p.src, t);
                sim.schedule(persist, templateTimer, t);
            }
            t.deadline = sim.now() + persist; // ip_vs_sched_persist re-arms the template with each connection
        }
        final Flow f = add(p.src, p.sport, p.dport, b, backends[b], backPort, ips, ports, rIps, rPorts, true);
        if (t != null) {
            f.template = t;
            t.controlled++;
        }
        return f;
    }

    /** A new flow in the table (hashed) or waiting for its client port (an FTP helper's). */
    private Flow add(final int client, final int cport, final int vport, final int b, final int daddr, final int dport,
            final long ips, final long ports, final long rIps, final long rPorts, final boolean hashed) {
        final Flow f = new Flow(client, cport, vport, b, daddr, dport, sim.now(), ips, ports, rIps, rPorts);
        final int id = allocateId();
        f.id = id;
        flows[id] = f;
        if (hashed) {
            table.put(ips, ports, id);
            table.put(rIps, rPorts, id);
            f.hashed = true;
        } else {
            waiting.add(f);
        }
        inactiveConns[b]++;
        count++;
        stats.flows++;
        arm(f);
        if (listener != null) {
            listener.created(this, f);
        }
        return f;
    }

    /** IPVS's TCP state change, moving the connection between its backend's active and inactive counts. */
    private void setState(final Flow f, final int state) {
        if (state == f.state) {
            return;
        }
        f.state = state;
        final boolean active = LvsTcp.ACTIVE[state];
        if (f.inactive && active) {
            f.inactive = false;
            activeConns[f.backend]++;
            inactiveConns[f.backend]--;
        } else if (!f.inactive && !active) {
            f.inactive = true;
            activeConns[f.backend]--;
            inactiveConns[f.backend]++;
        }
    }

    /** How long the flow may stay idle in its state; 0 = forever. */
    private long timeout(final Flow f) {
        if (!config.lvs().tcpStates() || f.state == LvsTcp.ESTABLISHED) {
            return config.idleTimeoutNanos();
        }
        return LvsTcp.TIMEOUTS[f.state];
    }

    /**
     * Makes sure a timer fires by the flow's deadline; a later one is moved up (a state with a
     * shorter timeout), an earlier one re-arms itself when it fires.
     */
    private void arm(final Flow f) {
        final long t = timeout(f);
        if (t <= 0) {
            return;
        }
        final long deadline = f.lastSeen + t;
        if (f.idleHandle != Simulator.NO_EVENT && f.timerAt <= deadline) {
            return;
        }
        if (f.idleHandle != Simulator.NO_EVENT) {
            sim.cancel(f.idleHandle);
        }
        f.timerAt = deadline;
        f.idleHandle = sim.scheduleAt(deadline, idle, f);
    }

    private void templateTimer(final Object arg) {
        final PersistTemplate t = (PersistTemplate) arg;
        if (!t.live) {
            return;
        }
        if (sim.now() < t.deadline) {
            sim.scheduleAt(t.deadline, templateTimer, t);
            return;
        }
        if (t.controlled > 0) {
            // ip_vs_conn_expire: a template that still controls connections lives another period
            t.deadline = sim.now() + config.lvs().persistenceNanos();
            sim.scheduleAt(t.deadline, templateTimer, t);
            return;
        }
        dropTemplate(t);
    }

    private void dropTemplate(final PersistTemplate t) {
        t.live = false;
        templates.remove(t.clientAddr, t);
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
            case WLC, LC -> -1;
        };
        if (k < 0) {
            return leastConnections(open);
        }
        if (config.algorithm() == Algorithm.ROUND_ROBIN && config.lvs().tcpStates()) {
            // ip_vs_rr.c: the cursor starts at the list's head (ip_vs_rr_init_svc) and moves on to its
            // next entry, and ipvsadm -a puts each new real server first (list_add_rcu in
            // __ip_vs_update_dest, ip_vs_ctl.c): the last backend listed takes the first connection
            for (int i = up.length - 1, seen = 0; i >= 0; i--) {
                if ((schedulable(i) || open) && seen++ == k) {
                    return i;
                }
            }
            return -1;
        }
        for (int i = 0, seen = 0; i < up.length; i++) {
            if ((schedulable(i) || open) && seen++ == k) {
                return i;
            }
        }
        return -1;
    }

    /** Up, and for LVS of a weight above 0 (a weight of 0 quiesces a real server: no new connections). */
    private boolean schedulable(final int i) {
        return up[i] && weights[i] > 0 && usable.test(i);
    }

    private static final java.util.function.IntPredicate ANY = i -> true;
    /** During a proxy's choice, the backends it may take (see {@link #accepted(int, int, int, java.util.function.IntPredicate)}). */
    private java.util.function.IntPredicate usable = ANY;

    /**
     * ip_vs_wlc.c / ip_vs_lc.c: the least overhead, (activeconns << 8) + inactconns, per unit of
     * weight for wlc ({@code loh * h->weight > doh * least->weight} moves on), none of weight 0; the
     * first of equals in the service's list of real servers, which ipvsadm builds newest first
     * (list_add_rcu in __ip_vs_update_dest, ip_vs_ctl.c): the last backend listed goes first.
     */
    private int leastConnections(final boolean open) {
        final boolean weighted = config.algorithm() == Algorithm.WLC;
        int least = -1;
        long loh = 0;
        for (int i = up.length - 1; i >= 0; i--) {
            if (!schedulable(i) && !open) {
                continue;
            }
            final long doh = ((long) activeConns[i] << 8) + inactiveConns[i];
            if (least < 0 || (weighted ? loh * weights[i] > doh * weights[least] : doh < loh)) {
                least = i;
                loh = doh;
            }
        }
        return least;
    }

    private int healthy() {
        int n = 0;
        for (int i = 0; i < up.length; i++) {
            n += schedulable(i) ? 1 : 0;
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
        final long t = timeout(f);
        if (t <= 0) {
            return;
        }
        final long deadline = f.lastSeen + t;
        if (sim.now() < deadline) {
            f.timerAt = deadline;
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
        if (f.hashed) {
            table.remove(f.origIps, f.origPorts);
            table.remove(f.replyIps, f.replyPorts);
        } else {
            waiting.remove(f);
        }
        if (f.inactive) {
            inactiveConns[f.backend]--;
        } else {
            activeConns[f.backend]--;
        }
        if (f.template != null) {
            f.template.controlled--;
        }
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
