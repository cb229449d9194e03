package dev.ftpsim.core.net;

/**
 * One IPv4 or IPv6 datagram carrying TCP, ICMP or ICMPv6: header fields as primitives, and a payload that is either
 * real bytes ({@link #data}, control traffic) or only a length (bulk data: no array).
 *
 * <p>An IPv6 packet carries the ids of its addresses in {@link #src} and {@link #dst} (see
 * {@link Ipv6}): it is IPv6 exactly when they are ids, so it needs no field of its own, and TTL
 * stands for the hop limit. Its bits are in the network's {@link Ipv6Addresses}.
 *
 * <p>Packets are mutable and recycled through a {@link PacketPool}: whoever ends a packet's life
 * (a drop, the receiving stack) releases it. Holders must not keep a reference after that; a
 * payload array handed to an application is safe, since release only drops the reference.
 */
public final class Packet {
    public static final int PROTO_ICMP = 1;
    public static final int PROTO_TCP = 6;
    public static final int PROTO_ICMPV6 = 58;

    public static final int IP_HEADER = 20;
    public static final int TCP_HEADER = 20;
    /** ICMP error: 8-byte ICMP header, then the offending IP header and its first 8 bytes (RFC 792). */
    public static final int ICMP_ERROR_LENGTH = 8 + IP_HEADER + 8;
    /** Fixed IPv6 header (RFC 8200 section 3); ftpsim sends no extension headers. */
    public static final int IP6_HEADER = 40;
    /**
     * ICMPv6 error as ftpsim builds it: the offending IPv6 header and its first 8 bytes, like the
     * IPv4 one (RFC 4443 asks for as much as fits 1280 bytes; the rest carries nothing ftpsim reads).
     */
    public static final int ICMP6_ERROR_LENGTH = 8 + IP6_HEADER + 8;

    // TCP flags (RFC 9293 section 3.1).
    public static final int FIN = 0x01;
    public static final int SYN = 0x02;
    public static final int RST = 0x04;
    public static final int PSH = 0x08;
    public static final int ACK = 0x10;

    // ICMP (RFC 792, RFC 1812).
    public static final int ICMP_DEST_UNREACHABLE = 3;
    public static final int ICMP_TIME_EXCEEDED = 11;
    public static final int CODE_NET_UNREACHABLE = 0;
    /** ICMP destination unreachable, fragmentation needed and DF set (RFC 792, RFC 1191). */
    public static final int CODE_FRAG_NEEDED = 4;
    public static final int CODE_HOST_UNREACHABLE = 1;
    public static final int CODE_PROTOCOL_UNREACHABLE = 2;
    public static final int CODE_PORT_UNREACHABLE = 3;
    public static final int CODE_NET_PROHIBITED = 9;
    public static final int CODE_HOST_PROHIBITED = 10;
    /** RFC 1812: "Communication Administratively Prohibited". */
    public static final int CODE_ADMIN_PROHIBITED = 13;

    // ICMPv6 (RFC 4443 section 3).
    public static final int ICMP6_DEST_UNREACHABLE = 1;
    /** ICMPv6 packet too big (RFC 4443 3.2). */
    public static final int ICMP6_PACKET_TOO_BIG = 2;
    public static final int ICMP6_TIME_EXCEEDED = 3;
    public static final int ICMP6_PARAM_PROBLEM = 4;
    public static final int CODE6_NO_ROUTE = 0;
    public static final int CODE6_ADMIN_PROHIBITED = 1;
    public static final int CODE6_ADDR_UNREACHABLE = 3;
    public static final int CODE6_PORT_UNREACHABLE = 4;
    public static final int CODE6_POLICY_FAIL = 5;
    public static final int CODE6_REJECT_ROUTE = 6;
    /** Parameter problem: "unrecognized Next Header type encountered". */
    public static final int CODE6_UNKNOWN_NEXT_HEADER = 1;

    // IPv4
    public int src;
    public int dst;
    public int ttl;
    public int protocol;
    /** IP identification, 16 bits. */
    public int id;
    /** Don't Fragment: Linux sets it on TCP (path MTU discovery). */
    public boolean df;

    // TCP
    public int sport;
    public int dport;
    public int seq;
    public int ack;
    public int flags;
    /** Window field as sent (already shifted by the sender's window scale). */
    public int window;
    /** MSS option value, 0 when absent. */
    public int mssOption;
    /** Window scale option shift, -1 when absent. */
    public int wscaleOption = -1;

    // ICMP
    public int icmpType;
    public int icmpCode;
    /** The next-hop MTU of an ICMP fragmentation needed or ICMPv6 packet too big (RFC 1191, RFC 4443 3.2). */
    public int icmpMtu;
    /** Header of the offending datagram quoted by an ICMP error. */
    public int qSrc;
    public int qDst;
    public int qProtocol;
    public int qTtl;
    public int qId;
    public int qTotalLength;
    public int qSport;
    public int qDport;
    public int qSeq;

    // Payload
    /** Real payload bytes, or null for bulk data (zeros on a capture). */
    public byte[] data;
    /** Payload length in bytes, with or without {@link #data}. */
    public int payloadLength;

    // Connection tracking of the node the packet is crossing (Linux's skb->_nfct): set by its
    // conntrack at PREROUTING/OUTPUT, read by its rules, helpers and NAT.
    /** The tracked connection, or null (untracked, invalid, or no conntrack on this node). */
    public Object ct;
    /** 0 original direction, 1 reply. */
    public int ctDir;
    /** A bit of {@code dev.ftpsim.core.conntrack.CtState}: NEW, ESTABLISHED, RELATED, INVALID, UNTRACKED. */
    public int ctInfo;
    /** The packet mark of the node it is crossing (skb->mark): {@code meta mark}; 0 when it enters a node. */
    public int mark;
    /** Set by a {@code notrack} rule before conntrack: the packet stays untracked. */
    public boolean notrack;
    /**
     * The connection of the packet an ICMP error quotes, or a reject's reset answers, which the
     * sending node's conntrack takes for this packet's own (RELATED, reply direction) instead of
     * looking it up: Linux's icmp_glue_bits (net/ipv4/icmp.c) and nf_send_reset (nf_reject_ipv4.c)
     * call nf_ct_attach, so the answer to a SYN a firewall rejects (its connection not yet
     * confirmed, in no table) is RELATED at OUTPUT, not INVALID. Null otherwise.
     */
    public Object ctAttach;
    /** The direction {@link #ctAttach} is in for this packet (the offending packet's other one). */
    public int ctAttachDir;
    /**
     * The owner of the sending socket (skb->sk: {@code meta skuid}/{@code skgid}, xt_owner), -1 when the
     * packet has none: set by the host's TCP for what its processes send, gone once it leaves the host.
     */
    public int skUid = -1;
    /** The sending socket's group, -1 when none. */
    public int skGid = -1;
    /**
     * The socket charged with this packet until it leaves its host ({@link TxOwner}), or null; never
     * copied, cleared by {@link #release()}.
     */
    public TxOwner owner;

    // Link layer, only on a switch's segment (see Switch): null on point-to-point links.
    /** The address the route chose as next hop (the gateway, or the destination on a connected subnet). */
    public int nextHop;
    /** The sending station (its interface stands for its MAC address). */
    public NetInterface l2src;
    /** The receiving station, resolved from {@link #nextHop} on the segment. */
    public NetInterface l2dst;
    /**
     * Set by a bridge with br_netfilter on a frame for its own IP stack that already ran the IP
     * prerouting hook in the bridge (br_nf_pre_routing); the stack does not run it again.
     */
    boolean bridgePrerouted;

    /** Free-list link of the pool; also usable by one queue at a time. */
    Packet nextFree;
    boolean pooled;
    /** Propagating on a link towards the interface its event names (see {@link NetInterface#handle}). */
    boolean onWire;

    /** Bytes of TCP options: MSS (4) and window scale padded with a NOP (4). */
    public int tcpOptionsLength() {
        return (mssOption != 0 ? 4 : 0) + (wscaleOption >= 0 ? 4 : 0);
    }

    /** Whether this is an IPv6 packet (its addresses are {@link Ipv6} ids). */
    public boolean isV6() {
        return Ipv6.isId(dst);
    }

    public int transportHeaderLength() {
        return protocol == PROTO_TCP ? TCP_HEADER + tcpOptionsLength() : isV6() ? ICMP6_ERROR_LENGTH : ICMP_ERROR_LENGTH;
    }

    /** Bytes on the wire: IPv4 total length, or the IPv6 header plus its payload length. */
    public int totalLength() {
        return (isV6() ? IP6_HEADER : IP_HEADER) + transportHeaderLength() + payloadLength;
    }

    /** Whether this is an ICMP or ICMPv6 error (which must never be answered by another). */
    public boolean isIcmpError() {
        return protocol == PROTO_ICMP || protocol == PROTO_ICMPV6 && icmpType < 128;
    }

    public boolean has(final int flag) {
        return (flags & flag) != 0;
    }

    /** Clears every field. */
    public void reset() {
        release();
        src = dst = ttl = protocol = id = 0;
        df = false;
        sport = dport = seq = ack = flags = window = mssOption = 0;
        wscaleOption = -1;
        icmpType = icmpCode = icmpMtu = 0;
        qSrc = qDst = qProtocol = qTtl = qId = qTotalLength = qSport = qDport = qSeq = 0;
        data = null;
        payloadLength = 0;
        ct = null;
        ctDir = 0;
        ctInfo = 0;
        mark = 0;
        notrack = false;
        ctAttach = null;
        ctAttachDir = 0;
        skUid = skGid = -1;
        nextHop = 0;
        l2src = l2dst = null;
        bridgePrerouted = false;
        onWire = false;
    }

    /** Gives the packet's charge back to its socket, once ({@link TxOwner#released}). */
    public void release() {
        final TxOwner o = owner;
        if (o != null) {
            owner = null;
            o.released(this);
        }
    }

    /** Copies every field but {@link #owner} (sharing the payload array, which is never written after sending). */
    public void copyFrom(final Packet o) {
        src = o.src; dst = o.dst; ttl = o.ttl; protocol = o.protocol; id = o.id; df = o.df;
        sport = o.sport; dport = o.dport; seq = o.seq; ack = o.ack; flags = o.flags; window = o.window;
        mssOption = o.mssOption; wscaleOption = o.wscaleOption;
        icmpType = o.icmpType; icmpCode = o.icmpCode; icmpMtu = o.icmpMtu;
        qSrc = o.qSrc; qDst = o.qDst; qProtocol = o.qProtocol; qTtl = o.qTtl; qId = o.qId;
        qTotalLength = o.qTotalLength; qSport = o.qSport; qDport = o.qDport; qSeq = o.qSeq;
        data = o.data; payloadLength = o.payloadLength;
        ct = o.ct; ctDir = o.ctDir; ctInfo = o.ctInfo; mark = o.mark; notrack = o.notrack;
        ctAttach = o.ctAttach; ctAttachDir = o.ctAttachDir;
        skUid = o.skUid; skGid = o.skGid;
        nextHop = o.nextHop; l2src = o.l2src; l2dst = o.l2dst; bridgePrerouted = o.bridgePrerouted;
    }

    public static String flagString(final int flags) {
        final StringBuilder b = new StringBuilder(6);
        if ((flags & SYN) != 0) b.append('S');
        if ((flags & FIN) != 0) b.append('F');
        if ((flags & RST) != 0) b.append('R');
        if ((flags & PSH) != 0) b.append('P');
        if ((flags & ACK) != 0) b.append('.');
        return b.toString();
    }

    /** tcpdump-like one-liner, for tests and debugging. */
    @Override
    public String toString() {
        if (protocol == PROTO_TCP) {
            return Ipv4.format(src) + ":" + sport + " > " + Ipv4.format(dst) + ":" + dport + " [" + flagString(flags)
                    + "] seq " + Integer.toUnsignedString(seq) + " ack " + Integer.toUnsignedString(ack) + " win "
                    + window + " len " + payloadLength
                    + (mssOption != 0 ? " mss " + mssOption : "") + (wscaleOption >= 0 ? " ws " + wscaleOption : "");
        }
        return Ipv4.format(src) + " > " + Ipv4.format(dst) + " icmp type " + icmpType + " code " + icmpCode
                + " about " + Ipv4.format(qSrc) + ":" + qSport + " > " + Ipv4.format(qDst) + ":" + qDport;
    }
}
