package dev.ftpsim.core.conntrack;

import dev.ftpsim.core.net.Ipv4;

/**
 * Packs an IPv4 5-tuple into two primitive longs, the key of {@link Tuple2IntHashMap}.
 *
 * <p>{@code ips = srcIp << 32 | dstIp} (all 64 bits) and {@code ports = srcPort << 24 | dstPort << 8
 * | proto} (the low 40 bits). For ICMP the port fields carry what Linux puts there (echo id, type
 * and code); this class does not interpret them. No objects: a packet's tuple travels as two longs.
 */
public final class FiveTuple {
    /** IANA protocol numbers of the protocols conntrack tracks. */
    public static final int ICMP = 1;
    public static final int TCP = 6;
    public static final int UDP = 17;

    /** Bits of {@link #ports} in use; the table relies on the upper 24 being zero. */
    public static final int PORTS_BITS = 40;

    private FiveTuple() {
    }

    /** The address word of a tuple. */
    public static long ips(final int srcIp, final int dstIp) {
        return (long) srcIp << 32 | dstIp & 0xFFFF_FFFFL;
    }

    /**
     * The port and protocol word of a tuple.
     *
     * @throws IllegalArgumentException if a port is outside 0..65535 or proto outside 0..255
     */
    public static long ports(final int srcPort, final int dstPort, final int proto) {
        if (((srcPort | dstPort) & ~0xFFFF) != 0 || (proto & ~0xFF) != 0) {
            throw new IllegalArgumentException(
                "port or protocol out of range: " + srcPort + ", " + dstPort + ", " + proto);
        }
        return (long) srcPort << 24 | (long) dstPort << 8 | proto;
    }

    /** The address word of the reply direction: source and destination swapped. */
    public static long replyIps(final long ips) {
        return Long.rotateLeft(ips, 32);
    }

    /** The port word of the reply direction: source and destination ports swapped. */
    public static long replyPorts(final long ports) {
        return (ports >>> 8 & 0xFFFF) << 24 | (ports >>> 24 & 0xFFFF) << 8 | ports & 0xFF;
    }

    public static int srcIp(final long ips) {
        return (int) (ips >>> 32);
    }

    public static int dstIp(final long ips) {
        return (int) ips;
    }

    public static int srcPort(final long ports) {
        return (int) (ports >>> 24) & 0xFFFF;
    }

    public static int dstPort(final long ports) {
        return (int) (ports >>> 8) & 0xFFFF;
    }

    public static int proto(final long ports) {
        return (int) ports & 0xFF;
    }

    /** {@code tcp 10.0.0.1:1024 -> 192.0.2.7:21}; for logs and test messages only. */
    public static String toString(final long ips, final long ports) {
        final int p = proto(ports);
        final String name = p == TCP ? "tcp" : p == UDP ? "udp" : p == ICMP ? "icmp" : "proto " + p;
        return name + ' ' + Ipv4.format(srcIp(ips)) + ':' + srcPort(ports)
            + " -> " + Ipv4.format(dstIp(ips)) + ':' + dstPort(ports);
    }
}
