package dev.ftpsim.core.rules.vm;

import dev.ftpsim.core.conntrack.ConnEntry;
import dev.ftpsim.core.conntrack.CtState;
import dev.ftpsim.core.net.Packet;
import dev.ftpsim.core.rules.Field;

/**
 * The fields a rule can load, by id ({@link Field#ordinal()}), and what each needs: the transport
 * protocol its header implies and the family its network header implies (ip fields IPv4, ip6
 * fields IPv6: nft's implicit {@code meta nfproto} dependency in inet tables). A field ftpsim
 * does not model has no loader and the compiler refuses it at its position.
 */
final class Loads {
    /** Guard: a transport header with ports (nft's {@code th}). */
    static final int TCP_OR_UDP = 1000;
    /** Guard: no packet ever passes (a field whose matches ftpsim cannot evaluate in this form). */
    static final int NEVER = -1;
    /**
     * Guard bit: the packet must come from a socket of this host ({@code meta skuid}/{@code skgid}):
     * nft_meta_get_eval breaks the rule when skb->sk is NULL, as for every forwarded packet.
     */
    static final int SOCKET = 1 << 22;
    /** Guard bit: an IPv4 packet only (ip fields). */
    static final int V4 = 1 << 20;
    /** Guard bit: an IPv6 packet only (ip6 fields). */
    static final int V6 = 1 << 21;
    static final int FAMILY = V4 | V6;

    /** Field ids from here on are fib lookups: {@code FIB + flags * 4 + result} (type, oif, oifname, check). */
    static final int FIB = 1 << 16;
    /** Field ids from here on (below {@link #JHASH}) are numgen expressions, by index. */
    static final int NUMGEN = 1 << 15;
    /** Field ids from here on (below {@link #FIB}) are jhash expressions, by index. */
    static final int JHASH = NUMGEN + 4096;
    /**
     * Field ids from here on are the 64-bit words of an IPv6 address in a set key or concatenation:
     * {@code IP6 + 2 * daddr + low}; each word has its sign bit flipped ({@link #word6}), so that the
     * machine's signed interval comparisons order the words as unsigned numbers.
     */
    static final int IP6 = 1 << 17;

    /** A word of an IPv6 address as keys hold it: unsigned order kept under signed comparison. */
    static long word6(final long word) {
        return word ^ Long.MIN_VALUE;
    }

    private Loads() { }

    /**
     * Whether the compiler has a loader for the field; ether fields only in a bridge table, where a
     * switch's frames carry their stations' (synthetic) Ethernet addresses.
     */
    static boolean modelled(final Field f, final boolean bridge) {
        switch (f) {
            case ETHER_SADDR: case ETHER_DADDR: case ETHER_TYPE_FIELD:
                return bridge;
            case VLAN_ID:
            case META_PRIORITY: case META_NFTRACE: case RT_MTU: case RT_NEXTHOP:
            case TCP_SEQUENCE:
                return false;
            default:
                return true;
        }
    }

    /** The protocol a field's header implies: 0 for none, a protocol number, {@link #TCP_OR_UDP}, {@link #NEVER}. */
    static int guard(final Field f) {
        if (f == Field.META_SKUID || f == Field.META_SKGID) {
            return SOCKET;
        }
        switch (f.proto()) {
            case "tcp": case "tcp option maxseg": return Packet.PROTO_TCP;
            case "udp": return 17;
            case "sctp": return 132;
            case "icmp": return Packet.PROTO_ICMP;
            case "th": return TCP_OR_UDP;
            case "ip": return V4;
            // ip6 addresses are 128 bits: read by Insn.CMP6/LOOKUP6, or in keys as two words (IP6);
            // never as one field.
            case "ip6": return f == Field.IP6_SADDR || f == Field.IP6_DADDR ? NEVER : V6;
            case "icmpv6": return Packet.PROTO_ICMPV6; // only IPv6 packets carry it
            case "rt": return f == Field.RT_TYPE ? NEVER : 0; // rt type: the IPv6 routing header
            default: return 0;
        }
    }

    /** Whether the field reads the connection (the firewall must track connections). */
    static boolean conntrack(final int field) {
        return field < NUMGEN && Field.values()[field].proto().startsWith("ct");
    }

    /** Whether packet {@code p} has the header the guard asks for. */
    static boolean has(final int g, final Packet p) {
        if (g == 0) {
            return true;
        }
        if (g < 0 || (g & SOCKET) != 0 && p.skUid < 0) {
            return false;
        }
        final int guard = g & ~SOCKET;
        if (guard == 0) {
            return true;
        }
        if ((guard & FAMILY) != 0 && ((guard & V6) != 0) != p.isV6()) {
            return false;
        }
        final int proto = guard & ~FAMILY;
        if (proto == 0) {
            return true;
        }
        if (proto == TCP_OR_UDP) {
            return p.protocol == Packet.PROTO_TCP || p.protocol == 17;
        }
        return proto == p.protocol;
    }

    private static final Field[] FIELDS = Field.values();

    /**
     * Loads a field. {@code inId}/{@code outId} are the interfaces' ids (0: none), {@code inType}/
     * {@code outType} their ARPHRD types, {@code helper} the id of the connection's helper type.
     */
    static long load(final int field, final Packet p, final int inId, final int outId, final int inType,
            final int outType, final int helper, final long now) {
        final ConnEntry e = p.ct instanceof ConnEntry c ? c : null;
        switch (FIELDS[field]) {
            case IP_SADDR: return p.src & 0xffffffffL;
            case IP_DADDR: return p.dst & 0xffffffffL;
            case IP_PROTOCOL: case META_L4PROTO: return p.protocol;
            case IP_TTL: return p.ttl;
            case IP_LENGTH: case META_LENGTH: return p.totalLength();
            case IP_VERSION: return p.isV6() ? 6 : 4;
            case IP6_NEXTHDR: return p.protocol; // ftpsim sends no extension headers
            case IP6_HOPLIMIT: return p.ttl;
            case IP6_DSCP: case IP6_FLOWLABEL: return 0; // traffic class and flow label are 0
            case ICMPV6_TYPE_FIELD: return p.icmpType;
            case ICMPV6_CODE_FIELD: return p.icmpCode;
            case IP_DSCP: return 0; // ftpsim's packets carry no DSCP marking
            case TCP_SPORT: case UDP_SPORT: case TH_SPORT: case SCTP_SPORT: return p.sport;
            case TCP_DPORT: case UDP_DPORT: case TH_DPORT: case SCTP_DPORT: return p.dport;
            case TCP_FLAGS: return p.flags;
            case TCP_WINDOW: return p.window;
            case TCP_OPTION_MAXSEG_SIZE: return p.mssOption;
            case UDP_LENGTH: return p.totalLength() - (p.isV6() ? Packet.IP6_HEADER : Packet.IP_HEADER);
            case ICMP_TYPE_FIELD: return p.icmpType;
            case ICMP_CODE_FIELD: return p.icmpCode;
            case ICMP_ID: return p.id;
            case META_IIF: case META_IIFNAME: return inId;
            case META_OIF: case META_OIFNAME: return outId;
            case META_IIFTYPE: return inType;
            case META_OIFTYPE: return outType;
            case META_NFPROTO: case CT_L3PROTO: return p.isV6() ? 10 : 2; // NFPROTO_IPV6, NFPROTO_IPV4
            case META_PROTOCOL: case ETHER_TYPE_FIELD: return p.isV6() ? 0x86dd : 0x0800; // ETH_P_IPV6, ETH_P_IP
            case ETHER_SADDR: return p.l2src == null ? 0 : p.l2src.mac();
            case ETHER_DADDR: return p.l2dst == null ? 0 : p.l2dst.mac();
            case META_MARK: return p.mark & 0xffffffffL;
            case META_PKTTYPE: return pktType(p.dst);
            case META_SKUID: return p.skUid;
            case META_SKGID: return p.skGid;
            case CT_STATE_FIELD: return p.ctInfo == 0 ? CtState.UNTRACKED : p.ctInfo;
            case CT_STATUS_FIELD: return e == null ? 0 : e.status();
            case CT_DIRECTION: return p.ctDir;
            case CT_MARK: return e == null ? 0 : e.mark() & 0xffffffffL;
            case CT_HELPER: return helper;
            case CT_EXPIRATION: return e == null ? 0 : Math.max(0, (e.deadline() - now) / 1_000_000L);
            case CT_PROTOCOL: return e == null ? 0 : e.protocol();
            case CT_ZONE: return 0; // one zone: ftpsim has no ct zone assignment
            case CT_ORIGINAL_SADDR: return e == null ? 0 : e.srcIp(0) & 0xffffffffL;
            case CT_ORIGINAL_DADDR: return e == null ? 0 : e.dstIp(0) & 0xffffffffL;
            case CT_ORIGINAL_PROTO_SRC: return e == null ? 0 : e.srcPort(0);
            case CT_ORIGINAL_PROTO_DST: return e == null ? 0 : e.dstPort(0);
            case CT_REPLY_SADDR: return e == null ? 0 : e.srcIp(1) & 0xffffffffL;
            case CT_REPLY_DADDR: return e == null ? 0 : e.dstIp(1) & 0xffffffffL;
            case CT_REPLY_PROTO_SRC: return e == null ? 0 : e.srcPort(1);
            case CT_REPLY_PROTO_DST: return e == null ? 0 : e.dstPort(1);
            default: return 0; // guarded: never reached
        }
    }

    /** PACKET_HOST, PACKET_BROADCAST or PACKET_MULTICAST (linux/if_packet.h) from the destination. */
    private static long pktType(final int dst) {
        if (dst == -1) {
            return 1;
        }
        return (dst >>> 28) == 0xe ? 2 : 0;
    }
}
