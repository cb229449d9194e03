package dev.ftpsim.core.tcp;

import dev.ftpsim.core.kernel.EventHandler;
import dev.ftpsim.core.net.Packet;

/**
 * A connection in TIME-WAIT once its socket is gone, as Linux's {@code inet_timewait_sock}: when
 * a connection enters TIME-WAIT, {@code tcp_time_wait()} (net/ipv4/tcp_minisocks.c) frees the full
 * socket with its buffers, congestion state and application, and a small timewait sock keeps the
 * 4-tuple, the sequence numbers, the window and the timer for the rest of the 60 s. So a million
 * finished FTP sessions cost their tuples, not their sessions, while their ports stay busy.
 *
 * <p>What it does is what {@link TcpInput} did for a connection in TIME-WAIT, segment for segment
 * (RFC 9293 3.10.7.4): an unacceptable segment gets an ACK, a retransmitted FIN restarts the 2 MSL
 * timer too; an RST in sequence ends it, one out of sequence is dropped (Linux's
 * tcp_timewait_state_process(), where RFC 5961 3.2 would challenge it), a SYN gets a challenge
 * ACK (RFC 5961 4.2) unless a listener takes it ({@link TcpStack#receive}); an ACK beyond what we sent gets an ACK; everything else is
 * dropped. Our FIN is acknowledged here, so SND.UNA = SND.NXT = the highest sequence sent, and
 * nothing of the receive side changes but the right edge an ACK promises.
 *
 * <p>The socket ({@link TcpConnection}) the application may still hold reads TIME_WAIT, then CLOSED
 * once this ends. Its timer events still pending when it entered TIME-WAIT (a keepalive's, up to
 * its interval later) move here and run as they would have run on it, or are cancelled when this
 * ends, as when the socket itself waited; so no event keeps the socket and its application.
 */
final class TimeWait implements EventHandler {
    private static final TcpConnection.Timer[] TIMERS = TcpConnection.Timer.values();

    private final TcpStack stack;
    private final int localIp;
    private final int localPort;
    private final int remoteIp;
    private final int remotePort;
    private final int iss;
    private final int irs;
    /** SND.UNA = SND.NXT = SND.MAX, relative to ISS. */
    private final long snd;
    /** RCV.NXT, relative to IRS (the FIN included). */
    private final long rcvNxt;
    /** The right edge of the window promised, never moved left (see {@link TcpConnection#segment}). */
    private long rcvEdge;
    /** The window offered ({@link ReceiveSequence#offer}). */
    private final long offer;
    private final int rcvWscale;
    /** The 2 MSL deadline, and the time of the pending event (-1 none) with its handle. */
    private long deadline;
    private long pendingAt = -1;
    private long handle;
    /**
     * The socket's timers ({@code TcpConnection.timers}) while some of their events are pending,
     * else null: those events are moved here, so that no event names the socket (and through it the
     * application) for up to a keepalive interval, and they run as they would have run on it.
     */
    private long[] socketTimers;
    private boolean over;
    /** When the last out-of-window ACK went out, in ms of simulated time (0: none yet). */
    private int lastOowAckMs;

    /** Takes over {@code c}, which has just entered TIME-WAIT, and starts the 2 MSL timer. */
    TimeWait(final TcpConnection c) {
        if (c.sndUna != c.sndMax || c.sndNxt != c.sndMax) {
            throw new IllegalStateException("TIME-WAIT with data or FIN unacknowledged (" + c + ")");
        }
        this.stack = c.stack;
        this.localIp = c.localIp();
        this.localPort = c.localPort();
        this.remoteIp = c.remoteIp();
        this.remotePort = c.remotePort();
        this.iss = c.iss;
        this.irs = c.irs;
        this.snd = c.sndNxt;
        this.rcvNxt = c.rcvNxt;
        this.rcvEdge = c.rcvEdge;
        this.offer = ReceiveSequence.offer(c);
        this.rcvWscale = c.rcvWscale;
        restart();
        if (anyPending(c.timers)) {
            socketTimers = c.timers;
            c.timers = null;
            for (int i = 0; i < TIMERS.length; i++) {
                if (socketTimers[5 + i] >= 0) {
                    stack.sim().cancel(socketTimers[10 + i]);
                    socketTimers[10 + i] = stack.sim().scheduleAt(socketTimers[5 + i], this, TIMERS[i]);
                }
            }
        }
    }

    private static boolean anyPending(final long[] tm) {
        if (tm != null) {
            for (int i = 0; i < TIMERS.length; i++) {
                if (tm[5 + i] >= 0) {
                    return true;
                }
            }
        }
        return false;
    }

    int localIp() {
        return localIp;
    }

    int localPort() {
        return localPort;
    }

    int remoteIp() {
        return remoteIp;
    }

    int remotePort() {
        return remotePort;
    }

    /** SND.NXT on the wire (Linux's tw_snd_nxt). */
    int sndNxt() {
        return (int) (iss + snd);
    }

    /** Whether the 2 MSL have passed or an RST (or the application's abort) ended it. */
    boolean over() {
        return over;
    }

    /** Sets the deadline 2 MSL from now; schedules an event only if none is pending early enough. */
    private void restart() {
        final long at = stack.sim().now() + stack.config().timeWaitNanos();
        deadline = at;
        if (pendingAt < 0 || pendingAt > at) {
            if (pendingAt >= 0) {
                stack.sim().cancel(handle);
            }
            pendingAt = at;
            handle = stack.sim().scheduleAt(at, this, null);
        }
    }

    @Override
    public void handle(final Object arg) {
        if (arg != null) {
            socketTimer((TcpConnection.Timer) arg);
            return;
        }
        pendingAt = -1;
        if (stack.sim().now() < deadline) { // restarted by a retransmitted FIN: wait on
            pendingAt = deadline;
            handle = stack.sim().scheduleAt(deadline, this, null);
            return;
        }
        end();
    }

    /**
     * One of the socket's timer events ran: {@code TcpTimers.fire} for a connection in TIME-WAIT,
     * where an expired delayed ACK is sent and the other timers (RTX and keepalive were turned off
     * on entry, a zero-window probe has nothing to probe) do nothing.
     */
    private void socketTimer(final TcpConnection.Timer t) {
        final long[] tm = socketTimers;
        final int i = t.ordinal();
        tm[5 + i] = -1;
        final long d = tm[i];
        if (d >= 0 && stack.sim().now() < d) {
            tm[5 + i] = d;
            tm[10 + i] = stack.sim().scheduleAt(d, this, t);
            return;
        }
        tm[i] = -1;
        if (d >= 0 && t == TcpConnection.Timer.DELACK) {
            sendAck();
        }
        if (!anyPending(tm)) {
            socketTimers = null;
        }
    }

    /** Leaves the stack's table and stops the timers, the socket's included. */
    void end() {
        if (over) {
            return;
        }
        over = true;
        if (pendingAt >= 0) {
            stack.sim().cancel(handle);
            pendingAt = -1;
        }
        final long[] tm = socketTimers;
        if (tm != null) {
            for (int i = 0; i < TIMERS.length; i++) {
                if (tm[5 + i] >= 0) {
                    stack.sim().cancel(tm[10 + i]);
                    tm[5 + i] = -1;
                }
            }
            socketTimers = null;
        }
        stack.removeTimeWait(this);
    }

    /** A segment for this tuple arrived (the stack releases the packet). */
    void segmentArrives(final Packet p) {
        final long seq = rcvNxt + (p.seq - (int) (irs + rcvNxt)); // unwrap near RCV.NXT
        final boolean syn = p.has(Packet.SYN);
        final boolean fin = p.has(Packet.FIN);
        final boolean rst = p.has(Packet.RST);
        final long segLen = p.payloadLength + (syn ? 1 : 0) + (fin ? 1 : 0);
        // Linux's tcp_timewait_state_process() (net/ipv4/tcp_minisocks.c), TIME_WAIT substate,
        // without timestamps: "In window segment, it may be only reset or bare ack".
        if (seq == rcvNxt && (segLen == 0 || rst)) {
            if (rst) {
                end(); // tcp_rfc1337 = 0 (the default): the RST kills it
            } else {
                restart(); // inet_twsk_reschedule(tw, TCP_TIMEWAIT_LEN); nothing is sent
            }
            return;
        }
        // "Out of window segment. All the segments are ACKed immediately": an RST is dropped.
        if (rst) {
            return;
        }
        if (syn && !p.has(Packet.ACK)) {
            // TCP_TW_SYN (a new SYN: Linux ends decide by timestamps; TcpStack hands it to a
            // listener when the port has one); with none, tcp_v4_rcv() falls through to the ACK,
            // which no rate limit holds back, and the timer is not restarted.
            sendAck();
            return;
        }
        if (p.has(Packet.ACK)) {
            //" TIME-WAIT: The only thing that can arrive in this state is a retransmission of the
            //" remote FIN. Acknowledge it, and restart the 2 MSL timeout. (Linux restarts it for
            //" any segment with ACK out of the window: "In this case we must reset the TIMEWAIT timer")
            restart();
        }
        // tcp_timewait_check_oow_rate_limit(): segments carrying data or a FIN are always answered,
        // pure ACKs and SYNs at most once per tcp_invalid_ratelimit (tcp_oow_rate_limited()).
        if (segLen > 0 && !syn || !oowRateLimited()) {
            sendAck();
        }
    }

    /** {@link TcpInput#oowRateLimited} for this TIME-WAIT: tcp_time_wait() starts it at 0, none sent. */
    private boolean oowRateLimited() {
        final int now = (int) (stack.sim().now() / 1_000_000L);
        if (TcpInput.oowLimited(now, lastOowAckMs)) {
            return true;
        }
        lastOowAckMs = now;
        return false;
    }

    /** The ACK {@link TcpConnection#sendAck} would send: same fields, same window. */
    private void sendAck() {
        final Packet p = stack.segment(localIp, localPort, remoteIp, remotePort, Packet.ACK);
        p.seq = (int) (iss + snd);
        p.ack = (int) (irs + rcvNxt);
        p.window = ReceiveSequence.advertised(rcvNxt, offer, rcvEdge, rcvWscale);
        rcvEdge = Math.max(rcvEdge, rcvNxt + ((long) p.window << rcvWscale));
        if (socketTimers != null) {
            socketTimers[TcpConnection.Timer.DELACK.ordinal()] = -1; // an ACK went out: none is owed
        }
        stack.node().sendLocal(p);
    }

    @Override
    public String toString() {
        final var a = stack.node().network().ipv6();
        return stack.node().name() + " " + a.formatAny(localIp) + ":" + localPort + " > " + a.formatAny(remoteIp) + ":"
                + remotePort + " TIME_WAIT";
    }
}
