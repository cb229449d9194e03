package dev.ftpsim.core.tcp;

import dev.ftpsim.core.net.Ipv6;
import dev.ftpsim.core.net.NetInterface;
import dev.ftpsim.core.net.Packet;

/** Opening a connection: SYN and SYN,ACK with their options, and entering ESTABLISHED. */
final class TcpHandshake {
    private TcpHandshake() {}

    /**
     * Largest MSS the route's MTU allows (MTU - 40 for IPv4, MTU - 60 for IPv6: "the MSS ... is
     * the path MTU minus 60", RFC 8200 section 8.3), or the configured one.
     */
    private static int mssLimit(final TcpConnection c, final NetInterface out) {
        final int headers = Ipv6.isId(c.remoteIp()) ? Packet.IP6_HEADER + Packet.TCP_HEADER : 40;
        final int limit = out == null || out.link() == null ? c.cfg().mss() : out.link().config().mtu() - headers;
        return Math.min(c.cfg().mss(), limit);
    }

    /** connect(): RFC 9293 3.10.1 OPEN call in CLOSED state, active. */
    static void openActive(final TcpConnection c, final NetInterface out) {
        c.transition(TcpEvent.OPEN_ACTIVE);
        if (out == null) {
            c.failDeferred(FailReason.UNREACHABLE, "no route to host (ENETUNREACH)");
            return;
        }
        c.mss = mssLimit(c, out);
        c.rcvMss = c.mss;
        c.rcvWscale = c.cfg().windowScaling() ? windowScaleFor(c.cfg().receiveBufferMax()) : 0;
        c.retransStamp = c.sim().now();
        //" A SYN segment of the form <SEQ=ISS><CTL=SYN> is sent. Set SND.UNA to ISS, SND.NXT to
        //" ISS+1, enter SYN-SENT state, and return.
        sendSyn(c, false);
    }

    /** A SYN reached a listening port (RFC 9293 3.10.7.2). */
    static void openPassive(final TcpConnection c, final Packet syn) {
        c.irs = syn.seq;
        ReceiveSequence.synReceived(c);
        c.rcvMss = mssLimit(c, c.stack.node().outputInterface(c.remoteIp()));
        //" If the MSS Option is not received at connection setup, TCP implementations MUST assume
        //" a default send MSS of 536 (576 - 40) for IPv4 or 1220 (1280 - 60) for IPv6 (RFC 9293 3.7.1)
        c.mss = Math.min(c.rcvMss, syn.mssOption != 0 ? syn.mssOption : Ipv6.isId(c.remoteIp()) ? 1220 : 536);
        if (c.cfg().windowScaling() && syn.wscaleOption >= 0) {
            c.wsAgreed = true;
            c.rcvWscale = windowScaleFor(c.cfg().receiveBufferMax());
            //" the shift count ... MUST be limited to 14 (RFC 7323 2.3)
            c.sndWscale = Math.min(14, syn.wscaleOption);
        }
        SendSequence.window(c, syn.window, 0, 0); // never scaled in a SYN (RFC 7323 2.2)
        c.lastReceiveTime = c.sim().now();
        c.transition(TcpEvent.OPEN_PASSIVE);
        c.retransStamp = c.sim().now();
        sendSyn(c, true);
    }

    /**
     * The window of our SYN or SYN,ACK, as {@code tcp_select_initial_window()}
     * (net/ipv4/tcp_output.c) chooses it from {@code tcp_full_space()} and our MSS: rounded down
     * to a multiple of the MSS, at most 65535 (a SYN's window is never scaled, RFC 7323 2.2), and
     * on kernels before commit a337531b942b at most {@code tcp_default_init_rwnd()} segments
     * (20; 10 in 3.10), fewer when the MSS exceeds 1460. With tcp_rmem's default: 64240 bytes
     * for a 1460-byte MSS since 4.19, 29200 before, 14600 on 3.10.
     */
    static int initialWindow(final TcpConnection c) {
        final int mss = c.rcvMss;
        long space = c.rcvBuf;
        if (space > mss) {
            space = space / mss * mss;
        }
        long wnd = Math.min(space, 65535);
        final int segments = c.cfg().initRwndSegments();
        if (segments > 0 && mss > (1 << c.rcvWscale)) {
            final int n = mss > 1460 ? Math.max(1460 * segments / mss, 2) : segments;
            wnd = Math.min(wnd, (long) n * mss);
        }
        return (int) wnd;
    }

    /** Smallest shift that fits the buffer in 16 bits (RFC 7323 2.3), at most 14. */
    static int windowScaleFor(final int buffer) {
        int s = 0;
        while (s < 14 && (buffer >> s) > 65535) {
            s++;
        }
        return s;
    }

    /** Sends (or resends) our SYN or SYN,ACK and arms the retransmission timer. */
    static void sendSyn(final TcpConnection c, final boolean withAck) {
        final Packet p = c.segment(withAck ? Packet.SYN | Packet.ACK : Packet.SYN, 0);
        p.mssOption = c.rcvMss;
        //" [a TCP] may send a Window Scale option in the <SYN,ACK> segment only if it received a
        //" Window Scale option in the initial <SYN> (RFC 7323 1.3)
        if (withAck ? c.wsAgreed : c.cfg().windowScaling()) {
            p.wscaleOption = c.rcvWscale;
        }
        SendSequence.synSent(c);
        if (!c.synRetransmitted && c.rttSeq < 0) {
            c.rttSeq = 1; // the handshake gives the first RTT sample, unless a SYN is resent (Karn)
            c.rttStart = c.sim().now();
        }
        c.stack.node().sendLocal(p);
        c.arm(TcpConnection.Timer.RTX, c.sim().now() + c.rto);
    }

    /** Entering ESTABLISHED: the handshake completed ({@link TcpConnection#transition} calls this). */
    static void onEstablished(final TcpConnection c) {
        c.cwnd = c.stack.initialWindow(c.mss);
        //" if the timer expires awaiting the ACK of a SYN segment and the TCP implementation is
        //" using an RTO less than 3 seconds, the RTO MUST be re-initialized to 3 seconds when data
        //" transmission begins (RFC 6298 5.7; Linux TCP_TIMEOUT_FALLBACK)
        if (c.synRetransmitted && !c.rttHasSample) {
            c.rto = Math.max(c.rto, 3_000_000_000L);
        }
        c.rtoBackoff = 0; // the SYN's back-offs are not the data's
        c.retransStamp = 0;
        c.disarm(TcpConnection.Timer.RTX);
        c.lastReceiveTime = c.sim().now();
        if (c.keepalive) {
            c.arm(TcpConnection.Timer.KEEPALIVE, c.sim().now() + c.keepaliveIdle());
        }
    }
}
