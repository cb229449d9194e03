package dev.ftpsim.core.pcap;

import dev.ftpsim.core.net.Ipv6Addresses;
import dev.ftpsim.core.net.Packet;

/**
 * Serialises a {@link Packet} into real IPv4 + TCP/ICMP bytes with correct checksums (RFC 791,
 * RFC 9293 3.1, RFC 792), or IPv6 + TCP/ICMPv6 (RFC 8200 section 3 and 8.1's pseudo-header,
 * RFC 4443). Bulk payload is written as zeros, which add nothing to a checksum.
 */
public final class PacketBytes {
    private PacketBytes() {}

    /**
     * Writes up to {@code limit} bytes of the datagram into {@code buf}; returns how many were
     * written. Checksums always cover the whole datagram.
     */
    public static int write(final Packet p, final byte[] buf, final int limit) {
        return write(p, null, buf, limit);
    }

    /**
     * {@link #write(Packet, byte[], int)} for either family: {@code a} resolves an IPv6 packet's
     * address ids (unused for IPv4).
     */
    public static int write(final Packet p, final Ipv6Addresses a, final byte[] buf, final int limit) {
        final int total = p.totalLength();
        final int n = Math.min(total, limit);
        final byte[] b = buf.length >= total ? buf : new byte[total];
        java.util.Arrays.fill(b, 0, total, (byte) 0);
        if (p.isV6()) {
            write6(p, a, b, total);
        } else {
            write4(p, b, total);
        }
        if (b != buf) {
            System.arraycopy(b, 0, buf, 0, n);
        }
        return n;
    }

    private static void write4(final Packet p, final byte[] b, final int total) {
        ipHeader(b, 0, total, p.id, p.df, p.ttl, p.protocol, p.src, p.dst);
        final int t = Packet.IP_HEADER;
        if (p.protocol == Packet.PROTO_TCP) {
            // Pseudo-header: source, destination, zero, protocol, TCP length.
            final long pseudo = (p.src >>> 16) + (p.src & 0xFFFF) + (p.dst >>> 16) + (p.dst & 0xFFFF) + Packet.PROTO_TCP
                    + (total - t);
            tcp(p, b, t, total, pseudo);
        } else {
            b[t] = (byte) p.icmpType;
            b[t + 1] = (byte) p.icmpCode;
            put16(b, t + 6, p.icmpMtu); // "Next-Hop MTU" of a fragmentation needed (RFC 1191 4)
            final int q = t + 8;
            ipHeader(b, q, p.qTotalLength, p.qId, p.qProtocol == Packet.PROTO_TCP, p.qTtl, p.qProtocol, p.qSrc, p.qDst);
            put16(b, q + 20, p.qSport);
            put16(b, q + 22, p.qDport);
            put32(b, q + 24, p.qSeq);
            put16(b, t + 2, fold(sum(b, t, total - t, 0)));
        }
    }

    private static void write6(final Packet p, final Ipv6Addresses a, final byte[] b, final int total) {
        ip6Header(b, 0, total, p.ttl, p.protocol, a, p.src, p.dst);
        final int t = Packet.IP6_HEADER;
        // Pseudo-header (RFC 8200 8.1): source, destination, upper-layer length, next header.
        final long pseudo = sum(b, 8, 32, 0) + (total - t) + p.protocol;
        if (p.protocol == Packet.PROTO_TCP) {
            tcp(p, b, t, total, pseudo);
        } else {
            b[t] = (byte) p.icmpType;
            b[t + 1] = (byte) p.icmpCode;
            put32(b, t + 4, p.icmpMtu); // the MTU of a packet too big (RFC 4443 3.2)
            final int q = t + 8;
            ip6Header(b, q, p.qTotalLength, p.qTtl, p.qProtocol, a, p.qSrc, p.qDst);
            put16(b, q + 40, p.qSport);
            put16(b, q + 42, p.qDport);
            put32(b, q + 44, p.qSeq);
            put16(b, t + 2, fold(sum(b, t, total - t, pseudo)));
        }
    }

    /** TCP header, options and payload at {@code t}, checksummed over {@code pseudo} and the segment. */
    private static void tcp(final Packet p, final byte[] b, final int t, final int total, final long pseudo) {
        final int hl = p.transportHeaderLength();
        put16(b, t, p.sport);
        put16(b, t + 2, p.dport);
        put32(b, t + 4, p.seq);
        put32(b, t + 8, p.has(Packet.ACK) ? p.ack : 0);
        b[t + 12] = (byte) ((hl / 4) << 4);
        b[t + 13] = (byte) p.flags;
        put16(b, t + 14, p.window);
        int o = t + Packet.TCP_HEADER;
        if (p.mssOption != 0) {
            b[o] = 2;
            b[o + 1] = 4;
            put16(b, o + 2, p.mssOption);
            o += 4;
        }
        if (p.wscaleOption >= 0) {
            b[o] = 1; // NOP, so the option ends on a 32-bit boundary
            b[o + 1] = 3;
            b[o + 2] = 3;
            b[o + 3] = (byte) p.wscaleOption;
            o += 4;
        }
        if (p.data != null) {
            System.arraycopy(p.data, 0, b, t + hl, p.payloadLength);
        }
        put16(b, t + 16, fold(sum(b, t, total - t, pseudo)));
    }

    /** The fixed IPv6 header (traffic class and flow label 0), {@code total} bytes with it. */
    private static void ip6Header(final byte[] b, final int o, final int total, final int hopLimit, final int next,
            final Ipv6Addresses a, final int src, final int dst) {
        b[o] = 0x60;
        put16(b, o + 4, total - Packet.IP6_HEADER);
        b[o + 6] = (byte) next;
        b[o + 7] = (byte) hopLimit;
        put64(b, o + 8, a.hi(src));
        put64(b, o + 16, a.lo(src));
        put64(b, o + 24, a.hi(dst));
        put64(b, o + 32, a.lo(dst));
    }

    static void put64(final byte[] b, final int o, final long v) {
        put32(b, o, (int) (v >>> 32));
        put32(b, o + 4, (int) v);
    }

    private static void ipHeader(final byte[] b, final int o, final int total, final int id, final boolean df,
            final int ttl, final int proto, final int src, final int dst) {
        b[o] = 0x45;
        b[o + 1] = 0;
        put16(b, o + 2, total);
        put16(b, o + 4, id);
        put16(b, o + 6, df ? 0x4000 : 0);
        b[o + 8] = (byte) ttl;
        b[o + 9] = (byte) proto;
        b[o + 10] = 0;
        b[o + 11] = 0;
        put32(b, o + 12, src);
        put32(b, o + 16, dst);
        put16(b, o + 10, fold(sum(b, o, 20, 0)));
    }

    /** One's-complement sum of 16-bit words (RFC 1071), not yet folded. */
    static long sum(final byte[] b, final int off, final int len, long acc) {
        int i = off;
        final int end = off + len;
        for (; i + 1 < end; i += 2) {
            acc += ((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF);
        }
        if (i < end) {
            acc += (b[i] & 0xFF) << 8;
        }
        return acc;
    }

    static int fold(long s) {
        while ((s >>> 16) != 0) {
            s = (s & 0xFFFF) + (s >>> 16);
        }
        return (int) (~s & 0xFFFF);
    }

    /** Folds the sum of a header or segment including its checksum field: 0 when valid. */
    public static int verify(final byte[] b, final int off, final int len, final long pseudo) {
        return fold(sum(b, off, len, pseudo));
    }

    static void put16(final byte[] b, final int o, final int v) {
        b[o] = (byte) (v >>> 8);
        b[o + 1] = (byte) v;
    }

    static void put32(final byte[] b, final int o, final int v) {
        b[o] = (byte) (v >>> 24);
        b[o + 1] = (byte) (v >>> 16);
        b[o + 2] = (byte) (v >>> 8);
        b[o + 3] = (byte) v;
    }
}
