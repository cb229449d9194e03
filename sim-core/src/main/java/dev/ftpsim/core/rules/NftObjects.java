package dev.ftpsim.core.rules;

import dev.ftpsim.core.rules.NftLexer.Token;
import java.util.Map;

/** Named stateful objects in nft text: counter, quota, limit, ct helper, ct timeout, ct expectation. */
final class NftObjects {
    private NftObjects() {
    }

    static NamedObject parse(final NftCursor in, final String kind, final Token name, final boolean command,
            final NftDecls decls, final Family family) {
        final boolean body = in.accept("{");
        if (!body && !(command && kind.equals("counter"))) {
            throw NftCursor.fail(in.peek(), "expected '{'");
        }
        final Pos pos = name.pos();
        switch (kind) {
            case "counter": {
                long packets = 0;
                long bytes = 0;
                if (body) {
                    skipComment(in);
                    if (in.accept("packets")) {
                        packets = decls.number();
                        in.expect("bytes");
                        bytes = decls.number();
                    }
                    close(in);
                }
                return new NamedObject.CounterObj(name.text(), packets, bytes, pos);
            }
            case "quota": {
                skipComment(in);
                final long[] q = NftRuleParser.quota(in);
                close(in);
                return new NamedObject.QuotaObj(name.text(), q[0] != 0, q[1], q[2], pos);
            }
            case "limit": {
                skipComment(in);
                in.expect("rate");
                final Stmt.Limit l = NftRuleParser.limit(in, in.peek().pos());
                close(in);
                return new NamedObject.LimitObj(name.text(), l, pos);
            }
            default:
                return ct(in, kind, name, decls, family);
        }
    }

    private static NamedObject ct(final NftCursor in, final String kind, final Token name, final NftDecls decls,
            final Family family) {
        String helper = null;
        int l4 = 0;
        int l3 = 0;
        int dport = 0;
        long timeout = -1;
        int size = 0;
        Map<String, Long> policy = Map.of();
        while (!in.blockEnds(kind + " " + name.text())) {
            final Token k = in.next();
            switch (k.text()) {
                case "type":
                    helper = in.name("helper type").text();
                    if (in.accept("protocol")) {
                        l4 = proto(in);
                    }
                    break;
                case "protocol": l4 = proto(in); break;
                case "l3proto": {
                    final Token f = in.name("ip, ip6 or inet");
                    l3 = f.text().equals("ip") ? 2 : f.text().equals("ip6") ? 10 : f.text().equals("inet") ? 1 : -1;
                    if (l3 < 0) {
                        throw NftCursor.fail(f, "l3proto must be ip, ip6 or inet");
                    }
                    break;
                }
                case "dport": dport = (int) decls.number(); break;
                case "size": size = (int) decls.number(); break;
                case "timeout": {
                    final Token t = in.name("time");
                    timeout = Values.timeMs(t.text());
                    if (timeout == Values.TOO_LARGE) {
                        throw NftCursor.fail(t, "value too large");
                    }
                    if (timeout < 0) {
                        throw NftCursor.fail(t, "expected a time");
                    }
                    break;
                }
                case "policy": policy = decls.policy(); break;
                case "comment": in.comment("comment"); break;
                default:
                    throw NftCursor.fail(k, kind + " property not modelled");
            }
        }
        if (l3 == 0) {
            l3 = l3Of(family);
        }
        switch (kind) {
            case "ct helper":
                if (helper == null || l4 == 0) {
                    throw new ParseFailure(name.pos(), "ct helper " + name.text() + " needs type \"NAME\" protocol tcp|udp");
                }
                helperExists(helper, l4, l3, family, name.pos());
                return new NamedObject.CtHelperObj(name.text(), helper, l4, l3, name.pos());
            case "ct timeout":
                return new NamedObject.CtTimeoutObj(name.text(), l4, l3, policy, name.pos());
            default:
                return new NamedObject.CtExpectationObj(name.text(), l4, l3, dport, timeout, size, name.pos());
        }
    }

    /**
     * Linux's conntrack helpers by name: protocol, and whether they serve IPv6 too (net/netfilter/
     * nf_conntrack_{ftp,tftp,sip,irc,pptp,amanda,sane,netbios_ns,snmp,h323_main}.c; rtsp is out of
     * tree, kept as OpenWrt's fw4 loads it).
     */
    private static final Map<String, int[]> HELPERS = Map.ofEntries(Map.entry("ftp", new int[] {6, 1}),
            Map.entry("tftp", new int[] {17, 1}), Map.entry("sip", new int[] {0, 1}), Map.entry("irc", new int[] {6, 0}),
            Map.entry("pptp", new int[] {6, 0}), Map.entry("amanda", new int[] {17, 1}), Map.entry("sane", new int[] {6, 1}),
            Map.entry("netbios-ns", new int[] {17, 0}), Map.entry("snmp", new int[] {17, 0}),
            Map.entry("RAS", new int[] {17, 1}), Map.entry("Q.931", new int[] {6, 1}), Map.entry("rtsp", new int[] {6, 1}));

    /**
     * A helper object the kernel can make (nft_ct_helper_obj_init): a Linux helper only for its protocol
     * and family (else ENOENT), of the table's family (an ip table's helper for ip6: EINVAL).
     */
    static void helperExists(final String helper, final int l4, final int l3, final Family family, final Pos pos) {
        if (family == Family.IP && l3 == 10 || family == Family.IP6 && l3 == 2) {
            throw new ParseFailure(pos, "l3proto " + (l3 == 2 ? "ip" : "ip6") + " in a table of family " + family.nft()
                    + " (the kernel refuses it: Invalid argument)");
        }
        final int[] h = HELPERS.get(helper);
        final boolean v6only = l3 == 10 || l3 == 1 && family == Family.IP6;
        // a name Linux lacks is left alone: code may plug in its own helper under any name (ConntrackHelper)
        if (h != null && (h[0] != 0 && h[0] != l4 || h[1] == 0 && v6only)) {
            throw new ParseFailure(pos, "Linux has no \"" + helper + "\" helper for " + (l4 == 6 ? "tcp" : l4 == 17 ? "udp"
                    : "protocol " + l4) + (v6only ? " over IPv6" : "") + " (the kernel refuses it: No such file or directory)");
        }
    }

    /** The l3proto nft gives a ct object when none is written: the table's family (NFPROTO_*). */
    static int l3Of(final Family f) {
        return f == Family.IP ? 2 : f == Family.IP6 ? 10 : f == Family.INET ? 1 : 0;
    }

    private static int proto(final NftCursor in) {
        final Token t = in.name("protocol");
        final Long v = DataType.INET_PROTO.symbol(t.text());
        if (v == null) {
            throw NftCursor.fail(t, "unknown protocol");
        }
        return v.intValue();
    }

    /** Object comments are documentation only; they are read and not kept. */
    private static void skipComment(final NftCursor in) {
        in.skipSeparators();
        if (in.accept("comment")) {
            in.comment("comment");
            in.skipSeparators();
        }
    }

    private static void close(final NftCursor in) {
        skipComment(in);
        in.expect("}");
    }
}
