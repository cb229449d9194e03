package dev.ftpsim.core.tcp;

import static dev.ftpsim.core.units.Units.NS_PER_MS;
import static dev.ftpsim.core.units.Units.NS_PER_S;

import java.util.function.Supplier;

/**
 * Per-host TCP settings. {@link #linux()} gives Linux's defaults, each named after its sysctl or
 * kernel constant.
 *
 * @param mss                 largest segment payload we announce and send; capped by the route's MTU - 40
 * @param receiveBuffer       the receive buffer a connection starts with: {@code tcp_rmem}'s default
 *                            131072, of which half is window ({@link #initialWindowSpace}); or the
 *                            fixed window an application's SO_RCVBUF asks for
 * @param receiveBufferMax    {@code tcp_rmem} max, 6291456: receive-buffer autotuning
 *                            ({@code tcp_moderate_rcvbuf} = 1) grows the window up to half of it
 *                            ({@code tcp_adv_win_scale} = 1), and the window scale is chosen to fit it.
 *                            Equal to {@code receiveBuffer}: no autotuning, as after SO_RCVBUF
 * @param initRwndSegments    the SYN's window cap in segments of kernels before commit a337531b942b
 *                            ({@code tcp_default_init_rwnd()}: 20, 2 x TCP_INIT_CWND; 10,
 *                            TCP_DEFAULT_INIT_RCVWND, in 3.10); 0 for none, as since
 * @param windowScaling       offer RFC 7323 window scaling ({@code tcp_window_scaling} = 1)
 * @param synRetries          {@code tcp_syn_retries} = 6
 * @param synLinearTimeouts   {@code tcp_syn_linear_timeouts} = 4 (Linux 6.5+, commit ccce324dabfe; 0 before):
 *                            the first retransmitted SYNs keep the initial RTO instead of doubling, and
 *                            the connect gets that many retransmissions more. With 6 and 4 a
 *                            black-holed connect sends 11 SYNs and fails after 131 s; with 6 and 0,
 *                            7 SYNs and 127 s (see {@link #synGiveUpNanos})
 * @param synAckRetries       {@code tcp_synack_retries} = 5
 * @param retries2            {@code tcp_retries2} = 15: data retransmissions give up after ~924.6 s
 * @param rtoInitialNanos     RFC 6298 (2.1) and Linux {@code TCP_TIMEOUT_INIT}: 1 s
 * @param rtoMinNanos         Linux {@code TCP_RTO_MIN}: 200 ms (RFC 6298 says 1 s)
 * @param rtoMaxNanos         Linux {@code TCP_RTO_MAX}: 120 s
 * @param delayedAck          delay ACKs (every second full segment is ACKed at once)
 * @param delayedAckNanos     delayed ACK timeout: Linux {@code TCP_ATO_MIN} = 40 ms, see {@link TcpConnection}
 * @param timeWaitNanos       Linux {@code TCP_TIMEWAIT_LEN}: 60 s
 * @param nagle               RFC 896 Nagle algorithm (on unless TCP_NODELAY)
 * @param keepalive           SO_KEEPALIVE on new connections (off by default, as in Linux)
 * @param keepaliveIdleNanos  {@code tcp_keepalive_time} = 7200 s (RFC 1122: at least two hours)
 * @param keepaliveIntervalNanos {@code tcp_keepalive_intvl} = 75 s
 * @param keepaliveProbes     {@code tcp_keepalive_probes} = 9
 * @param ephemeralLow        {@code ip_local_port_range} low end, 32768
 * @param ephemeralHigh       {@code ip_local_port_range} high end, 60999
 * @param congestionControl   factory of one strategy per connection
 */
public record TcpConfig(int mss, int receiveBuffer, int receiveBufferMax, int initRwndSegments, boolean windowScaling, int synRetries,
        int synLinearTimeouts, int synAckRetries, int retries2, long rtoInitialNanos, long rtoMinNanos,
        long rtoMaxNanos, boolean delayedAck, long delayedAckNanos, long timeWaitNanos, boolean nagle, boolean keepalive, long keepaliveIdleNanos,
        long keepaliveIntervalNanos, int keepaliveProbes, int ephemeralLow, int ephemeralHigh,
        Supplier<CongestionControl> congestionControl) {

    public TcpConfig {
        if (mss < 64 || mss > 65495) {
            throw new IllegalArgumentException("MSS " + mss + " not in 64..65495");
        }
        if (receiveBuffer < 1 || receiveBuffer > (65535 << 14)) {
            throw new IllegalArgumentException("receive buffer " + receiveBuffer + " not in 1..2^30");
        }
        if (receiveBufferMax < receiveBuffer || receiveBufferMax > (65535 << 14)) {
            throw new IllegalArgumentException("receive buffer max " + receiveBufferMax + " not in "
                    + receiveBuffer + "..2^30");
        }
        if (initRwndSegments < 0) {
            throw new IllegalArgumentException("initial receive window segments " + initRwndSegments + " below 0");
        }
        if (synLinearTimeouts < 0 || synLinearTimeouts > 255) {
            throw new IllegalArgumentException("tcp_syn_linear_timeouts " + synLinearTimeouts + " not in 0..255");
        }
        if (ephemeralLow < 1 || ephemeralHigh > 65535 || ephemeralLow > ephemeralHigh) {
            throw new IllegalArgumentException("bad ephemeral port range " + ephemeralLow + "-" + ephemeralHigh);
        }
    }

    /**
     * Linux's defaults as of 6.5 and later (the linear SYN timeouts); receive buffer 128 KiB
     * ({@code tcp_rmem} = 4096 131072 6291456), autotuned.
     */
    public static TcpConfig linux() {
        return new TcpConfig(1460, 131072, 6291456, 0, true, 6, 4, 5, 15, NS_PER_S, 200 * NS_PER_MS, 120 * NS_PER_S, true,
                40 * NS_PER_MS, 60 * NS_PER_S, true, false, 7200 * NS_PER_S, 75 * NS_PER_S, 9, 32768, 60999,
                NewReno::new);
    }

    /** A fixed receive buffer, as an application's SO_RCVBUF sets it: no autotuning. */
    public TcpConfig withReceiveBuffer(final int bytes) {
        return copy(c -> {
            c.receiveBuffer = bytes;
            c.receiveBufferMax = bytes;
        });
    }

    /**
     * The receive window a connection starts with ({@code tcp_rmem}'s middle value), still
     * autotuned up to {@link #receiveBufferMax}: a kernel's default, unlike {@link #withReceiveBuffer}.
     */
    public TcpConfig withInitialReceiveBuffer(final int bytes) {
        return copy(c -> c.receiveBuffer = bytes);
    }

    /** The SYN's window cap in segments of kernels before 4.19 (0: none). */
    public TcpConfig withInitRwndSegments(final int segments) {
        return copy(c -> c.initRwndSegments = segments);
    }

    /**
     * {@code tcp_full_space()} when the handshake starts: {@code tcp_win_from_space()} of the
     * receive buffer, which with {@code tcp_adv_win_scale} = 1 (and 6.6's initial
     * {@code scaling_ratio} of one half) is half of {@code tcp_rmem}'s default; a fixed SO_RCVBUF
     * value is doubled by the kernel (sock_setsockopt()), so its window is the value itself.
     */
    public int initialWindowSpace() {
        return receiveBufferMax > receiveBuffer ? receiveBuffer / 2 : receiveBuffer;
    }

    public TcpConfig withWindowScaling(final boolean on) {
        return copy(c -> c.windowScaling = on);
    }

    public TcpConfig withSynRetries(final int n) {
        return copy(c -> c.synRetries = n);
    }

    /** {@code tcp_syn_linear_timeouts}: 0 is the doubling schedule of kernels before 6.5. */
    public TcpConfig withSynLinearTimeouts(final int n) {
        return copy(c -> c.synLinearTimeouts = n);
    }

    /** {@code tcp_retries2}: back-offs of unacknowledged data before the connection is given up. */
    public TcpConfig withRetries2(final int n) {
        return copy(c -> c.retries2 = n);
    }

    public TcpConfig withSynAckRetries(final int n) {
        return copy(c -> c.synAckRetries = n);
    }

    /** The first retransmission timeout (RFC 6298 (2.1): 1 s; Windows uses 3 s). */
    public TcpConfig withInitialRto(final long nanos) {
        if (nanos <= 0) {
            throw new IllegalArgumentException("initial RTO must be > 0");
        }
        return copy(c -> c.rtoInitialNanos = nanos);
    }

    public TcpConfig withDelayedAck(final boolean on) {
        return copy(c -> c.delayedAck = on);
    }

    public TcpConfig withKeepalive(final boolean on, final long idleNanos, final long intervalNanos, final int probes) {
        return copy(c -> {
            c.keepalive = on;
            c.keepaliveIdleNanos = idleNanos;
            c.keepaliveIntervalNanos = intervalNanos;
            c.keepaliveProbes = probes;
        });
    }

    public TcpConfig withCongestionControl(final Supplier<CongestionControl> cc) {
        return copy(c -> c.congestionControl = cc);
    }

    public TcpConfig withMss(final int m) {
        return copy(c -> c.mss = m);
    }

    /** The components as mutable fields: each {@code with*} changes some and builds a new record. */
    private static final class Copy {
        int mss, receiveBuffer, receiveBufferMax, initRwndSegments, synRetries, synLinearTimeouts, synAckRetries, retries2;
        int keepaliveProbes;
        int ephemeralLow, ephemeralHigh;
        boolean windowScaling, delayedAck, nagle, keepalive;
        long rtoInitialNanos, rtoMinNanos, rtoMaxNanos, delayedAckNanos, timeWaitNanos, keepaliveIdleNanos;
        long keepaliveIntervalNanos;
        Supplier<CongestionControl> congestionControl;
    }

    private TcpConfig copy(final java.util.function.Consumer<Copy> change) {
        final Copy c = new Copy();
        c.mss = mss; c.receiveBuffer = receiveBuffer; c.receiveBufferMax = receiveBufferMax;
        c.initRwndSegments = initRwndSegments;
        c.windowScaling = windowScaling; c.synRetries = synRetries; c.synLinearTimeouts = synLinearTimeouts;
        c.synAckRetries = synAckRetries;
        c.retries2 = retries2; c.rtoInitialNanos = rtoInitialNanos; c.rtoMinNanos = rtoMinNanos;
        c.rtoMaxNanos = rtoMaxNanos; c.delayedAck = delayedAck; c.delayedAckNanos = delayedAckNanos;
        c.timeWaitNanos = timeWaitNanos; c.nagle = nagle; c.keepalive = keepalive;
        c.keepaliveIdleNanos = keepaliveIdleNanos; c.keepaliveIntervalNanos = keepaliveIntervalNanos;
        c.keepaliveProbes = keepaliveProbes; c.ephemeralLow = ephemeralLow; c.ephemeralHigh = ephemeralHigh;
        c.congestionControl = congestionControl;
        change.accept(c);
        return new TcpConfig(c.mss, c.receiveBuffer, c.receiveBufferMax, c.initRwndSegments, c.windowScaling, c.synRetries,
                c.synLinearTimeouts, c.synAckRetries, c.retries2, c.rtoInitialNanos, c.rtoMinNanos, c.rtoMaxNanos,
                c.delayedAck,                c.delayedAckNanos, c.timeWaitNanos, c.nagle, c.keepalive, c.keepaliveIdleNanos,
                c.keepaliveIntervalNanos, c.keepaliveProbes, c.ephemeralLow, c.ephemeralHigh, c.congestionControl);
    }

    /**
     * Linux's {@code retransmits_timed_out()} (net/ipv4/tcp_timer.c): the time after the first
     * transmission at which {@code boundary} back-offs from {@code rtoBase} are used up, with the
     * RTO capped at {@code rtoMax}. For SYNs, base 1 s and 6 retries give 1+2+...+64 = 127 s; for
     * data, base 200 ms and 15 retries give 204.6 s (ten doublings up to 102.4 s) + 6 x 120 s =
     * 924.6 s.
     */
    public static long linuxRetransmitTimeout(final int boundary, final long rtoBase, final long rtoMax) {
        final int thresh = 63 - Long.numberOfLeadingZeros(rtoMax / rtoBase); // ilog2
        if (boundary <= thresh) {
            return ((2L << boundary) - 1) * rtoBase;
        }
        return ((2L << thresh) - 1) * rtoBase + (boundary - thresh) * rtoMax;
    }

    /**
     * When a black-holed connect gives up, counted from its first SYN, as Linux's
     * {@code tcp_write_timeout()} (net/ipv4/tcp_timer.c) decides it at each retransmission timeout
     * in SYN_SENT: after {@code tcp_syn_retries + tcp_syn_linear_timeouts} retransmissions, or as
     * soon as {@code retransmits_timed_out()} finds the time since the first SYN at least
     * {@code tcp_model_timeout(tcp_syn_retries, TCP_TIMEOUT_INIT)}, whichever comes first. The
     * SYNs are sent {@link #synRetransmitGapNanos} apart. 6 and 4 (6.5+): 131 s after 11 SYNs; 6 and
     * 0: 127 s after 7; 3 and 4: 19 s after 8; 2 and 4: 7 s after 6 (the time limit ends it first).
     * A real kernel fires each timer late by up to an eighth of its length (the timer wheel's
     * granularity, kernel/time/timer.c), so measured times are a few percent longer.
     */
    public long synGiveUpNanos() {
        final long limit = linuxRetransmitTimeout(synRetries, rtoInitialNanos, rtoMaxNanos);
        long t = 0;
        for (int k = 0;; k++) { // k retransmissions so far; a timer fires at t
            t += synRetransmitGapNanos(k);
            if (k >= synRetries + synLinearTimeouts || t >= limit) {
                return t;
            }
        }
    }

    /**
     * The retransmission timeout after {@code k} SYN retransmissions: the initial RTO while
     * {@code k <= tcp_syn_linear_timeouts}, then doubling ({@code tcp_retransmit_timer()}: "Use
     * normal (exponential) backoff unless linear timeouts are activated"), at most {@code TCP_RTO_MAX}.
     */
    public long synRetransmitGapNanos(final int k) {
        final int doublings = Math.max(0, k - synLinearTimeouts);
        return doublings >= 40 ? rtoMaxNanos : Math.min(rtoMaxNanos, rtoInitialNanos << doublings);
    }
}
