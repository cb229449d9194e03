package dev.ftpsim.core.rules;

import static dev.ftpsim.core.rules.DataType.*;

/**
 * Every packet, metadata and conntrack field a rule can load into a register. The evaluator gives
 * each one a loader; a field missing here is a construct ftpsim does not model and fails to load.
 * {@code proto} and {@code key} are nft's spelling ({@code ip saddr}, {@code ct original saddr}).
 */
public enum Field {
    IP_SADDR("ip", "saddr", IPV4_ADDR, Layer.NETWORK),
    IP_DADDR("ip", "daddr", IPV4_ADDR, Layer.NETWORK),
    IP_PROTOCOL("ip", "protocol", INET_PROTO, Layer.NETWORK),
    IP_TTL("ip", "ttl", INTEGER, Layer.NETWORK),
    IP_DSCP("ip", "dscp", DSCP, Layer.NETWORK),
    IP_LENGTH("ip", "length", INTEGER, Layer.NETWORK),
    IP_VERSION("ip", "version", INTEGER, Layer.NETWORK),
    IP6_SADDR("ip6", "saddr", IPV6_ADDR, Layer.NETWORK),
    IP6_DADDR("ip6", "daddr", IPV6_ADDR, Layer.NETWORK),
    IP6_NEXTHDR("ip6", "nexthdr", INET_PROTO, Layer.NETWORK),
    IP6_HOPLIMIT("ip6", "hoplimit", INTEGER, Layer.NETWORK),
    IP6_DSCP("ip6", "dscp", DSCP, Layer.NETWORK),
    IP6_FLOWLABEL("ip6", "flowlabel", INTEGER, Layer.NETWORK),
    TCP_SPORT("tcp", "sport", INET_SERVICE, Layer.TRANSPORT),
    TCP_DPORT("tcp", "dport", INET_SERVICE, Layer.TRANSPORT),
    TCP_FLAGS("tcp", "flags", TCP_FLAG, Layer.TRANSPORT),
    TCP_WINDOW("tcp", "window", INTEGER, Layer.TRANSPORT),
    TCP_SEQUENCE("tcp", "sequence", INTEGER, Layer.TRANSPORT),
    /** The MSS option's value (tcp option maxseg size); settable for clamping. */
    TCP_OPTION_MAXSEG_SIZE("tcp option maxseg", "size", INTEGER, Layer.TRANSPORT),
    UDP_SPORT("udp", "sport", INET_SERVICE, Layer.TRANSPORT),
    UDP_DPORT("udp", "dport", INET_SERVICE, Layer.TRANSPORT),
    UDP_LENGTH("udp", "length", INTEGER, Layer.TRANSPORT),
    /** The transport header's ports, whatever the protocol (nft's th); sets no protocol context. */
    TH_SPORT("th", "sport", INET_SERVICE, Layer.NONE),
    TH_DPORT("th", "dport", INET_SERVICE, Layer.NONE),
    SCTP_SPORT("sctp", "sport", INET_SERVICE, Layer.TRANSPORT),
    SCTP_DPORT("sctp", "dport", INET_SERVICE, Layer.TRANSPORT),
    ICMP_TYPE_FIELD("icmp", "type", ICMP_TYPE, Layer.TRANSPORT),
    ICMP_CODE_FIELD("icmp", "code", INTEGER, Layer.TRANSPORT),
    ICMP_ID("icmp", "id", INTEGER, Layer.TRANSPORT),
    ICMPV6_TYPE_FIELD("icmpv6", "type", ICMPV6_TYPE, Layer.TRANSPORT),
    ICMPV6_CODE_FIELD("icmpv6", "code", INTEGER, Layer.TRANSPORT),
    /** IPv6 routing extension header type (nft's {@code rt type}). */
    RT_TYPE("rt", "type", INTEGER, Layer.NONE),
    ETHER_SADDR("ether", "saddr", ETHER_ADDR, Layer.LINK),
    ETHER_DADDR("ether", "daddr", ETHER_ADDR, Layer.LINK),
    ETHER_TYPE_FIELD("ether", "type", ETHER_TYPE, Layer.LINK),
    VLAN_ID("vlan", "id", INTEGER, Layer.LINK),
    META_IIF("meta", "iif", IFINDEX, Layer.NONE),
    META_OIF("meta", "oif", IFINDEX, Layer.NONE),
    META_IIFNAME("meta", "iifname", IFNAME, Layer.NONE),
    META_OIFNAME("meta", "oifname", IFNAME, Layer.NONE),
    META_IIFTYPE("meta", "iiftype", IFTYPE, Layer.NONE),
    META_OIFTYPE("meta", "oiftype", IFTYPE, Layer.NONE),
    META_L4PROTO("meta", "l4proto", INET_PROTO, Layer.NONE),
    META_NFPROTO("meta", "nfproto", NFPROTO, Layer.NONE),
    META_PROTOCOL("meta", "protocol", ETHER_TYPE, Layer.NONE),
    META_MARK("meta", "mark", MARK, Layer.NONE),
    META_PKTTYPE("meta", "pkttype", PKTTYPE, Layer.NONE),
    META_LENGTH("meta", "length", INTEGER, Layer.NONE),
    META_PRIORITY("meta", "priority", INTEGER, Layer.NONE),
    META_SKUID("meta", "skuid", INTEGER, Layer.NONE),
    META_SKGID("meta", "skgid", INTEGER, Layer.NONE),
    META_NFTRACE("meta", "nftrace", INTEGER, Layer.NONE),
    CT_STATE_FIELD("ct", "state", CT_STATE, Layer.NONE),
    CT_STATUS_FIELD("ct", "status", CT_STATUS, Layer.NONE),
    CT_DIRECTION("ct", "direction", CT_DIR, Layer.NONE),
    CT_MARK("ct", "mark", MARK, Layer.NONE),
    CT_HELPER("ct", "helper", STRING, Layer.NONE),
    CT_EXPIRATION("ct", "expiration", TIME, Layer.NONE),
    CT_L3PROTO("ct", "l3proto", NFPROTO, Layer.NONE),
    CT_PROTOCOL("ct", "protocol", INET_PROTO, Layer.NONE),
    CT_ZONE("ct", "zone", INTEGER, Layer.NONE),
    CT_ORIGINAL_SADDR("ct original", "saddr", IPV4_ADDR, Layer.NONE),
    CT_ORIGINAL_DADDR("ct original", "daddr", IPV4_ADDR, Layer.NONE),
    CT_ORIGINAL_PROTO_SRC("ct original", "proto-src", INET_SERVICE, Layer.NONE),
    CT_ORIGINAL_PROTO_DST("ct original", "proto-dst", INET_SERVICE, Layer.NONE),
    CT_REPLY_SADDR("ct reply", "saddr", IPV4_ADDR, Layer.NONE),
    CT_REPLY_DADDR("ct reply", "daddr", IPV4_ADDR, Layer.NONE),
    CT_REPLY_PROTO_SRC("ct reply", "proto-src", INET_SERVICE, Layer.NONE),
    CT_REPLY_PROTO_DST("ct reply", "proto-dst", INET_SERVICE, Layer.NONE),
    /** The route's MTU towards the destination, as {@code rt mtu} (used to clamp MSS). */
    RT_MTU("rt", "mtu", INTEGER, Layer.NONE),
    RT_NEXTHOP("rt", "nexthop", IPV4_ADDR, Layer.NONE);

    /** Which header a field lives in; a transport field gives a rule the protocol context NAT ports need. */
    public enum Layer { NONE, LINK, NETWORK, TRANSPORT }

    private final String proto;
    private final String key;
    private final DataType type;
    private final Layer layer;

    Field(final String proto, final String key, final DataType type, final Layer layer) {
        this.proto = proto;
        this.key = key;
        this.type = type;
        this.layer = layer;
    }

    /** nft's protocol word(s): {@code ip}, {@code meta}, {@code ct original}... */
    public String proto() {
        return proto;
    }

    /** nft's field word. */
    public String key() {
        return key;
    }

    /** The field's value type. */
    public DataType type() {
        return type;
    }

    /** The header the field belongs to. */
    public Layer layer() {
        return layer;
    }

    /**
     * The width in bits of an integer field narrower than its type (nft's payload and meta templates,
     * src/proto.c, src/meta.c, src/ct.c); 0 for the others, whose type bounds their values.
     */
    public int bits() {
        switch (this) {
            case IP_VERSION: return 4;
            case IP_TTL: case IP6_HOPLIMIT: case ICMP_CODE_FIELD: case ICMPV6_CODE_FIELD: case RT_TYPE: return 8;
            case VLAN_ID: return 12;
            case IP_LENGTH: case TCP_WINDOW: case UDP_LENGTH: case ICMP_ID: case CT_ZONE: case TCP_OPTION_MAXSEG_SIZE:
                return 16;
            case IP6_FLOWLABEL: return 20;
            case TCP_SEQUENCE: case META_LENGTH: return 32;
            default: return 0;
        }
    }

    /** The field {@code proto key} names, or null. */
    public static Field of(final String proto, final String key) {
        for (final Field f : values()) {
            if (f.proto.equals(proto) && f.key.equals(key)) {
                return f;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return proto + " " + key;
    }
}
