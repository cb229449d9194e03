package dev.ftpsim.core.tcp;

import dev.ftpsim.core.kernel.Simulator;
import dev.ftpsim.core.net.DropCause;
import dev.ftpsim.core.net.NetInterface;
import dev.ftpsim.core.net.Node;
import dev.ftpsim.core.net.Packet;
import dev.ftpsim.core.net.PacketPool;
import dev.ftpsim.core.net.ProtocolHandler;
import dev.ftpsim.core.util.LongObjectMap;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * The TCP of one node: listening ports, the connection table, port allocation, and the answers
 * to segments that match no connection.
 *
 * <p>Demultiplexing is one hash lookup on (remote address, remote port, local port) packed in a
 * {@code long}; the local address is then checked. Two connections differing only by local
 * address (a multi-homed server talking to one client port from two addresses) are therefore not
 * supported.
 */
public final class TcpStack implements ProtocolHandler {
    private final Node node;
    private final TcpConfig config;
    private final Simulator sim;
    private final PacketPool pool;
    /**
     * Expected sizes the tables are made for. A client's TIME_WAIT table lives for 60 s after its
     * session with one entry, so it starts at four slots; a server's grows as any table does.
     */
    private static final int CONNECTIONS = 16;
    private static final int LISTENERS = 4;
    private static final int TIME_WAITS = 1;
    /**
     * The tables, made when first needed and dropped when empty again at the size they were made
     * with (an empty table of that size is a new one): a million group members each of which ran
     * one session keep none.
     */
    private ConnectionTable connections;
    /**
     * The connection the last segment went to, or null; always one in {@code connections} under its
     * own key. A client's segments find it here without reading the table's three objects (cold
     * ones, with 10^5 hosts).
     */
    private TcpConnection last;
    private LongObjectMap<TcpAcceptor> listeners;
    /** Tuples in TIME-WAIT whose sockets are gone ({@link TimeWait}). */
    private LongObjectMap<TimeWait> timeWaits;
    /** The ISNs' generator: the stream {@code tcp/<node>/isn}, kept here alone. */
    private final UniformRandomProvider isn;
    private int nextEphemeral;
    private CongestionControl ccForInitialWindow;
    private long resetsSent;
    /** The owner of this stack's sockets ({@link #runAs}); root by default, as daemons start. */
    private int uid;
    private int gid;

    public TcpStack(final Node node, final TcpConfig config) {
        this.node = node;
        this.config = config;
        this.sim = node.network().simulator();
        this.pool = node.network().pool();
        this.isn = sim.streams().unkept("tcp/" + node.name() + "/isn");
        final int span = config.ephemeralHigh() - config.ephemeralLow() + 1;
        this.nextEphemeral = config.ephemeralLow()
                + sim.streams().unkept("tcp/" + node.name() + "/ports").nextInt(span);
        node.setProtocolHandler(Packet.PROTO_TCP, this);
    }

    public Node node() {
        return node;
    }

    public TcpConfig config() {
        return config;
    }

    /**
     * Sets the user and group owning the sockets of this host's processes: the packets they send carry
     * them for {@code meta skuid}/{@code skgid} and {@code -m owner} on this host. Default 0/0 (root).
     */
    public void runAs(final int newUid, final int newGid) {
        if (newUid < 0 || newGid < 0) {
            throw new IllegalArgumentException("uid and gid must be at least 0");
        }
        uid = newUid;
        gid = newGid;
    }

    /** The sockets' owner, as {@link #runAs} set it. */
    public int uid() {
        return uid;
    }

    /** The sockets' group. */
    public int gid() {
        return gid;
    }

    /**
     * The congestion control's initial window for {@code mss}, asked of one instance per stack (see
     * {@link CongestionControl#initialWindow}), so that a connection makes its own only when data
     * is acknowledged.
     */
    long initialWindow(final int mss) {
        if (ccForInitialWindow == null) {
            ccForInitialWindow = config.congestionControl().get();
        }
        return ccForInitialWindow.initialWindow(mss);
    }

    Simulator sim() {
        return sim;
    }

    PacketPool pool() {
        return pool;
    }

    /** Connections in the table, TIME_WAIT included. */
    public int connectionCount() {
        return size(connections) + size(timeWaits);
    }

    /** Tuples in TIME_WAIT. */
    public int timeWaitCount() {
        return size(timeWaits);
    }

    private static int size(final LongObjectMap<?> m) {
        return m == null ? 0 : m.size();
    }

    private static int size(final ConnectionTable m) {
        return m == null ? 0 : m.size();
    }

    private static TcpConnection get(final ConnectionTable m, final long k) {
        return m == null ? null : m.get(k);
    }

    /** {@code m} without {@code k}; null once empty at the size it was made with. */
    private static ConnectionTable without(final ConnectionTable m, final long k) {
        if (m == null) {
            return null;
        }
        m.remove(k);
        return m.isEmpty() && m.capacity() == LongObjectMap.capacityFor(CONNECTIONS) ? null : m;
    }

    private static <V> V get(final LongObjectMap<V> m, final long k) {
        return m == null ? null : m.get(k);
    }

    /** {@code m} without {@code k}; null once empty at the size it was made with. */
    private static <V> LongObjectMap<V> without(final LongObjectMap<V> m, final long k, final int expected) {
        if (m == null) {
            return null;
        }
        m.remove(k);
        return m.isEmpty() && m.capacity() == LongObjectMap.capacityFor(expected) ? null : m;
    }

    /** Reads one connection; see {@link #forEachConnection}. */
    @FunctionalInterface
    public interface ConnectionVisitor {
        void visit(TcpConnection c);
    }

    /**
     * Calls {@code v} for each connection in the table, in an order fixed by the table's contents;
     * allocates nothing. A connection in TIME_WAIT is not visited: its socket is gone ({@link TimeWait}).
     * {@code v} only reads: it must not open, close or abort connections while the walk is under way.
     */
    public void forEachConnection(final ConnectionVisitor v) {
        if (connections != null) {
            connections.forEach(v);
        }
    }

    /** RSTs sent for segments that matched no connection. */
    public long resetsSent() {
        return resetsSent;
    }

    static long key(final int remoteIp, final int remotePort, final int localPort) {
        return ((remoteIp & 0xFFFFFFFFL) << 32) | ((long) remotePort << 16) | localPort;
    }

    // ---------------------------------------------------------------- application API

    /** Accepts connections to {@code port} on every local address. */
    public void listen(final int port, final TcpAcceptor acceptor) {
        checkPort(port);
        if (listeners == null) {
            listeners = new LongObjectMap<>(LISTENERS);
        }
        if (listeners.put(port, acceptor) != null) {
            throw new IllegalArgumentException(node.name() + ": port " + port + " is already listening");
        }
    }

    public void unlisten(final int port) {
        listeners = without(listeners, port, LISTENERS);
    }

    public boolean isListening(final int port) {
        return get(listeners, port) != null;
    }

    /**
     * Listens on a free port of {@code ip_local_port_range}, as bind() to port 0 does (an FTP
     * passive or active data socket).
     *
     * @return the port, or -1 if every port of the range listens already
     */
    public int listenEphemeral(final TcpAcceptor acceptor) {
        final int lo = config.ephemeralLow();
        final int span = config.ephemeralHigh() - lo + 1;
        for (int i = 0; i < span; i++) {
            final int p = nextEphemeral;
            nextEphemeral = p == config.ephemeralHigh() ? lo : p + 1;
            if (get(listeners, p) == null) {
                if (listeners == null) {
                    listeners = new LongObjectMap<>(LISTENERS);
                }
                listeners.put(p, acceptor);
                return p;
            }
        }
        return -1;
    }

    /** Opens a connection from an ephemeral port. */
    public TcpConnection connect(final int dstIp, final int dstPort, final TcpHandler handler) {
        return connect(dstIp, dstPort, 0, handler);
    }

    /**
     * Opens a connection from {@code localPort} (0 = ephemeral, from {@code ip_local_port_range}).
     * The source address is that of the route's output interface, of the family of {@code dstIp}
     * (an IPv4 address or an IPv6 id, see {@link dev.ftpsim.core.net.Ipv6}). Failures, even immediate ones
     * (no route), are reported through {@link TcpHandler#failed}, never thrown.
     */
    public TcpConnection connect(final int dstIp, final int dstPort, final int localPort, final TcpHandler handler) {
        return connect(dstIp, dstPort, localPort, false, handler);
    }

    /**
     * {@link #connect(int, int, int, TcpHandler)} from a port bound with SO_REUSEADDR when
     * {@code reuseAddress}, as vsftpd and proftpd bind port 20: a tuple in TIME-WAIT is then taken
     * over; without it, or over a live connection, the connect fails with
     * {@link FailReason#ADDRESS_NOT_AVAILABLE}.
     */
    public TcpConnection connect(final int dstIp, final int dstPort, final int localPort, final boolean reuseAddress,
            final TcpHandler handler) {
        checkPort(dstPort);
        final NetInterface out = node.outputInterface(dstIp);
        // Linux's source for a local destination is that address itself (127.0.0.1 for 127/8)
        final int srcIp = out == null ? node.address() : !out.isLoopback() ? out.addressFor(dstIp)
                : Node.isLoopbackAddress(dstIp) ? out.address() : dstIp;
        final int lport = localPort != 0 ? localPort : pickEphemeral(dstIp, dstPort);
        final long k = key(dstIp, dstPort, Math.max(lport, 0));
        final TimeWait tw = lport < 0 ? null : get(timeWaits, k);
        if (lport < 0 || get(connections, k) != null || tw != null && !reuseAddress) {
            // Linux's connect() returns EADDRNOTAVAIL when __inet_check_established finds the
            // bound port's tuple taken, or inet_hash_connect finds no free ephemeral port; the
            // application hears it (vsftpd: "425 Failed to establish connection."), nothing stops.
            final TcpConnection c = new TcpConnection(this, srcIp, Math.max(lport, 0), dstIp, dstPort, handler, 0);
            c.transition(TcpEvent.OPEN_ACTIVE);
            c.failDeferred(FailReason.ADDRESS_NOT_AVAILABLE, lport < 0
                    ? "no free ephemeral port towards that address (EADDRNOTAVAIL)"
                    : tw != null ? "port " + lport + " is held in TIME-WAIT and was bound without SO_REUSEADDR (EADDRINUSE)"
                    : "the tuple " + lport + " -> " + dstPort + " is in use (EADDRNOTAVAIL)");
            return c;
        }
        final int iss;
        if (tw != null) {
            // A connect from a port bound with SO_REUSEADDR (vsftpd's and proftpd's port 20) over a tuple in TIME-WAIT:
            // Linux's tcp_twsk_unique(), called without twp for a bound port, takes the tuple over
            // when the old connection carried timestamps, as Linux ends do by default
            // (tcp_timestamps = 1; ftpsim sends none but decides as they do), and starts the new
            // connection past the old sequence space: "seq = tcptw->tw_snd_nxt + 65535 + 2".
            // Measured on Linux 6.18: bind(2020) and connect() to the same peer port right after a
            // connection that closed first succeeded; EADDRNOTAVAIL only with tcp_timestamps = 0.
            final int seq = tw.sndNxt() + 65535 + 2;
            iss = seq == 0 ? 1 : seq;
            tw.end();
        } else {
            iss = isn();
        }
        final TcpConnection c = new TcpConnection(this, srcIp, lport, dstIp, dstPort, handler, iss);
        put(k, c);
        TcpHandshake.openActive(c, out);
        return c;
    }

    private int pickEphemeral(final int dstIp, final int dstPort) {
        final int lo = config.ephemeralLow();
        final int span = config.ephemeralHigh() - lo + 1;
        for (int i = 0; i < span; i++) {
            final int p = nextEphemeral;
            nextEphemeral = p == config.ephemeralHigh() ? lo : p + 1;
            final long k = key(dstIp, dstPort, p);
            if (get(connections, k) == null && get(timeWaits, k) == null && get(listeners, p) == null) {
                return p;
            }
        }
        return -1;
    }

    private static void checkPort(final int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " not in 1..65535");
        }
    }

    /** Test hook: the next ISN, instead of a random one (0 = random). */
    int isnForTest;

    private int isn() {
        if (isnForTest != 0) {
            final int v = isnForTest;
            isnForTest = 0;
            return v;
        }
        //" ISN = M + F(localip, localport, remoteip, remoteport, secretkey) (RFC 6528): we draw
        // it from a named random stream, which is as unpredictable and keeps runs reproducible.
        return isn.nextInt();
    }

    /** Puts {@code c} in the table under {@code k}, in the place of a TIME_WAIT of that tuple if any. */
    private void put(final long k, final TcpConnection c) {
        if (connections == null) {
            connections = new ConnectionTable(CONNECTIONS);
        }
        connections.put(k, c);
        last = null; // it may have been the one c replaced
        if (get(timeWaits, k) != null) {
            timeWaits = without(timeWaits, k, TIME_WAITS); // one table held both: the new one replaced it
        }
    }

    void remove(final TcpConnection c) {
        final long k = key(c.remoteIp(), c.remotePort(), c.localPort());
        if (get(connections, k) == c) {
            connections = without(connections, k);
        }
        if (last == c) {
            last = null;
        }
    }

    /** {@code c} entered TIME-WAIT: a {@link TimeWait} keeps its tuple from now on, in its place. */
    TimeWait enterTimeWait(final TcpConnection c) {
        final long k = key(c.remoteIp(), c.remotePort(), c.localPort());
        final TimeWait tw = new TimeWait(c);
        if (last == c) {
            last = null;
        }
        if (get(connections, k) == c) {
            connections = without(connections, k);
            if (timeWaits == null) {
                timeWaits = new LongObjectMap<>(TIME_WAITS);
            }
            timeWaits.put(k, tw);
        }
        return tw;
    }

    void removeTimeWait(final TimeWait tw) {
        final long k = key(tw.remoteIp(), tw.remotePort(), tw.localPort());
        if (get(timeWaits, k) == tw) {
            timeWaits = without(timeWaits, k, TIME_WAITS);
        }
    }

    // ---------------------------------------------------------------- input

    @Override
    public void receive(final Packet p, final NetInterface in) {
        final long k = key(p.src, p.sport, p.dport);
        TcpConnection c = last;
        if (c == null || c.remoteIp() != p.src || c.remotePort() != p.sport || c.localPort() != p.dport) {
            c = get(connections, k);
            if (c != null) {
                last = c;
            }
        }
        if (c != null && c.localIp() == p.dst) {
            c.segmentArrives(p);
            pool.release(p);
            return;
        }
        final TimeWait tw = c == null ? get(timeWaits, k) : null;
        final TcpAcceptor acc = get(listeners, p.dport);
        final boolean newSyn = (p.flags & (Packet.SYN | Packet.ACK | Packet.RST)) == Packet.SYN;
        int iss = 0;
        if (tw != null && tw.localIp() == p.dst) {
            if (!newSyn || acc == null) {
                tw.segmentArrives(p);
                pool.release(p);
                return;
            }
            // A new SYN for a tuple in TIME-WAIT with a listener on the port: Linux's
            // tcp_timewait_state_process() returns TCP_TW_SYN when its timestamp is newer (Linux
            // ends use timestamps by default; ftpsim sends none but decides as they do) or its
            // sequence number beyond RCV.NXT, and tcp_v4_rcv() ends the TIME-WAIT and hands the
            // SYN to the listener with ISN "tcptw->tw_snd_nxt + 65535 + 2" (RFC 1122 4.2.2.13).
            final int seq = tw.sndNxt() + 65535 + 2;
            iss = seq == 0 ? 1 : seq;
            tw.end();
        }
        if (acc != null && newSyn) {
            //" If the SYN bit is set, check the security. ... Set RCV.NXT to SEG.SEQ+1, IRS is set
            //" to SEG.SEQ, ... ISS should be selected and a SYN segment sent of the form
            //" <SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK> (RFC 9293 3.10.7.2)
            final TcpConnection nc = new TcpConnection(this, p.dst, p.dport, p.src, p.sport, null, iss != 0 ? iss : isn());
            nc.acceptor = acc;
            put(k, nc);
            TcpHandshake.openPassive(nc, p);
            pool.release(p);
            return;
        }
        // CLOSED: "all data in the incoming segment is discarded. An incoming segment containing a
        // RST is discarded. An incoming segment not containing a RST causes a RST to be sent".
        if ((p.flags & Packet.RST) == 0) {
            sendResetFor(p);
        }
        if (in != null) {
            in.discard(p, DropCause.NO_SOCKET);
        } else {
            pool.release(p);
        }
    }

    /** A pooled TCP segment of this stack's node with addresses, ports, IP id, owner and {@code flags} filled in. */
    Packet segment(final int localIp, final int localPort, final int remoteIp, final int remotePort, final int flags) {
        final Packet p = pool.acquire();
        p.protocol = Packet.PROTO_TCP;
        p.src = localIp;
        p.dst = remoteIp;
        p.sport = localPort;
        p.dport = remotePort;
        p.df = true;
        p.id = node.nextIpId();
        p.skUid = uid;
        p.skGid = gid;
        p.flags = flags;
        return p;
    }

    /** Answers a segment with RST ({@link Node#sendTcpReset}) and counts it. */
    void sendResetFor(final Packet seg) {
        resetsSent++;
        node.sendTcpReset(seg);
    }

    @Override
    public void icmpError(final Packet p, final NetInterface in) {
        final TcpConnection c = get(connections, key(p.qDst, p.qDport, p.qSport));
        if (c != null && c.localIp() == p.qSrc) {
            if (p.icmpMtu > 0 && (p.icmpType == Packet.ICMP6_PACKET_TOO_BIG && p.isV6()
                    || p.icmpType == Packet.ICMP_DEST_UNREACHABLE && p.icmpCode == Packet.CODE_FRAG_NEEDED && !p.isV6())) {
                TcpIcmp.pathMtu(c, p.icmpMtu, p.qSeq);
            } else {
                c.icmpError(p.icmpType, p.icmpCode, p.qSeq);
            }
        }
        pool.release(p);
    }
}
