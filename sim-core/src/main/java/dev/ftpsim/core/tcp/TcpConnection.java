package dev.ftpsim.core.tcp;

import dev.ftpsim.core.kernel.EventHandler;
import dev.ftpsim.core.kernel.Simulator;
import dev.ftpsim.core.net.Packet;
import dev.ftpsim.core.net.TxOwner;

/**
 * One TCP connection (RFC 9293): the application API, the state transitions, segment building
 * and the timers. Segment opening is in {@link TcpHandshake}, segment arrival in {@link TcpInput},
 * timer expiry in {@link TcpTimers}; they decide a {@link TcpEvent}, and {@link #transition}
 * alone changes the state, as INET's TcpConnectionBase does (actions first, then one transition
 * function). The send, receive and RTT variables are fields here, their rules in
 * {@link SendSequence}, {@link ReceiveSequence} and {@link RttEstimator}.
 *
 * <p>Memory. A connection is one object while it is idle: what an idle connection does not use
 * is made when first needed (the timers, the send buffer, the congestion control, autotuning and
 * out-of-order state) and the timers are dropped again when none is armed or pending (unless it carries data), so 100,000
 * idle connections cost about 330 bytes an endpoint (benchmarks' {@code IdleConnectionFootprint}).
 * Keeping the variables in one object also keeps a segment's work on few cache lines.
 *
 * <p>Theory of operation. Sequence numbers are kept as {@code long} offsets from the initial
 * sequence numbers ("relative": 0 is the SYN, 1 the first data byte), so comparisons never wrap;
 * they become 32-bit wire values only when a segment is built or parsed. {@code sndNxt} is where
 * new transmissions continue; after a timeout it goes back to {@code sndUna} (go-back-N) while
 * {@code sndMax} remembers the highest sequence sent.
 *
 * <p>Timers keep a deadline and at most one pending kernel event: moving a deadline later (the
 * RTO restarted by every ACK) only writes a field, and the event, when it fires early, re-arms
 * itself at the deadline. So a bulk transfer does not cancel and reschedule per ACK.
 *
 * <p>Choices and missing bits: delayed ACK timer fixed at Linux's TCP_ATO_MIN (40 ms) rather than
 * Linux's adaptive ato (40-200 ms), without Linux's initial quick-ACK mode; the receive window
 * only shrinks for applications that read explicitly ({@link #setAutoConsume}); no SACK, no
 * timestamps.
 */
public final class TcpConnection implements EventHandler, TxOwner {
    enum Timer { RTX, DELACK, KEEPALIVE, TIMEWAIT, PERSIST }

    /** The kernel event's argument that runs {@link TcpOutput#output} (Linux's TSQ handler, tcp_tsq_handler). */
    static final Object TSQ_WAKE = new Object();
    /** {@link #tsqFlags}: waiting for a TX completion to send more (TSQF_THROTTLED). */
    static final int TSQ_THROTTLED = 1;
    /** {@link #tsqFlags}: a send the host's full queue refused is to be tried again (tcp_check_probe_timer). */
    static final int TSQ_RETRY = 2;

    final TcpStack stack;
    private final int localIp;
    private final int localPort;
    private final int remoteIp;
    private final int remotePort;
    TcpHandler handler;
    TcpAcceptor acceptor;
    /** Changed by {@link #transition} alone. */
    private TcpState state = TcpState.CLOSED;

    final int iss;
    int irs;

    /** Send sequence space, relative to ISS: SND.UNA, SND.NXT, highest sent, SND.WND, WL1, WL2 ({@link SendSequence}). */
    long sndUna;
    long sndNxt;
    long sndMax;
    long sndWnd;
    long sndWl1;
    long sndWl2;
    /** The peer's window scale (Snd.Wind.Shift, RFC 7323 2.3). */
    int sndWscale;
    /** Both SYNs carried a window scale option. */
    boolean wsAgreed;
    /** Send MSS: min(our limit, the peer's MSS option). */
    int mss;
    /** The shared empty {@link SendBuffer#NONE} until the application first sends: idle connections hold none. */
    SendBuffer sendBuf = SendBuffer.NONE;
    boolean finQueued;
    boolean nagle;

    // Congestion control and loss recovery.
    /** Made at the first ACK of data or loss ({@link #cc()}): a connection that never sent needs none. */
    private CongestionControl cc;
    long cwnd;
    long ssthresh = Long.MAX_VALUE;
    int dupAcks;
    boolean inRecovery;
    /** RFC 6582 "recover": highest sequence sent when the last recovery began. */
    long recover;
    boolean partialAckSeen;
    /** A timeout happened and no ACK has advanced SND.UNA since: later timeouts keep ssthresh. */
    boolean inRecoveryAfterRto;
    /**
     * Congestion window reduction after the host's own queue refused a segment (tcp_enter_cwr):
     * SND.NXT when it began (Linux's high_seq), -1 when none; no second reduction before SND.UNA
     * passes it.
     */
    long cwrHigh = -1;
    /**
     * TCP Small Queues: the charge of this connection's segments still in its host's interface
     * queue or on its transmitter (sk_wmem_alloc, see {@link TcpOutput#smallQueueFull}).
     */
    int hostQueued;
    /** {@link #TSQ_THROTTLED}, {@link #TSQ_RETRY}. */
    byte tsqFlags;

    /** RTT estimation and RTO (RFC 6298), see {@link RttEstimator}. */
    long srtt;
    long rttvar;
    long rto;
    boolean rttHasSample;
    long rttSeq = -1;
    long rttStart;
    /** Time the current retransmission episode's segment was first sent; 0 when none. */
    long retransStamp;
    /**
     * RTO back-offs since the last RTT sample (Linux's icsk_backoff, reset only by a valid RTT
     * measurement): an ICMP net or host unreachable about the head segment undoes one (RFC 6069).
     */
    byte rtoBackoff;
    /**
     * The last ICMP error about a synchronized connection (type << 8 | code, 0 none), Linux's
     * sk_err_soft: cleared by any acceptable ACK, reported instead of ETIMEDOUT when the
     * connection times out.
     */
    short softError;
    boolean synRetransmitted;

    // Receive side, relative to IRS, and the buffer behind the window ({@link ReceiveSequence}).
    long rcvNxt;
    long rcvWup;
    long rcvEdge;
    int rcvWscale;
    int rcvMss;
    int rcvBuf;
    long rcvSsthresh;
    long rcvUnread;
    /** Autotuning state, made on the first data when tcp_rmem's max allows growth. */
    ReceiveTuning tuning;
    Reassembly ooo;
    /** Relative sequence of the peer's FIN once seen (possibly out of order), else -1. */
    long peerFin = -1;
    long lastReceiveTime;
    /** The application consumes data as it is handed over (default); else it calls {@link #consume}. */
    boolean autoConsume = true;
    /** Linux's TCP_QUICKACK; false before the handshake delays its final ACK ({@link #setQuickAck}). */
    boolean quickAck = true;
    /** Zero-window probes sent since the window was last open (back-off exponent, answered or not). */
    int persistBackoff;
    int keepaliveProbes;
    /**
     * Linux's last_oow_ack_time: when an ACK last answered an unacceptable segment or challenged
     * one, in milliseconds of simulated time as Linux counts jiffies (0: never); see
     * {@link TcpInput#oowRateLimited}.
     */
    int lastOowAckMs;
    boolean keepalive;
    /**
     * TCP_KEEPIDLE, TCP_KEEPINTVL, TCP_KEEPCNT set on this socket, or null for the stack's sysctls
     * (shared, so that a connection without its own costs no memory for them).
     */
    private long[] keepaliveOwn;

    /**
     * Timers, made on the first arm and dropped once no timer is armed or pending, so that an idle
     * connection holds none: {@code [t]} the deadline of timer t (-1 none), {@code [5 + t]} the time
     * of its pending kernel event (-1 none), {@code [10 + t]} that event's handle.
     */
    long[] timers;

    // Statistics and outcome.
    long bytesReceived;
    int segmentsRetransmitted;
    int timeouts;
    int fastRetransmits;
    FailReason failure;
    String failDetail;
    private boolean closeNotified;
    /** What keeps this connection's tuple once it entered TIME-WAIT ({@link TimeWait}); null before. */
    TimeWait timeWait;

    TcpConnection(final TcpStack stack, final int localIp, final int localPort, final int remoteIp,
            final int remotePort, final TcpHandler handler, final int iss) {
        this.stack = stack;
        final TcpConfig cfg = stack.config();
        this.localIp = localIp;
        this.localPort = localPort;
        this.remoteIp = remoteIp;
        this.remotePort = remotePort;
        this.handler = handler;
        this.iss = iss;
        this.rto = cfg.rtoInitialNanos();
        this.rcvBuf = cfg.initialWindowSpace();
        this.rcvMss = cfg.mss();
        this.nagle = cfg.nagle();
        this.keepalive = cfg().keepalive();
        this.mss = cfg.mss();
    }

    // ---------------------------------------------------------------- accessors

    /** The stack's simulator and configuration: not copied into each connection, to keep it small. */
    Simulator sim() {
        return stack.sim();
    }

    TcpConfig cfg() {
        return stack.config();
    }

    public int localIp() {
        return localIp;
    }

    public int localPort() {
        return localPort;
    }

    public int remoteIp() {
        return remoteIp;
    }

    public int remotePort() {
        return remotePort;
    }

    /** The state; CLOSED once the TIME-WAIT that took over from this socket has ended. */
    public TcpState state() {
        return timeWait != null && timeWait.over() ? TcpState.CLOSED : state;
    }

    public TcpStack stack() {
        return stack;
    }

    /** Why the connection failed, or null. */
    public FailReason failure() {
        return failure;
    }

    /** Human-readable detail of the failure (e.g. which ICMP code), or null. */
    public String failureDetail() {
        return failDetail;
    }

    public long congestionWindow() {
        return cwnd;
    }

    /** Bytes sent and not yet acknowledged (SND.NXT - SND.UNA; SYN and FIN count one each). */
    public long bytesInFlight() {
        return sndNxt - sndUna;
    }

    public long slowStartThreshold() {
        return ssthresh;
    }

    public long smoothedRttNanos() {
        return srtt;
    }

    public long rtoNanos() {
        return rto;
    }

    public int sendMss() {
        return mss;
    }

    /** Data bytes acknowledged by the peer so far (the SYN and FIN take sequence numbers, not data). */
    public long bytesAcked() {
        return Math.min(Math.max(0, sndUna - 1), sendBuf.end());
    }

    /** Data bytes the application handed over so far. */
    public long bytesQueued() {
        return sendBuf.end();
    }

    /** In-order data bytes delivered to the application. */
    public long bytesReceived() {
        return bytesReceived;
    }

    public long segmentsRetransmitted() {
        return segmentsRetransmitted;
    }

    public long timeouts() {
        return timeouts;
    }

    public long fastRetransmits() {
        return fastRetransmits;
    }

    public void setHandler(final TcpHandler h) {
        handler = h;
    }

    /** TCP_NODELAY: disables Nagle's algorithm. */
    public void setNoDelay(final boolean on) {
        nagle = !on;
    }

    /** SO_KEEPALIVE. */
    /**
     * Switches to explicit reading: data handed to {@link TcpHandler#received} or
     * {@link TcpHandler#receivedBulk} then stays in the receive buffer, shrinking the advertised
     * window, until {@link #consume} frees it. A slow reader thus throttles the sender down to a
     * zero window, as with a real socket that is not read.
     */
    /**
     * TCP_QUICKACK (tcp(7)): off before a connect, the handshake's final ACK is not sent at once but
     * delayed (tcp_rcv_synsent_state_process in tcp_input.c: in pingpong mode it only schedules a
     * delayed ACK, TCP_DELACK_MAX 200 ms), so a connection aborted as soon as it is connected sends
     * its reset instead, and the peer's application never accepts it. HAProxy's health checks do so.
     */
    public void setQuickAck(final boolean on) {
        quickAck = on;
    }

    public void setAutoConsume(final boolean on) {
        autoConsume = on;
    }

    /** Bytes received but not yet consumed. */
    public long unreadBytes() {
        return rcvUnread;
    }

    /**
     * The application read {@code n} bytes: frees buffer space and, once the window can grow by
     * min(RCV.BUFF / 2, MSS), advertises it. "the receiver ... should not advertise an increase of
     * the window until the increase is at least ... min(0.5 * RCV.BUFF, Eff.snd.MSS)"
     * (RFC 9293 3.8.6.2.2, receiver SWS avoidance).
     */
    public void consume(final long n) {
        if (n < 0 || n > rcvUnread) {
            throw new IllegalArgumentException("cannot consume " + n + " bytes, " + rcvUnread + " unread");
        }
        rcvUnread -= n;
        if (tuning != null) {
            tuning.consumed(this, sim().now());
        }
        final TcpState st = state();
        if (st.synchronizedState() && st != TcpState.TIME_WAIT
                && rcvNxt + ReceiveSequence.offer(this) - rcvEdge >= Math.min(rcvBuf / 2, rcvMss)) {
            sendAck();
        }
    }

    public void setKeepAlive(final boolean on) {
        keepalive = on;
        if (on && state().synchronizedState()) {
            arm(Timer.KEEPALIVE, lastReceiveTime + keepaliveIdle());
        }
    }

    /**
     * SO_KEEPALIVE with this socket's own TCP_KEEPIDLE, TCP_KEEPINTVL and TCP_KEEPCNT, as
     * applications set them (curl's --keepalive-time sets the first two).
     */
    public void setKeepAlive(final long idleNanos, final long intervalNanos, final int probes) {
        if (idleNanos <= 0 || intervalNanos <= 0 || probes < 1) {
            throw new IllegalArgumentException("keepalive idle and interval must be > 0 and probes >= 1");
        }
        keepaliveOwn = new long[] {idleNanos, intervalNanos, probes};
        setKeepAlive(true);
    }

    /** TCP_KEEPIDLE of this socket, else the stack's. */
    long keepaliveIdle() {
        return keepaliveOwn != null ? keepaliveOwn[0] : cfg().keepaliveIdleNanos();
    }

    /** TCP_KEEPINTVL of this socket, else the stack's. */
    long keepaliveInterval() {
        return keepaliveOwn != null ? keepaliveOwn[1] : cfg().keepaliveIntervalNanos();
    }

    /** TCP_KEEPCNT of this socket, else the stack's. */
    int keepaliveCount() {
        return keepaliveOwn != null ? (int) keepaliveOwn[2] : cfg().keepaliveProbes();
    }

    // ---------------------------------------------------------------- application API

    /** Queues real bytes (copied) for sending. */
    public void send(final byte[] data) {
        checkCanSend();
        ownSendBuffer().append(data);
        TcpOutput.output(this);
    }

    /** Queues {@code count} bulk bytes: sent as zeros on a capture, never allocated. */
    public void send(final long count) {
        checkCanSend();
        ownSendBuffer().appendBulk(count);
        TcpOutput.output(this);
    }

    private SendBuffer ownSendBuffer() {
        if (sendBuf == SendBuffer.NONE) {
            sendBuf = new SendBuffer();
        }
        return sendBuf;
    }

    /** This connection's congestion control, made on first use from the stack's configuration. */
    CongestionControl cc() {
        if (cc == null) {
            cc = cfg().congestionControl().get();
        }
        return cc;
    }

    private void checkCanSend() {
        if (finQueued || state() == TcpState.CLOSED) {
            throw new IllegalStateException("send on a connection that is " + (finQueued ? "closing" : "closed")
                    + " (" + this + ")");
        }
    }

    /**
     * Closes our direction after the queued data (FIN). RFC 9293 3.10.4: in ESTABLISHED "queue this
     * until all preceding SENDs have been segmentized, then form a FIN segment and send it. In any
     * case, enter FIN-WAIT-1 state"; in CLOSE-WAIT "enter the LAST-ACK state".
     */
    public void close() {
        switch (state()) {
            case SYN_SENT -> {
                // "Delete the TCB and return 'error: closing' responses to any queued SENDs".
                terminate();
                return;
            }
            case SYN_RECEIVED -> {
                abort(); // not yet handed to an application: nothing to flush
                return;
            }
            case ESTABLISHED, CLOSE_WAIT -> transition(TcpEvent.CLOSE);
            default -> {
                return; // already closing or closed
            }
        }
        finQueued = true;
        TcpOutput.output(this);
    }

    /**
     * Aborts: sends RST and forgets the connection at once. Like Linux's {@code tcp_need_reset()},
     * an RST goes out only from SYN-RECEIVED, ESTABLISHED, CLOSE-WAIT, FIN-WAIT-1 and FIN-WAIT-2.
     */
    public void abort() {
        final TcpState st = state();
        if (st == TcpState.SYN_RECEIVED || st == TcpState.ESTABLISHED || st == TcpState.CLOSE_WAIT
                || st == TcpState.FIN_WAIT_1 || st == TcpState.FIN_WAIT_2) {
            final Packet p = segment(Packet.RST | Packet.ACK, sndNxt);
            stack.node().sendLocal(p);
        }
        terminate();
    }

    // ---------------------------------------------------------------- output

    /** A pooled packet with addresses, ports, seq, ack and window filled in. */
    Packet segment(final int flags, final long relSeq) {
        final Packet p = stack.segment(localIp, localPort, remoteIp, remotePort, flags);
        p.seq = (int) (iss + relSeq);
        if ((flags & Packet.ACK) != 0) {
            p.ack = (int) (irs + rcvNxt);
            rcvWup = rcvNxt;
            disarm(Timer.DELACK);
        }
        if ((flags & Packet.SYN) != 0) {
            p.window = TcpHandshake.initialWindow(this);
            rcvEdge = rcvNxt + p.window;
            rcvSsthresh = p.window;
        } else {
            // Never move the right edge left (RFC 9293 3.8.6.2.2: shrinking the window is "strongly
            // discouraged"): rounding down by the scale could otherwise do it.
            p.window = ReceiveSequence.advertised(rcvNxt, ReceiveSequence.offer(this), rcvEdge, rcvWscale);
            rcvEdge = Math.max(rcvEdge, rcvNxt + ((long) p.window << rcvWscale));
        }
        return p;
    }

    /**
     * Linux tcp_probe0_when(): RTO doubled per probe, at most TCP_RTO_MAX; tcp_send_probe0() stops
     * doubling after tcp_retries2 probes ("if (icsk->icsk_backoff < READ_ONCE(net->ipv4.sysctl_tcp_retries2))").
     */
    long persistInterval() {
        return Math.min(cfg().rtoMaxNanos(), rto << Math.min(persistBackoff, Math.min(20, cfg().retries2())));
    }

    /** Sends a pure ACK now. */
    void sendAck() {
        stack.node().sendLocal(segment(Packet.ACK, sndNxt));
    }

    // ---------------------------------------------------------------- RTT and RTO

    // ---------------------------------------------------------------- timers

    /** Sets a timer's deadline; schedules a kernel event only if none is pending early enough. */
    void arm(final Timer t, final long at) {
        TcpTimers.arm(this, t, at);
    }

    void disarm(final Timer t) {
        if (timers != null) {
            timers[t.ordinal()] = -1;
        }
    }

    boolean armed(final Timer t) {
        return timers != null && timers[t.ordinal()] >= 0;
    }

    @Override
    public void handle(final Object arg) {
        if (arg == TSQ_WAKE) {
            tsqFlags &= ~TSQ_RETRY;
            TcpOutput.output(this);
            return;
        }
        TcpTimers.fire(this, (Timer) arg);
    }

    /**
     * A segment of this connection left the host (or was dropped in it): its charge goes, and a
     * throttled connection sends again from a kernel event at the same instant (tcp_wfree queues
     * the socket for the TSQ handler), not from inside the interface's completion. Not for callers.
     */
    @Override
    public void released(final Packet p) {
        hostQueued -= TcpOutput.truesize(p.totalLength());
        if ((tsqFlags & TSQ_THROTTLED) != 0) {
            tsqFlags &= ~TSQ_THROTTLED;
            sim().schedule(0, this, TSQ_WAKE);
        }
    }

    // ---------------------------------------------------------------- state transitions

    /**
     * The one place the state changes, as INET's {@code performStateTransition}: the new state
     * for an event in the current one (RFC 9293 figure 5 and section 3.10), then what entering
     * it does. Segment and timer processing decide the event where the RFC says "enter ...
     * state", before the application hears of it (callbacks here are synchronous, where INET
     * sends the application messages), so an application that calls back, say close() from
     * peerClosed(), sees the new state.
     *
     * @throws IllegalStateException for an event the current state cannot take: our bug
     */
    void transition(final TcpEvent event) {
        final TcpState from = state;
        final TcpState to = switch (event) {
            case OPEN_ACTIVE -> from == TcpState.CLOSED ? TcpState.SYN_SENT : null;
            case OPEN_PASSIVE -> from == TcpState.CLOSED ? TcpState.SYN_RECEIVED : null;
            case RCV_SYN -> from == TcpState.SYN_SENT ? TcpState.SYN_RECEIVED : null; // simultaneous open
            case HANDSHAKE_DONE -> from == TcpState.SYN_SENT || from == TcpState.SYN_RECEIVED ? TcpState.ESTABLISHED : null;
            case CLOSE -> switch (from) {
                case ESTABLISHED -> TcpState.FIN_WAIT_1;
                case CLOSE_WAIT -> TcpState.LAST_ACK;
                default -> null;
            };
            case RCV_ACK_OF_FIN -> switch (from) {
                case FIN_WAIT_1 -> TcpState.FIN_WAIT_2;
                case CLOSING -> TcpState.TIME_WAIT;
                case LAST_ACK -> TcpState.CLOSED;
                default -> null;
            };
            case RCV_FIN -> switch (from) {
                case SYN_RECEIVED, ESTABLISHED -> TcpState.CLOSE_WAIT;
                case FIN_WAIT_1 -> TcpState.CLOSING; // simultaneous close
                case FIN_WAIT_2 -> TcpState.TIME_WAIT;
                default -> null;
            };
            case RCV_FIN_ACKED -> from == TcpState.FIN_WAIT_1 || from == TcpState.FIN_WAIT_2 ? TcpState.TIME_WAIT : null;
            case TIMEOUT_2MSL -> from == TcpState.TIME_WAIT ? TcpState.CLOSED : null;
            case DELETE_TCB -> TcpState.CLOSED;
        };
        if (to == null) {
            throw new IllegalStateException("TCP event " + event + " in state " + from + " (" + this + ")");
        }
        state = to;
        switch (to) {
            case ESTABLISHED -> TcpHandshake.onEstablished(this);
            case FIN_WAIT_2 -> disarm(Timer.RTX); // our FIN is acknowledged: nothing left to retransmit
            case TIME_WAIT -> {
                //" enter the TIME-WAIT state, start the time-wait timer, turn off the other timers
                disarm(Timer.RTX);
                disarm(Timer.KEEPALIVE);
                // A TimeWait takes the tuple and the timer over; this socket, with its buffers and
                // application, leaves the table (Linux's tcp_time_wait()).
                timeWait = stack.enterTimeWait(this);
                notifyClosed();
            }
            case CLOSED -> {
                // Delete the TCB: stop the timers and leave the stack's table (an abort in
                // TIME-WAIT ends the TimeWait too, as deleting the TCB did).
                if (timeWait != null) {
                    timeWait.end();
                }
                TcpTimers.disarmAll(this);
                stack.remove(this);
            }
            default -> { }
        }
    }

    // ---------------------------------------------------------------- endings

    void notifyClosed() {
        if (!closeNotified) {
            closeNotified = true;
            if (handler != null) {
                handler.closed(this);
            }
        }
    }

    /** Removes the connection from the stack and stops its timers. */
    void terminate() {
        transition(TcpEvent.DELETE_TCB);
    }

    /** Fails now: removes the connection, then tells the application. */
    void fail(final FailReason reason, final String detail) {
        failure = reason;
        failDetail = detail;
        terminate();
        if (handler != null) {
            handler.failed(this, reason);
        }
    }

    void failDeferred(final FailReason reason, final String detail) {
        failure = reason;
        failDetail = detail;
        sim().schedule(0, () -> fail(reason, detail));
    }

    // ---------------------------------------------------------------- input entry points

    void segmentArrives(final Packet p) {
        TcpInput.segmentArrives(this, p);
    }

    void icmpError(final int type, final int code, final int quotedSeq) {
        TcpIcmp.error(this, type, code, quotedSeq);
    }

    @Override
    public String toString() {
        final var a = stack.node().network().ipv6();
        return stack.node().name() + " " + a.formatAny(localIp) + ":" + localPort + " > "
                + a.formatAny(remoteIp) + ":" + remotePort + " " + state();
    }
}
