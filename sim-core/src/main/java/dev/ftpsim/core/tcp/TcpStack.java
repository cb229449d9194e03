package dev.ftpsim.core.tcp;

import dev.ftpsim.core.kernel.RandomStream;
import dev.ftpsim.core.kernel.Simulator;
import dev.ftpsim.core.net.NetInterface;
import dev.ftpsim.core.net.Node;
import dev.ftpsim.core.net.Packet;
import dev.ftpsim.core.net.PacketPool;
import dev.ftpsim.core.net.ProtocolHandler;
import dev.ftpsim.core.util.LongObjectMap;

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
    private final LongObjectMap<TcpConnection> connections = new LongObjectMap<>(16);
    private final LongObjectMap<TcpAcceptor> listeners = new LongObjectMap<>(4);
    private final RandomStream isnStream;
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
        this.isnStream = sim.streams().stream("tcp/" + node.name() + "/isn");
        final int span = config.ephemeralHigh() - config.ephemeralLow() + 1;
        this.nextEphemeral = config.ephemeralLow()
                + sim.streams().stream("tcp/" + node.name() + "/ports").nextInt(span);
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
        return connections.size();
    }

    /** Reads one connection; see {@link #forEachConnection}. */
    @FunctionalInterface
    public interface ConnectionVisitor {
        void visit(TcpConnection c);
    }

    /** The visitor of the walk under way, called by {@link #visitOne}; null outside a walk. */
    private ConnectionVisitor visiting;
    /** Built once so that a walk allocates nothing. */
    private final LongObjectMap.Entry<TcpConnection> visitOne = (k, c) -> visiting.visit(c);

    /**
     * Calls {@code v} for each connection in the table (TIME_WAIT included), in an order fixed by
     * the table's contents; allocates nothing. {@code v} only reads: it must not open, close or
     * abort connections while the walk is under way.
     */
    public void forEachConnection(final ConnectionVisitor v) {
        final ConnectionVisitor outer = visiting;
        visiting = v;
        try {
            connections.forEach(visitOne);
        } finally {
            visiting = outer;
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
        if (listeners.put(port, acceptor) != null) {
            throw new IllegalArgumentException(node.name() + ": port " + port + " is already listening");
        }
    }

    public void unlisten(final int port) {
        listeners.remove(port);
    }

    public boolean isListening(final int port) {
        return listeners.get(port) != null;
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
            if (listeners.get(p) == null) {
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
        checkPort(dstPort);
        final NetInterface out = node.outputInterface(dstIp);
        // Linux's source for a local destination is that address itself (127.0.0.1 for 127/8)
        final int srcIp = out == null ? node.address() : !out.isLoopback() ? out.addressFor(dstIp)
                : Node.isLoopbackAddress(dstIp) ? out.address() : dstIp;
        final int lport = localPort != 0 ? localPort : pickEphemeral(dstIp, dstPort);
        checkPort(lport);
        final long k = key(dstIp, dstPort, lport);
        if (connections.get(k) != null) {
            throw new IllegalArgumentException(node.name() + ": a connection " + lport + " -> " + dstPort
                    + " to that address already exists (EADDRINUSE)");
        }
        final TcpConnection c = new TcpConnection(this, srcIp, lport, dstIp, dstPort, handler, isn());
        connections.put(k, c);
        TcpHandshake.openActive(c, out);
        return c;
    }

    private int pickEphemeral(final int dstIp, final int dstPort) {
        final int lo = config.ephemeralLow();
        final int span = config.ephemeralHigh() - lo + 1;
        for (int i = 0; i < span; i++) {
            final int p = nextEphemeral;
            nextEphemeral = p == config.ephemeralHigh() ? lo : p + 1;
            if (connections.get(key(dstIp, dstPort, p)) == null && listeners.get(p) == null) {
                return p;
            }
        }
        throw new IllegalStateException(node.name() + ": ephemeral ports exhausted towards that destination");
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
        return isnStream.provider().nextInt();
    }

    void remove(final TcpConnection c) {
        final long k = key(c.remoteIp(), c.remotePort(), c.localPort());
        if (connections.get(k) == c) {
            connections.remove(k);
        }
    }

    // ---------------------------------------------------------------- input

    @Override
    public void receive(final Packet p, final NetInterface in) {
        final TcpConnection c = connections.get(key(p.src, p.sport, p.dport));
        if (c != null && c.localIp() == p.dst) {
            c.segmentArrives(p);
            pool.release(p);
            return;
        }
        final TcpAcceptor acc = listeners.get(p.dport);
        if (acc != null && (p.flags & (Packet.SYN | Packet.ACK | Packet.RST)) == Packet.SYN) {
            //" If the SYN bit is set, check the security. ... Set RCV.NXT to SEG.SEQ+1, IRS is set
            //" to SEG.SEQ, ... ISS should be selected and a SYN segment sent of the form
            //" <SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK> (RFC 9293 3.10.7.2)
            final TcpConnection nc = new TcpConnection(this, p.dst, p.dport, p.src, p.sport, null, isn());
            nc.acceptor = acc;
            connections.put(key(p.src, p.sport, p.dport), nc);
            TcpHandshake.openPassive(nc, p);
            pool.release(p);
            return;
        }
        // CLOSED: "all data in the incoming segment is discarded. An incoming segment containing a
        // RST is discarded. An incoming segment not containing a RST causes a RST to be sent".
        if ((p.flags & Packet.RST) == 0) {
            sendResetFor(p);
        }
        pool.release(p);
    }

    /** Answers a segment with RST ({@link Node#sendTcpReset}) and counts it. */
    void sendResetFor(final Packet seg) {
        resetsSent++;
        node.sendTcpReset(seg);
    }

    @Override
    public void icmpError(final Packet p, final NetInterface in) {
        final TcpConnection c = connections.get(key(p.qDst, p.qDport, p.qSport));
        if (c != null && c.localIp() == p.qSrc) {
            c.icmpError(p.icmpType, p.icmpCode, p.qSeq);
        }
        pool.release(p);
    }
}
