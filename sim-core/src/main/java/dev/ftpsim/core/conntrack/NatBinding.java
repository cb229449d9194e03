package dev.ftpsim.core.conntrack;

import dev.ftpsim.core.net.Packet;

/**
 * How a new connection's NAT binding is chosen (net/netfilter/nf_nat_core.c: get_unique_tuple and
 * nf_nat_l4proto_unique_tuple): the reply tuple a source or destination translation gives it.
 */
final class NatBinding {
    private NatBinding() { }

    /**
     * Binds the new connection's destination to {@code addr} and a port of {@code [lo, hi]} (-1: keep
     * it) as get_unique_tuple does (net/netfilter/nf_nat_core.c): the original port when it is in the
     * range and the range is one port or the tuple stays unique; else nf_nat_l4proto_unique_tuple's
     * search, which for a destination starts at the range's lowest port (offset 0) unless the random
     * flags gave {@code randomOffset} (then the original port is not kept either).
     */
    static void dnat(final Conntrack ct, final ConnEntry e, final int addr, final int lo, final int hi,
            final int randomOffset) {
        final int origPort = FiveTuple.dstPort(e.origPorts);
        int newPort = origPort;
        if (lo >= 0) {
            final long ips = FiveTuple.ips(addr, FiveTuple.dstIp(e.replyIps));
            final int rdport = FiveTuple.dstPort(e.replyPorts);
            final boolean inRange = origPort >= lo && origPort <= hi;
            if (!(randomOffset < 0 && inRange && (lo == hi || free(ct, ips, FiveTuple.ports(origPort, rdport, e.proto))))) {
                final int size = hi - lo + 1;
                final int start = randomOffset < 0 ? 0 : randomOffset % size;
                newPort = lo + start;
                for (int i = 0; i < size; i++) {
                    final int port = lo + (start + i) % size;
                    if (free(ct, ips, FiveTuple.ports(port, rdport, e.proto))) {
                        newPort = port;
                        break;
                    }
                }
            }
        }
        e.replyIps = FiveTuple.ips(addr, FiveTuple.dstIp(e.replyIps));
        e.replyPorts = FiveTuple.ports(newPort, FiveTuple.dstPort(e.replyPorts), e.proto);
        e.status |= ConnEntry.DST_NAT;
    }

    /**
     * Binds the new connection's source to {@code addr}, keeping the source port if that leaves
     * the reply tuple unique, else choosing one in {@code [lo, hi]} (or, without a range, in the
     * original port's class: 1-511, 600-1023 or 1024-65535, as {@code nf_nat_l4proto_unique_tuple});
     * false if every port of the range is taken (the packet is dropped and counted). With the random or fully-random flags
     * ({@code randomOffset} at least 0, NF_NAT_RANGE_PROTO_RANDOM_ALL) the source port is not kept
     * and the search starts at that offset, as nf_nat_l4proto_unique_tuple draws one.
     */
    static boolean snat(final Conntrack ct, final ConnEntry e, final int addr, int lo, int hi,
            final int randomOffset) {
        final int origPort = FiveTuple.srcPort(e.origPorts);
        final long replyIps = FiveTuple.ips(FiveTuple.srcIp(e.replyIps), addr);
        final int rsport = FiveTuple.srcPort(e.replyPorts);
        final boolean ranged = lo >= 0;
        if (!ranged) {
            if (origPort < 512) {
                lo = 1;
                hi = 511;
            } else if (origPort < 1024) {
                lo = 600;
                hi = 1023;
            } else {
                lo = 1024;
                hi = 65535;
            }
        }
        if (e.proto == Packet.PROTO_ICMP) {
            bindSnat(e, replyIps, origPort);
            return true;
        }
        if (randomOffset < 0 && origPort >= lo && origPort <= hi
                && free(ct, replyIps, FiveTuple.ports(rsport, origPort, e.proto))) {
            bindSnat(e, replyIps, origPort);
            return true;
        }
        final int size = hi - lo + 1;
        // A start offset from the tuple, so allocations spread but repeat run to run.
        final int start = randomOffset >= 0 ? randomOffset % size
                : (int) Long.remainderUnsigned(dev.ftpsim.core.kernel.SplitMix64.mix(e.origIps ^ e.origPorts * 31), size);
        for (int i = 0; i < size; i++) {
            final int port = lo + (start + i) % size;
            if (free(ct, replyIps, FiveTuple.ports(rsport, port, e.proto))) {
                bindSnat(e, replyIps, port);
                return true;
            }
        }
        ct.stats().natExhausted++;
        return false;
    }

    private static boolean free(final Conntrack ct, final long ips, final long ports) {
        return ct.lookup(ips, ports) == null;
    }

    private static void bindSnat(final ConnEntry e, final long replyIps, final int port) {
        e.replyIps = replyIps;
        e.replyPorts = FiveTuple.ports(FiveTuple.srcPort(e.replyPorts), port, e.proto);
        e.status |= ConnEntry.SRC_NAT;
    }

    /** The destination rewrite of {@link Conntrack#natDestination}. */
    static void rewriteDestination(final Packet p) {
        if (!(p.ct instanceof ConnEntry e) || (e.status & (ConnEntry.SRC_NAT | ConnEntry.DST_NAT)) == 0) {
            return;
        }
        final boolean orig = p.ctDir == 0;
        final int ip = FiveTuple.srcIp(orig ? e.replyIps : e.origIps);
        final int port = FiveTuple.srcPort(orig ? e.replyPorts : e.origPorts);
        if (p.protocol == Packet.PROTO_ICMP || p.protocol == Packet.PROTO_ICMPV6) {
            p.dst = ip;
            p.qSrc = ip;
            p.qSport = port;
            return;
        }
        p.dst = ip;
        p.dport = port;
    }

    /** The source rewrite of {@link Conntrack#natSource}. */
    static void rewriteSource(final Packet p) {
        if (!(p.ct instanceof ConnEntry e) || (e.status & (ConnEntry.SRC_NAT | ConnEntry.DST_NAT)) == 0) {
            return;
        }
        final boolean orig = p.ctDir == 0;
        final int ip = FiveTuple.dstIp(orig ? e.replyIps : e.origIps);
        final int port = FiveTuple.dstPort(orig ? e.replyPorts : e.origPorts);
        if (p.protocol == Packet.PROTO_ICMP || p.protocol == Packet.PROTO_ICMPV6) {
            if (p.src == p.qDst) {
                p.src = ip;
            }
            p.qDst = ip;
            p.qDport = port;
            return;
        }
        p.src = ip;
        p.sport = port;
    }
}
