package dev.ftpsim.core.conntrack;

import static dev.ftpsim.core.units.Units.NS_PER_S;

/**
 * A node's connection-tracking settings, named and defaulted like Linux's {@code
 * net.netfilter.nf_conntrack_*} sysctls (Documentation/networking/nf_conntrack-sysctl.rst; TCP
 * timeouts from {@code tcp_timeouts[]} in net/netfilter/nf_conntrack_proto_tcp.c). Times are
 * nanoseconds. Build one with {@link #linux()} and the {@code with...} methods.
 *
 * @param max {@code nf_conntrack_max}: entries before early drop and "table full" drops
 * @param buckets {@code nf_conntrack_buckets} (the {@code hashsize} module parameter): the hash
 *     chains that early drop scans (see {@link EarlyDropScan}), and the defaults derived from it
 * @param expectMax {@code nf_conntrack_expect_max}: pending expectations of all connections
 *     together; a helper's expectation beyond it fails ("nf_conntrack: expectation table full",
 *     {@code __nf_ct_expect_check} in net/netfilter/nf_conntrack_expect.c)
 * @param tcpTimeouts per {@link TcpCtState} ordinal, plus RETRANS and UNACK at the end
 * @param tcpLoose {@code nf_conntrack_tcp_loose} = 1: pick up connections seen mid-stream
 * @param tcpMaxRetrans {@code nf_conntrack_tcp_max_retrans} = 3
 * @param udpTimeout {@code nf_conntrack_udp_timeout} = 30 s
 * @param genericTimeout {@code nf_conntrack_generic_timeout} = 600 s, also for ICMP here
 * @param expectTimeout lifetime of an expectation a helper creates (the FTP helper's 5 min)
 * @param sweepInterval how often the expiry sweep runs (Linux's gc worker rescans within seconds)
 * @param synRetransmitRenews whether a retransmitted SYN renews an entry still in SYN_SENT: true
 *     on kernels without commit e15d4cdf27cb ("netfilter: conntrack: do not renew entry stuck in
 *     tcp SYN_SENT state", 5.14), false since (see {@code LinuxKernel#synRetransmitRenews})
 * @param gcEarlyDrop whether the periodic gc, after a "table full" drop and while the table is at
 *     95% of {@code max} or more, kills entries not assured and TCP entries closing (see
 *     {@link GcEarlyDrop}); kernels from 4.10 (see {@code LinuxKernel#gcEarlyDrop})
 * @param earlyDropScan which entries a new connection may evict from a full table (see
 *     {@link EarlyDropScan}; {@code LinuxKernel#earlyDropScan})
 * @param randomExpectPorts whether nf_nat_exp_find_port, when the announced port is taken, tries
 *     up to 128 random ports above it (commit adda60cc2bb0, "netfilter: nat: avoid long-running
 *     port range loop", 6.1) instead of the next ones up (see {@code LinuxKernel#randomExpectPorts})
 * @param replySynReopens whether a SYN from the reply side on a TIME_WAIT entry opens a new
 *     connection, the server now the client (commit e37ad9fd6360, "netfilter: conntrack: allow
 *     server to become a client in TW handling"; see {@code LinuxKernel#replySynReopens}), rather
 *     than being INVALID
 */
public record ConntrackConfig(int max, int buckets, int expectMax, long[] tcpTimeouts, boolean tcpLoose, int tcpMaxRetrans, long udpTimeout,
        long genericTimeout, long expectTimeout, long sweepInterval, boolean synRetransmitRenews, boolean gcEarlyDrop,
        EarlyDropScan earlyDropScan, boolean randomExpectPorts, boolean replySynReopens) {

    /** Index of the "too many retransmissions" timeout in {@link #tcpTimeouts}. */
    public static final int TIMEOUT_RETRANS = TcpCtState.values().length;
    /** Index of the "unacknowledged data" timeout in {@link #tcpTimeouts}. */
    public static final int TIMEOUT_UNACK = TIMEOUT_RETRANS + 1;

    public ConntrackConfig {
        if (max < 1 || max > Tuple2IntHashMap.MAX_VALUE) {
            throw new IllegalArgumentException("conntrack max must be 1.." + Tuple2IntHashMap.MAX_VALUE + ", got " + max);
        }
        if (buckets < 1 || expectMax < 1) {
            throw new IllegalArgumentException("conntrack buckets and expect-max must be at least 1");
        }
        if (earlyDropScan == null) {
            throw new IllegalArgumentException("conntrack needs an early drop scan");
        }
        tcpTimeouts = tcpTimeouts.clone();
    }

    /**
     * Linux's defaults (6.12 on a 64-bit machine with more than 4 GiB: 262144 buckets, as many
     * entries, 4096 expectations; see {@code LinuxKernel} for other versions).
     */
    public static ConntrackConfig linux() {
        final long[] t = new long[TIMEOUT_UNACK + 1];
        t[TcpCtState.NONE.ordinal()] = 0;
        t[TcpCtState.SYN_SENT.ordinal()] = 120 * NS_PER_S;
        t[TcpCtState.SYN_RECV.ordinal()] = 60 * NS_PER_S;
        t[TcpCtState.ESTABLISHED.ordinal()] = 5 * 24 * 3600 * NS_PER_S;
        t[TcpCtState.FIN_WAIT.ordinal()] = 120 * NS_PER_S;
        t[TcpCtState.CLOSE_WAIT.ordinal()] = 60 * NS_PER_S;
        t[TcpCtState.LAST_ACK.ordinal()] = 30 * NS_PER_S;
        t[TcpCtState.TIME_WAIT.ordinal()] = 120 * NS_PER_S;
        t[TcpCtState.CLOSE.ordinal()] = 10 * NS_PER_S;
        t[TcpCtState.SYN_SENT2.ordinal()] = 120 * NS_PER_S;
        t[TIMEOUT_RETRANS] = 300 * NS_PER_S;
        t[TIMEOUT_UNACK] = 300 * NS_PER_S;
        return new ConntrackConfig(262_144, 262_144, 4096, t, true, 3, 30 * NS_PER_S,
                600 * NS_PER_S, 300 * NS_PER_S, NS_PER_S, false, true, EarlyDropScan.BUCKETS, true, true);
    }

    public long tcpTimeout(final TcpCtState s) {
        return tcpTimeouts[s.ordinal()];
    }

    public ConntrackConfig withMax(final int newMax) {
        return new ConntrackConfig(newMax, buckets, expectMax, tcpTimeouts, tcpLoose, tcpMaxRetrans, udpTimeout,
                genericTimeout, expectTimeout, sweepInterval, synRetransmitRenews, gcEarlyDrop, earlyDropScan, randomExpectPorts, replySynReopens);
    }

    /** Sets one TCP state's timeout, like {@code nf_conntrack_tcp_timeout_established}. */
    public ConntrackConfig withTcpTimeout(final TcpCtState s, final long nanos) {
        if (nanos <= 0) {
            throw new IllegalArgumentException("a conntrack timeout must be positive");
        }
        final long[] t = tcpTimeouts.clone();
        t[s.ordinal()] = nanos;
        return new ConntrackConfig(max, buckets, expectMax, t, tcpLoose, tcpMaxRetrans, udpTimeout,
                genericTimeout, expectTimeout, sweepInterval, synRetransmitRenews, gcEarlyDrop, earlyDropScan, randomExpectPorts, replySynReopens);
    }

    /** The hash size and the expectation limit ({@code nf_conntrack_buckets}, {@code nf_conntrack_expect_max}). */
    public ConntrackConfig withSizes(final int newBuckets, final int newExpectMax) {
        return new ConntrackConfig(max, newBuckets, newExpectMax, tcpTimeouts, tcpLoose, tcpMaxRetrans, udpTimeout,
                genericTimeout, expectTimeout, sweepInterval, synRetransmitRenews, gcEarlyDrop, earlyDropScan, randomExpectPorts, replySynReopens);
    }

    public ConntrackConfig withTcpLoose(final boolean loose) {
        return new ConntrackConfig(max, buckets, expectMax, tcpTimeouts, loose, tcpMaxRetrans, udpTimeout,
                genericTimeout, expectTimeout, sweepInterval, synRetransmitRenews, gcEarlyDrop, earlyDropScan, randomExpectPorts, replySynReopens);
    }

    /** Whether a retransmitted SYN renews a SYN_SENT entry's timeout (kernels before the 5.14 change). */
    public ConntrackConfig withSynRetransmitRenews(final boolean renews) {
        return new ConntrackConfig(max, buckets, expectMax, tcpTimeouts, tcpLoose, tcpMaxRetrans, udpTimeout,
                genericTimeout, expectTimeout, sweepInterval, renews, gcEarlyDrop, earlyDropScan, randomExpectPorts, replySynReopens);
    }

    /** Which entries a new connection may evict from a full table (see {@link EarlyDropScan}). */
    public ConntrackConfig withEarlyDropScan(final EarlyDropScan scan) {
        return new ConntrackConfig(max, buckets, expectMax, tcpTimeouts, tcpLoose, tcpMaxRetrans, udpTimeout,
                genericTimeout, expectTimeout, sweepInterval, synRetransmitRenews, gcEarlyDrop, scan, randomExpectPorts, replySynReopens);
    }

    /** Whether the gc worker early-drops (kernels from 4.10, see {@link GcEarlyDrop}). */
    public ConntrackConfig withGcEarlyDrop(final boolean on) {
        return new ConntrackConfig(max, buckets, expectMax, tcpTimeouts, tcpLoose, tcpMaxRetrans, udpTimeout,
                genericTimeout, expectTimeout, sweepInterval, synRetransmitRenews, on, earlyDropScan, randomExpectPorts, replySynReopens);
    }

    /** Whether a NAT helper's clashing port is replaced at random (kernels from 6.1, see {@code LinuxKernel}). */
    public ConntrackConfig withRandomExpectPorts(final boolean on) {
        return new ConntrackConfig(max, buckets, expectMax, tcpTimeouts, tcpLoose, tcpMaxRetrans, udpTimeout,
                genericTimeout, expectTimeout, sweepInterval, synRetransmitRenews, gcEarlyDrop, earlyDropScan, on, replySynReopens);
    }

    /** Whether a reply-side SYN on a TIME_WAIT entry opens a new connection (kernels from 4.4, see {@code LinuxKernel}). */
    public ConntrackConfig withReplySynReopens(final boolean on) {
        return new ConntrackConfig(max, buckets, expectMax, tcpTimeouts, tcpLoose, tcpMaxRetrans, udpTimeout,
                genericTimeout, expectTimeout, sweepInterval, synRetransmitRenews, gcEarlyDrop, earlyDropScan, randomExpectPorts, on);
    }
}
