package dev.ftpsim.core.conntrack;

import static dev.ftpsim.core.units.Units.NS_PER_S;

/**
 * A node's connection-tracking settings, named and defaulted like Linux's {@code
 * net.netfilter.nf_conntrack_*} sysctls (Documentation/networking/nf_conntrack-sysctl.rst; TCP
 * timeouts from {@code tcp_timeouts[]} in net/netfilter/nf_conntrack_proto_tcp.c). Times are
 * nanoseconds. Build one with {@link #linux()} and the {@code with...} methods.
 *
 * @param max {@code nf_conntrack_max}: entries before early drop and "table full" drops
 * @param tcpTimeouts per {@link TcpCtState} ordinal, plus RETRANS and UNACK at the end
 * @param tcpLoose {@code nf_conntrack_tcp_loose} = 1: pick up connections seen mid-stream
 * @param tcpMaxRetrans {@code nf_conntrack_tcp_max_retrans} = 3
 * @param udpTimeout {@code nf_conntrack_udp_timeout} = 30 s
 * @param genericTimeout {@code nf_conntrack_generic_timeout} = 600 s, also for ICMP here
 * @param expectTimeout lifetime of an expectation a helper creates (the FTP helper's 5 min)
 * @param sweepInterval how often the expiry sweep runs (Linux's gc worker rescans within seconds)
 */
public record ConntrackConfig(int max, long[] tcpTimeouts, boolean tcpLoose, int tcpMaxRetrans, long udpTimeout,
        long genericTimeout, long expectTimeout, long sweepInterval) {

    /** Index of the "too many retransmissions" timeout in {@link #tcpTimeouts}. */
    public static final int TIMEOUT_RETRANS = TcpCtState.values().length;
    /** Index of the "unacknowledged data" timeout in {@link #tcpTimeouts}. */
    public static final int TIMEOUT_UNACK = TIMEOUT_RETRANS + 1;

    public ConntrackConfig {
        if (max < 1 || max > Tuple2IntHashMap.MAX_VALUE) {
            throw new IllegalArgumentException("conntrack max must be 1.." + Tuple2IntHashMap.MAX_VALUE + ", got " + max);
        }
        tcpTimeouts = tcpTimeouts.clone();
    }

    /** Linux's defaults. {@code nf_conntrack_max} depends on memory; 262144 is a common value. */
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
        return new ConntrackConfig(262_144, t, true, 3, 30 * NS_PER_S,
                600 * NS_PER_S, 300 * NS_PER_S, NS_PER_S);
    }

    public long tcpTimeout(final TcpCtState s) {
        return tcpTimeouts[s.ordinal()];
    }

    public ConntrackConfig withMax(final int newMax) {
        return new ConntrackConfig(newMax, tcpTimeouts, tcpLoose, tcpMaxRetrans, udpTimeout,
                genericTimeout, expectTimeout, sweepInterval);
    }

    /** Sets one TCP state's timeout, like {@code nf_conntrack_tcp_timeout_established}. */
    public ConntrackConfig withTcpTimeout(final TcpCtState s, final long nanos) {
        if (nanos <= 0) {
            throw new IllegalArgumentException("a conntrack timeout must be positive");
        }
        final long[] t = tcpTimeouts.clone();
        t[s.ordinal()] = nanos;
        return new ConntrackConfig(max, t, tcpLoose, tcpMaxRetrans, udpTimeout,
                genericTimeout, expectTimeout, sweepInterval);
    }

    public ConntrackConfig withTcpLoose(final boolean loose) {
        return new ConntrackConfig(max, tcpTimeouts, loose, tcpMaxRetrans, udpTimeout,
                genericTimeout, expectTimeout, sweepInterval);
    }
}
