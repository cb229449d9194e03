package dev.ftpsim.core.rules;

import dev.ftpsim.core.rules.IptablesReader.Word;
import dev.ftpsim.core.rules.IptablesRule.Group;
import dev.ftpsim.core.rules.IptablesRule.Opt;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** xtables matches ({@code -m NAME --option ...}) as IR matches, the way iptables-nft translates them. */
final class IptablesMatches {
    /** iptables' ICMP names with their type and code (-1: any code), from libxt_icmp.c. */
    private static final Map<String, int[]> ICMP = Map.ofEntries(
            Map.entry("any", new int[] {-1, -1}), Map.entry("echo-reply", new int[] {0, -1}),
            Map.entry("pong", new int[] {0, -1}), Map.entry("destination-unreachable", new int[] {3, -1}),
            Map.entry("network-unreachable", new int[] {3, 0}), Map.entry("host-unreachable", new int[] {3, 1}),
            Map.entry("protocol-unreachable", new int[] {3, 2}), Map.entry("port-unreachable", new int[] {3, 3}),
            Map.entry("fragmentation-needed", new int[] {3, 4}), Map.entry("source-route-failed", new int[] {3, 5}),
            Map.entry("network-unknown", new int[] {3, 6}), Map.entry("host-unknown", new int[] {3, 7}),
            Map.entry("network-prohibited", new int[] {3, 9}), Map.entry("host-prohibited", new int[] {3, 10}),
            Map.entry("TOS-network-unreachable", new int[] {3, 11}), Map.entry("TOS-host-unreachable", new int[] {3, 12}),
            Map.entry("communication-prohibited", new int[] {3, 13}),
            Map.entry("host-precedence-violation", new int[] {3, 14}), Map.entry("precedence-cutoff", new int[] {3, 15}),
            Map.entry("source-quench", new int[] {4, -1}), Map.entry("redirect", new int[] {5, -1}),
            Map.entry("network-redirect", new int[] {5, 0}), Map.entry("host-redirect", new int[] {5, 1}),
            Map.entry("TOS-network-redirect", new int[] {5, 2}), Map.entry("TOS-host-redirect", new int[] {5, 3}),
            Map.entry("echo-request", new int[] {8, -1}), Map.entry("ping", new int[] {8, -1}),
            Map.entry("router-advertisement", new int[] {9, -1}), Map.entry("router-solicitation", new int[] {10, -1}),
            Map.entry("time-exceeded", new int[] {11, -1}), Map.entry("ttl-exceeded", new int[] {11, -1}),
            Map.entry("ttl-zero-during-transit", new int[] {11, 0}),
            Map.entry("ttl-zero-during-reassembly", new int[] {11, 1}),
            Map.entry("parameter-problem", new int[] {12, -1}), Map.entry("ip-header-bad", new int[] {12, 0}),
            Map.entry("required-option-missing", new int[] {12, 1}), Map.entry("timestamp-request", new int[] {13, -1}),
            Map.entry("timestamp-reply", new int[] {14, -1}), Map.entry("address-mask-request", new int[] {17, -1}),
            Map.entry("address-mask-reply", new int[] {18, -1}));

    private IptablesMatches() {
    }

    /** Appends the match's IR items; returns the comment text for {@code -m comment}, else null. */
    static String add(final IptablesRule r, final Group g, final List<Stmt> items) {
        if (IptablesStateful.handles(g.name())) {
            IptablesStateful.add(r, g, items);
            return null;
        }
        if (g.name().equals("statistic")) {
            statistic(r, g, items);
            return null;
        }
        String comment = null;
        for (final Opt o : g.opts()) {
            final Pos pos = r.pos(o.at());
            final Stmt.Op eq = o.invert() ? Stmt.Op.NE : Stmt.Op.EQ;
            switch (g.name() + " " + o.name()) {
                case "tcp sport": case "tcp source-port": case "udp sport": case "udp source-port":
                case "sctp sport": case "sctp source-port":
                    items.add(match(field(g.name(), "sport"), eq, port(r, o.args().get(0)), pos));
                    break;
                case "tcp dport": case "tcp destination-port": case "udp dport": case "udp destination-port":
                case "sctp dport": case "sctp destination-port":
                    items.add(match(field(g.name(), "dport"), eq, port(r, o.args().get(0)), pos));
                    break;
                case "tcp tcp-flags":
                    items.add(flags(flagBits(r, o.args().get(0)), flagBits(r, o.args().get(1)), o.invert(), pos));
                    break;
                case "tcp syn":
                    items.add(flags(0x17, 0x02, o.invert(), pos));
                    break;
                case "icmp icmp-type":
                    icmp(r, o, items, pos);
                    break;
                case "conntrack ctstate": case "state state":
                    ctstate(r, o, items, pos);
                    break;
                case "conntrack ctstatus":
                    items.add(match(Field.CT_STATUS_FIELD, o.invert() ? Stmt.Op.NE : Stmt.Op.IMPLICIT,
                            bits(r, o.args().get(0), DataType.CT_STATUS), pos));
                    break;
                case "conntrack ctproto":
                    items.add(match(Field.CT_PROTOCOL, eq, sym(r, o.args().get(0), DataType.INET_PROTO), pos));
                    break;
                case "conntrack ctorigsrc": case "conntrack ctorigdst": case "conntrack ctreplsrc": case "conntrack ctrepldst": {
                    if (r.v6()) {
                        throw r.fail(o.at(), "--" + o.name() + " of ip6tables is not modelled");
                    }
                    final String dir = o.name().startsWith("ctorig") ? "ct original" : "ct reply";
                    final String key = o.name().endsWith("src") ? "saddr" : "daddr";
                    items.add(match(Field.of(dir, key), eq, IptablesRule.noRange(r, o.args().get(0),
                            ipv4(r, o.args().get(0), o.arg())), pos));
                    break;
                }
                case "conntrack ctorigsrcport": case "conntrack ctorigdstport":
                case "conntrack ctreplsrcport": case "conntrack ctrepldstport": {
                    final String dir = o.name().startsWith("ctorig") ? "ct original" : "ct reply";
                    final String key = o.name().contains("src") ? "proto-src" : "proto-dst";
                    items.add(match(Field.of(dir, key), eq, port(r, o.args().get(0)), pos));
                    break;
                }
                case "conntrack ctdir":
                    items.add(match(Field.CT_DIRECTION, eq, sym(r, o.args().get(0), lower(o.args().get(0)), DataType.CT_DIR), pos));
                    break;
                case "multiport dports": case "multiport destination-ports":
                case "multiport sports": case "multiport source-ports":
                    items.add(multiport(r, o, pos));
                    break;
                case "limit limit": case "limit limit-burst":
                    if (o.name().equals("limit")
                            || g.opts().stream().noneMatch(x -> x.name().equals("limit"))) {
                        items.add(limit(r, g, o, pos));
                    }
                    break;
                case "comment comment":
                    comment = o.arg();
                    break;
                case "addrtype src-type": case "addrtype dst-type":
                    items.add(addrtype(r, g, o, pos));
                    break;
                case "addrtype limit-iface-in": case "addrtype limit-iface-out":
                    break;
                case "iprange src-range": case "iprange dst-range":
                    items.add(match(o.name().startsWith("src") ? (r.v6() ? Field.IP6_SADDR : Field.IP_SADDR)
                            : r.v6() ? Field.IP6_DADDR : Field.IP_DADDR, eq, addr(r, o.args().get(0), o.arg()), pos));
                    break;
                case "icmp6 icmpv6-type":
                    icmp6(r, o, items, pos);
                    break;
                case "mac mac-source": {
                    final Long mac = Values.mac(o.arg());
                    if (mac == null) {
                        throw r.fail(o.args().get(0), "Invalid MAC address specified.");
                    }
                    items.add(match(Field.ETHER_SADDR, eq, new Expr.Mac(mac, pos), pos));
                    break;
                }
                case "owner uid-owner": case "owner gid-owner":
                    items.add(match(o.name().startsWith("uid") ? Field.META_SKUID : Field.META_SKGID, eq,
                            num(r, o.args().get(0), DataType.INTEGER), pos));
                    break;
                case "pkttype pkt-type":
                    items.add(match(Field.META_PKTTYPE, eq, sym(r, o.args().get(0), lower(o.args().get(0)), DataType.PKTTYPE), pos));
                    break;
                case "mark mark": case "connmark mark":
                    items.add(mark(r, g.name().equals("mark") ? Field.META_MARK : Field.CT_MARK, o, pos));
                    break;
                case "helper helper":
                    items.add(match(Field.CT_HELPER, eq, new Expr.Str(o.arg(), pos), pos));
                    break;
                default:
                    throw r.fail(o.at(), "option --" + o.name() + " of " + g.name() + " is not modelled");
            }
        }
        if (g.name().equals("multiport") && (r.proto < 0 || r.protoInvert || !List.of(6, 17, 132, 33, 136).contains(r.proto))) {
            throw r.fail(g.at(), "multiport needs `-p tcp', `-p udp', `-p udplite', `-p sctp' or `-p dccp'");
        }
        return comment;
    }

    /**
     * xt_statistic.c: random mode matches when {@code (get_random_u32() & 0x7FFFFFFF) < probability},
     * libxt_statistic.c storing {@code lround(0x80000000 * p)}: numgen random mod 2^31 below that.
     * nth mode counts every packet from {@code --packet} and matches where the count wraps to 0 after
     * {@code every - 1}: numgen inc mod every, which starts at 0, equal to {@code every - 1 - packet}.
     */
    private static void statistic(final IptablesRule r, final Group g, final List<Stmt> items) {
        Opt mode = null;
        Opt probability = null;
        Opt every = null;
        Opt packet = null;
        for (final Opt o : g.opts()) {
            switch (o.name()) {
                case "mode": mode = o; break;
                case "probability": probability = o; break;
                case "every": every = o; break;
                default: packet = o;
            }
        }
        if (mode == null) {
            throw r.fail(g.at(), "statistic: option \"--mode\" must be specified"); // iptables-restore 1.8.9's words
        }
        final Pos pos = r.pos(g.at());
        if (mode.arg().equals("random")) {
            if (probability == null || every != null || packet != null) {
                throw r.fail(mode.at(), "statistic: random mode needs --probability, and no --every or --packet");
            }
            final double p;
            try {
                p = Double.parseDouble(probability.arg());
            } catch (final NumberFormatException e) {
                throw r.fail(probability.args().get(0), "statistic: bad value for option \"--probability\", or out of"
                        + " range (0-1).");
            }
            if (!(p >= 0 && p <= 1)) {
                throw r.fail(probability.args().get(0), "statistic: bad value for option \"--probability\", or out of"
                        + " range (0-1).");
            }
            final long below = Math.round(0x80000000L * p);
            items.add(new Stmt.Match(new Expr.Numgen(true, 0x80000000L, 0, pos),
                    probability.invert() ? Stmt.Op.GE : Stmt.Op.LT, new Expr.Num(DataType.INTEGER, below, pos), pos));
        } else if (mode.arg().equals("nth")) {
            if (every == null || probability != null) {
                throw r.fail(mode.at(), "statistic: nth mode needs --every, and no --probability");
            }
            final Long n = Values.number(every.arg());
            final Long at = packet == null ? Long.valueOf(0) : Values.number(packet.arg());
            if (n == null || n < 1 || n > 0xFFFFFFFFL) {
                throw r.fail(every.args().get(0), "--every must be a number from 1 to 4294967295");
            }
            if (at == null || at > n - 1) {
                throw r.fail(packet.args().get(0), "the --packet p must be 0 <= p <= n-1");
            }
            items.add(new Stmt.Match(new Expr.Numgen(false, n, 0, pos), every.invert() ? Stmt.Op.NE : Stmt.Op.EQ,
                    new Expr.Num(DataType.INTEGER, n - 1 - at, pos), pos));
        } else {
            throw r.fail(mode.args().get(0), "Bad mode \"" + NftCursor.excerpt(mode.arg()) + "\"");
        }
    }

    private static String lower(final Word w) {
        return w.text().toLowerCase(Locale.ROOT);
    }

    private static Field field(final String proto, final String key) {
        return Field.of(proto, key);
    }

    static Stmt match(final Field f, final Stmt.Op op, final Expr right, final Pos pos) {
        return new Stmt.Match(new Expr.Load(f, pos), op, right, pos);
    }

    /** A port or {@code lo:hi} range. */
    static Expr port(final IptablesRule r, final Word w) {
        final String t = w.text();
        final int colon = t.indexOf(':');
        final Pos pos = r.pos(w);
        if (colon >= 0) {
            final Expr lo = colon == 0 ? new Expr.Num(DataType.INET_SERVICE, 0, pos) : port1(r, w, t.substring(0, colon));
            final Expr hi = colon == t.length() - 1 ? new Expr.Num(DataType.INET_SERVICE, 65535, pos) : port1(r, w, t.substring(colon + 1));
            if (lo instanceof Expr.Num a && hi instanceof Expr.Num b && a.value() > b.value()) {
                throw r.fail(w, "invalid portrange (min > max)"); // libxt_tcp.c's words
            }
            return new Expr.Range(lo, hi, pos);
        }
        return port1(r, w, t);
    }

    private static Expr port1(final IptablesRule r, final Word w, final String t) {
        Long v = Values.number(t);
        if (v == null) {
            v = DataType.INET_SERVICE.symbol(t);
        }
        if (v == null || v > 65535) {
            throw r.fail(w, "invalid port/service `" + NftCursor.excerpt(t) + "' specified");
        }
        return new Expr.Num(DataType.INET_SERVICE, v, r.pos(w));
    }

    /** ip6tables' ICMPv6 names (libip6t_icmp6.c) with type and code (-1: any code). */
    private static final Map<String, int[]> ICMP6 = Map.ofEntries(
            Map.entry("destination-unreachable", new int[] {1, -1}), Map.entry("no-route", new int[] {1, 0}),
            Map.entry("communication-prohibited", new int[] {1, 1}), Map.entry("address-unreachable", new int[] {1, 3}),
            Map.entry("port-unreachable", new int[] {1, 4}), Map.entry("packet-too-big", new int[] {2, -1}),
            Map.entry("time-exceeded", new int[] {3, -1}), Map.entry("ttl-exceeded", new int[] {3, -1}),
            Map.entry("ttl-zero-during-transit", new int[] {3, 0}), Map.entry("ttl-zero-during-reassembly", new int[] {3, 1}),
            Map.entry("parameter-problem", new int[] {4, -1}), Map.entry("echo-request", new int[] {128, -1}),
            Map.entry("ping", new int[] {128, -1}), Map.entry("echo-reply", new int[] {129, -1}),
            Map.entry("pong", new int[] {129, -1}), Map.entry("router-solicitation", new int[] {133, -1}),
            Map.entry("router-advertisement", new int[] {134, -1}), Map.entry("neighbour-solicitation", new int[] {135, -1}),
            Map.entry("neighbor-solicitation", new int[] {135, -1}), Map.entry("neighbour-advertisement", new int[] {136, -1}),
            Map.entry("neighbor-advertisement", new int[] {136, -1}), Map.entry("redirect", new int[] {137, -1}));

    private static void icmp6(final IptablesRule r, final Opt o, final List<Stmt> items, final Pos pos) {
        final int[] named = ICMP6.get(o.arg());
        final String[] p = o.arg().split("/");
        final Long ty = named != null ? Long.valueOf(named[0]) : Values.number(p[0]);
        final Long co = named != null ? Long.valueOf(named[1]) : p.length > 1 ? Values.number(p[1]) : Long.valueOf(-1);
        if (ty == null || co == null || ty > 255 || co > 255) {
            throw r.fail(o.args().get(0), "Invalid ICMPv6 type `" + NftCursor.excerpt(o.arg()) + "'");
        }
        if (o.invert() && co >= 0) {
            throw r.fail(o.at(), "a negated ICMPv6 type with a code is not modelled");
        }
        items.add(match(Field.ICMPV6_TYPE_FIELD, o.invert() ? Stmt.Op.NE : Stmt.Op.EQ, new Expr.Num(DataType.ICMPV6_TYPE, ty, pos), pos));
        if (co >= 0) {
            items.add(match(Field.ICMPV6_CODE_FIELD, Stmt.Op.EQ, new Expr.Num(DataType.INTEGER, co, pos), pos));
        }
    }

    /** An address of the rule's family: IPv4 forms below, or IPv6 {@code addr[/len]} and ranges. */
    static Expr addr(final IptablesRule r, final Word w, final String t) {
        if (!r.v6()) {
            return ipv4(r, w, t);
        }
        try {
            return Constants.parse(DataType.IPV6_ADDR, t, r.pos(w));
        } catch (ParseFailure f) {
            throw r.fail(w, "host/network `" + NftCursor.excerpt(t) + "' not found (names are not resolved)");
        }
    }

    /** An IPv4 address, {@code addr/len}, {@code addr/dotted-mask} or {@code lo-hi} range. */
    static Expr ipv4(final IptablesRule r, final Word w, final String t) {
        final Pos pos = r.pos(w);
        final int dash = t.indexOf('-');
        if (dash > 0) {
            return new Expr.Range(ipv4(r, w, t.substring(0, dash)), ipv4(r, w, t.substring(dash + 1)), pos);
        }
        final int slash = t.indexOf('/');
        final Integer a = Values.ipv4(slash < 0 ? t : t.substring(0, slash));
        if (a == null) {
            throw r.fail(w, "host/network `" + NftCursor.excerpt(t) + "' not found (names are not resolved)");
        }
        if (slash < 0) {
            return new Expr.Ip4(a, pos);
        }
        final String m = t.substring(slash + 1);
        Long len = Values.number(m);
        if (len == null) {
            final Integer mask = Values.ipv4(m);
            if (mask == null || Integer.bitCount(mask) != Integer.numberOfLeadingZeros(~mask)) {
                throw r.fail(w, "invalid mask `" + NftCursor.excerpt(m) + "' specified");
            }
            len = (long) Integer.bitCount(mask);
        }
        if (len > 32) {
            throw r.fail(w, "invalid mask `" + m + "' specified");
        }
        final int masked = len == 0 ? 0 : a & (int) (0xffffffffL << (32 - len));
        return len == 32 ? new Expr.Ip4(a, pos) : new Expr.Prefix(new Expr.Ip4(masked, pos), len.intValue(), pos);
    }

    private static Expr sym(final IptablesRule r, final Word w, final DataType t) {
        return sym(r, w, w.text(), t);
    }

    private static Expr sym(final IptablesRule r, final Word w, final String text, final DataType t) {
        Long v = t.symbol(text.toLowerCase(Locale.ROOT));
        if (v == null) {
            v = Values.number(text);
        }
        if (v == null) {
            throw r.fail(w, "unknown " + t.nftName() + " `" + NftCursor.excerpt(text) + "'");
        }
        return new Expr.Num(t, v, r.pos(w));
    }

    private static Expr num(final IptablesRule r, final Word w, final DataType t) {
        final Long v = Values.number(w.text());
        if (v == null) {
            throw r.fail(w, "expected a number");
        }
        return new Expr.Num(t, v, r.pos(w));
    }

    private static Expr bits(final IptablesRule r, final Word w, final DataType t) {
        long b = 0;
        for (final String s : w.text().split(",")) {
            b |= ((Expr.Num) sym(r, w, s.replace('_', '-'), t)).value();
        }
        return new Expr.Num(t, b, r.pos(w));
    }

    private static long flagBits(final IptablesRule r, final Word w) {
        if (w.text().equals("ALL")) {
            return 0x3f;
        }
        if (w.text().equals("NONE")) {
            return 0;
        }
        return ((Expr.Num) bits(r, w, DataType.TCP_FLAG)).value();
    }

    private static Stmt flags(final long mask, final long comp, final boolean invert, final Pos pos) {
        return new Stmt.Match(new Expr.Binop(Expr.BinOp.AND, new Expr.Load(Field.TCP_FLAGS, pos),
                new Expr.Num(DataType.TCP_FLAG, mask, pos), pos), invert ? Stmt.Op.NE : Stmt.Op.EQ,
                new Expr.Num(DataType.TCP_FLAG, comp, pos), pos);
    }

    private static void icmp(final IptablesRule r, final Opt o, final List<Stmt> items, final Pos pos) {
        final String t = o.arg();
        int type;
        int code = -1;
        final int[] named = ICMP.get(t);
        if (named != null) {
            type = named[0];
            code = named[1];
        } else {
            final String[] p = t.split("/");
            final Long ty = Values.number(p[0]);
            final Long co = p.length > 1 ? Values.number(p[1]) : Long.valueOf(-1);
            if (ty == null || co == null || ty > 255 || co > 255 || p.length > 2) {
                throw r.fail(o.args().get(0), "Invalid ICMP type `" + NftCursor.excerpt(t) + "'");
            }
            type = ty.intValue();
            code = co.intValue();
        }
        if (type < 0) {
            return;
        }
        if (o.invert() && code >= 0) {
            throw r.fail(o.at(), "a negated ICMP type with a code is not modelled");
        }
        final Stmt.Op eq = o.invert() ? Stmt.Op.NE : Stmt.Op.EQ;
        items.add(match(Field.ICMP_TYPE_FIELD, eq, new Expr.Num(DataType.ICMP_TYPE, type, pos), pos));
        if (code >= 0) {
            items.add(match(Field.ICMP_CODE_FIELD, Stmt.Op.EQ, new Expr.Num(DataType.INTEGER, code, pos), pos));
        }
    }

    /** {@code --ctstate}/{@code --state}: conntrack states, and for --ctstate also SNAT/DNAT, which are ct status bits. */
    private static void ctstate(final IptablesRule r, final Opt o, final List<Stmt> items, final Pos pos) {
        long state = 0;
        long status = 0;
        for (final String s : o.arg().split(",")) {
            if (s.equals("SNAT") || s.equals("DNAT")) {
                if (o.name().equals("state")) {
                    throw r.fail(o.args().get(0), "Bad state \"" + s + "\"");
                }
                status |= DataType.CT_STATUS.symbol(s.toLowerCase(Locale.ROOT));
            } else {
                final Long v = DataType.CT_STATE.symbol(s.toLowerCase(Locale.ROOT));
                if (v == null) {
                    throw r.fail(o.args().get(0), "Bad " + (o.name().equals("state") ? "state" : "ctstate") + " \"" + s + "\"");
                }
                state |= v;
            }
        }
        if (status != 0 && state != 0) {
            throw r.fail(o.args().get(0), "a --ctstate list mixing states and SNAT/DNAT is not modelled");
        }
        final Stmt.Op op = o.invert() ? Stmt.Op.NE : Stmt.Op.IMPLICIT;
        if (state != 0) {
            items.add(match(Field.CT_STATE_FIELD, op, new Expr.Num(DataType.CT_STATE, state, pos), pos));
        } else {
            items.add(match(Field.CT_STATUS_FIELD, op, new Expr.Num(DataType.CT_STATUS, status, pos), pos));
        }
    }

    private static Stmt multiport(final IptablesRule r, final Opt o, final Pos pos) {
        final boolean src = o.name().startsWith("s");
        final String proto = r.proto == 17 ? "udp" : r.proto == 132 ? "sctp" : "tcp";
        final List<Expr.Element> elems = new ArrayList<>();
        final String[] ports = o.arg().split(",");
        if (ports.length > 15) {
            // XT_MULTI_PORTS (linux/netfilter/xt_multiport.h)
            throw r.fail(o.args().get(0), "too many ports specified (at most 15)");
        }
        for (final String p : ports) {
            final Expr e = port(r, new Word(p, o.args().get(0).col()));
            elems.add(new Expr.Element(e, null, -1, -1, null, pos));
        }
        return match(Field.of(proto, src ? "sport" : "dport"), o.invert() ? Stmt.Op.NE : Stmt.Op.EQ,
                new Expr.AnonSet(elems, pos), pos);
    }

    /** {@code -m limit --limit N/unit --limit-burst B}; iptables' defaults are 3/hour and burst 5 (libxt_limit.c). */
    private static Stmt limit(final IptablesRule r, final Group g, final Opt o, final Pos pos) {
        final long[] rate = o.name().equals("limit") ? rate(r, o.args().get(0)) : new long[] {3, 3_600_000L};
        long burst = 5;
        for (final Opt b : g.opts()) {
            if (b.name().equals("limit-burst")) {
                burst = ((Expr.Num) num(r, b.args().get(0), DataType.INTEGER)).value();
            }
        }
        return new Stmt.Limit(rate[0], rate[1], burst, false, o.invert(), pos);
    }

    /** {@code N/second|minute|hour|day} (or s, sec, m, min, h, d) as {count, period ms}. */
    static long[] rate(final IptablesRule r, final Word w) {
        final String t = w.text();
        final int slash = t.indexOf('/');
        final Long n = Values.number(slash < 0 ? t : t.substring(0, slash));
        final long unit = slash < 0 ? 1000 : Values.unitMs(t.substring(slash + 1));
        if (n == null || unit < 0 || unit > 86_400_000L) {
            throw r.fail(w, "bad rate \"" + NftCursor.excerpt(t) + "\"");
        }
        return new long[] {n, unit};
    }

    private static Stmt addrtype(final IptablesRule r, final Group g, final Opt o, final Pos pos) {
        final boolean src = o.name().startsWith("src");
        int flags = src ? Expr.FIB_SADDR : Expr.FIB_DADDR;
        for (final Opt l : g.opts()) {
            flags |= l.name().equals("limit-iface-in") ? Expr.FIB_IIF : l.name().equals("limit-iface-out") ? Expr.FIB_OIF : 0;
        }
        final String[] types = o.arg().split(",");
        final Expr right;
        if (types.length == 1) {
            right = sym(r, o.args().get(0), types[0], DataType.FIB_ADDRTYPE);
        } else {
            final List<Expr.Element> elems = new ArrayList<>();
            for (final String t : types) {
                elems.add(new Expr.Element(sym(r, o.args().get(0), t, DataType.FIB_ADDRTYPE), null, -1, -1, null, pos));
            }
            right = new Expr.AnonSet(elems, pos);
        }
        return new Stmt.Match(new Expr.Fib(flags, "type", pos), o.invert() ? Stmt.Op.NE : Stmt.Op.EQ, right, pos);
    }

    private static Stmt mark(final IptablesRule r, final Field f, final Opt o, final Pos pos) {
        final String[] p = o.arg().split("/");
        final Long v = Values.number(p[0]);
        final Long m = p.length > 1 ? Values.number(p[1]) : Long.valueOf(0xffffffffL);
        if (v == null || m == null) {
            throw r.fail(o.args().get(0), "bad mark value `" + NftCursor.excerpt(o.arg()) + "'");
        }
        final Expr left = m == 0xffffffffL ? new Expr.Load(f, pos)
                : new Expr.Binop(Expr.BinOp.AND, new Expr.Load(f, pos), new Expr.Num(DataType.MARK, m, pos), pos);
        return new Stmt.Match(left, o.invert() ? Stmt.Op.NE : Stmt.Op.EQ, new Expr.Num(DataType.MARK, v, pos), pos);
    }
}
