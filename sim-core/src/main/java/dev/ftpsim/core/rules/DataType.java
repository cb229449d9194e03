package dev.ftpsim.core.rules;

import java.util.Map;

/**
 * The types of nftables values, with their symbolic constants resolved to the numbers the kernel
 * compares. Names and values follow nftables 1.0.6 (src/ct.c, src/proto.c, src/meta.c, src/fib.c,
 * src/datatype.c) and the kernel UAPI headers they mirror; services and protocols are the
 * /etc/services and /etc/protocols names that rulesets use.
 */
public enum DataType {
    IPV4_ADDR("ipv4_addr", 32, Map.of()),
    IPV6_ADDR("ipv6_addr", 128, Map.of()),
    ETHER_ADDR("ether_addr", 48, Map.of()),
    INET_PROTO("inet_proto", 8, Map.ofEntries(
            Map.entry("icmp", 1L), Map.entry("igmp", 2L), Map.entry("tcp", 6L), Map.entry("udp", 17L),
            Map.entry("dccp", 33L), Map.entry("ipv6", 41L), Map.entry("gre", 47L), Map.entry("esp", 50L),
            Map.entry("ah", 51L), Map.entry("icmpv6", 58L), Map.entry("ipv6-icmp", 58L),
            Map.entry("ospf", 89L), Map.entry("vrrp", 112L), Map.entry("sctp", 132L), Map.entry("udplite", 136L))),
    INET_SERVICE("inet_service", 16, Map.ofEntries(
            Map.entry("ftp-data", 20L), Map.entry("ftp", 21L), Map.entry("ssh", 22L), Map.entry("telnet", 23L),
            Map.entry("smtp", 25L), Map.entry("domain", 53L), Map.entry("bootps", 67L), Map.entry("bootpc", 68L),
            Map.entry("tftp", 69L), Map.entry("http", 80L), Map.entry("pop3", 110L), Map.entry("ntp", 123L),
            Map.entry("imap", 143L), Map.entry("snmp", 161L), Map.entry("https", 443L), Map.entry("submission", 587L),
            Map.entry("imaps", 993L), Map.entry("pop3s", 995L), Map.entry("mdns", 5353L))),
    MARK("mark", 32, Map.of()),
    IFNAME("ifname", 128, Map.of()),
    IFINDEX("iface_index", 32, Map.of()),
    IFTYPE("iface_type", 16, Map.of("ether", 1L, "ppp", 512L, "ipip", 768L, "ipip6", 769L,
            "loopback", 772L, "sit", 776L, "ipgre", 778L)),
    /** Bits per enum ip_conntrack_info + 1 (nftables src/ct.c ct_state_tbl). */
    CT_STATE("ct_state", 32, Map.of("invalid", 1L, "established", 2L, "related", 4L, "new", 8L, "untracked", 64L)),
    /** enum ip_conntrack_status bits (linux/netfilter/nf_conntrack_common.h). */
    CT_STATUS("ct_status", 32, Map.of("expected", 1L, "seen-reply", 2L, "assured", 4L, "confirmed", 8L,
            "snat", 16L, "dnat", 32L, "dying", 512L)),
    CT_DIR("ct_dir", 8, Map.of("original", 0L, "reply", 1L)),
    TCP_FLAG("tcp_flag", 8, Map.of("fin", 1L, "syn", 2L, "rst", 4L, "psh", 8L, "ack", 16L, "urg", 32L,
            "ecn", 64L, "cwr", 128L)),
    ICMP_TYPE("icmp_type", 8, Map.ofEntries(
            Map.entry("echo-reply", 0L), Map.entry("destination-unreachable", 3L), Map.entry("source-quench", 4L),
            Map.entry("redirect", 5L), Map.entry("echo-request", 8L), Map.entry("router-advertisement", 9L),
            Map.entry("router-solicitation", 10L), Map.entry("time-exceeded", 11L),
            Map.entry("parameter-problem", 12L), Map.entry("timestamp-request", 13L),
            Map.entry("timestamp-reply", 14L), Map.entry("info-request", 15L), Map.entry("info-reply", 16L),
            Map.entry("address-mask-request", 17L), Map.entry("address-mask-reply", 18L))),
    ICMPV6_TYPE("icmpv6_type", 8, Map.ofEntries(
            Map.entry("destination-unreachable", 1L), Map.entry("packet-too-big", 2L),
            Map.entry("time-exceeded", 3L), Map.entry("parameter-problem", 4L), Map.entry("echo-request", 128L),
            Map.entry("echo-reply", 129L), Map.entry("mld-listener-query", 130L),
            Map.entry("mld-listener-report", 131L), Map.entry("mld-listener-done", 132L),
            Map.entry("mld-listener-reduction", 132L), Map.entry("nd-router-solicit", 133L),
            Map.entry("nd-router-advert", 134L), Map.entry("nd-neighbor-solicit", 135L),
            Map.entry("nd-neighbor-advert", 136L), Map.entry("nd-redirect", 137L),
            Map.entry("router-renumbering", 138L), Map.entry("ind-neighbor-solicit", 141L),
            Map.entry("ind-neighbor-advert", 142L), Map.entry("mld2-listener-report", 143L))),
    ICMP_CODE("icmp_code", 8, Map.of("net-unreachable", 0L, "host-unreachable", 1L, "prot-unreachable", 2L,
            "port-unreachable", 3L, "frag-needed", 4L, "net-prohibited", 9L, "host-prohibited", 10L,
            "admin-prohibited", 13L)),
    ICMPV6_CODE("icmpv6_code", 8, Map.of("no-route", 0L, "admin-prohibited", 1L, "addr-unreachable", 3L,
            "port-unreachable", 4L, "policy-fail", 5L, "reject-route", 6L)),
    /** NFT_REJECT_ICMPX_* (linux/netfilter/nf_tables.h). */
    ICMPX_CODE("icmpx_code", 8, Map.of("no-route", 0L, "port-unreachable", 1L, "host-unreachable", 2L,
            "admin-prohibited", 3L)),
    NFPROTO("nf_proto", 8, Map.of("ipv4", 2L, "ipv6", 10L)),
    ETHER_TYPE("ether_type", 16, Map.of("ip", 0x0800L, "arp", 0x0806L, "ip6", 0x86ddL, "vlan", 0x8100L)),
    FIB_ADDRTYPE("fib_addrtype", 32, Map.of("unspec", 0L, "unicast", 1L, "local", 2L, "broadcast", 3L,
            "anycast", 4L, "multicast", 5L, "blackhole", 6L, "unreachable", 7L, "prohibit", 8L)),
    PKTTYPE("pkt_type", 8, Map.of("host", 0L, "unicast", 0L, "broadcast", 1L, "multicast", 2L, "other", 3L)),
    BOOLEAN("boolean", 1, Map.of("exists", 1L, "missing", 0L)),
    /** Differentiated Services code points (nftables src/proto.c dscp_type_tbl; RFC 2474, 2597, 3246, 5865, 8622). */
    DSCP("dscp", 6, Map.ofEntries(Map.entry("cs0", 0L), Map.entry("cs1", 8L), Map.entry("cs2", 16L),
            Map.entry("cs3", 24L), Map.entry("cs4", 32L), Map.entry("cs5", 40L), Map.entry("cs6", 48L),
            Map.entry("cs7", 56L), Map.entry("df", 0L), Map.entry("be", 0L), Map.entry("lephb", 1L),
            Map.entry("af11", 10L), Map.entry("af12", 12L), Map.entry("af13", 14L), Map.entry("af21", 18L),
            Map.entry("af22", 20L), Map.entry("af23", 22L), Map.entry("af31", 26L), Map.entry("af32", 28L),
            Map.entry("af33", 30L), Map.entry("af41", 34L), Map.entry("af42", 36L), Map.entry("af43", 38L),
            Map.entry("va", 44L), Map.entry("ef", 46L))),
    INTEGER("integer", 64, Map.of()),
    /** Milliseconds. */
    TIME("time", 64, Map.of()),
    STRING("string", 0, Map.of()),
    VERDICT("verdict", 0, Map.of());

    private final String nftName;
    private final int bits;
    private final Map<String, Long> symbols;

    DataType(final String nftName, final int bits, final Map<String, Long> symbols) {
        this.nftName = nftName;
        this.bits = bits;
        this.symbols = symbols;
    }

    /** The name nft uses in {@code type} declarations. */
    public String nftName() {
        return nftName;
    }

    /** Width in bits (0 for strings and verdicts). */
    public int bits() {
        return bits;
    }

    /** The number a symbolic constant stands for, or null if the type has no such symbol. */
    public Long symbol(final String name) {
        return symbols.get(name);
    }

    /** Whether a comma list of this type's symbols ORs into one bitmask (ct state, tcp flags...). */
    public boolean isBitmask() {
        return this == CT_STATE || this == CT_STATUS || this == TCP_FLAG;
    }

    /** The type a {@code type NAME} declaration names, or null. */
    public static DataType byNftName(final String name) {
        for (final DataType t : values()) {
            if (t.nftName.equals(name)) {
                return t;
            }
        }
        return null;
    }
}
