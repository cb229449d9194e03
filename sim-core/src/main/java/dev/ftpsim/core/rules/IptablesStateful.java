package dev.ftpsim.core.rules;

import dev.ftpsim.core.rules.IptablesRule.Group;
import dev.ftpsim.core.rules.IptablesRule.Opt;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * xtables matches that keep state or ask the routing table: {@code recent}, {@code connlimit},
 * {@code hashlimit} (as iptables-nft does: a dynamic set per name, updated with a limit) and
 * {@code rpfilter} (a fib lookup of the source through the input interface).
 */
final class IptablesStateful {
    private static final Set<String> NAMES = Set.of("recent", "connlimit", "hashlimit", "rpfilter");

    private IptablesStateful() {
    }

    static boolean handles(final String match) {
        return NAMES.contains(match);
    }

    static void add(final IptablesRule r, final Group g, final List<Stmt> items) {
        final Pos pos = r.pos(g.at());
        switch (g.name()) {
            case "recent": recent(r, g, items, pos); return;
            case "connlimit": connlimit(r, g, items, pos); return;
            case "hashlimit": hashlimit(r, g, items, pos); return;
            default: rpfilter(g, items, pos);
        }
    }

    private static Opt opt(final Group g, final String name) {
        for (final Opt o : g.opts()) {
            if (o.name().equals(name)) {
                return o;
            }
        }
        return null;
    }

    private static long number(final IptablesRule r, final Opt o, final long dflt) {
        if (o == null) {
            return dflt;
        }
        final Long v = Values.number(o.arg());
        if (v == null) {
            throw r.fail(o.args().get(0), "expected a number after --" + o.name());
        }
        return v;
    }

    private static int mask(final IptablesRule r, final Opt o) {
        if (o == null) {
            return 32;
        }
        final Long len = Values.number(o.arg());
        if (len != null && len <= 32) {
            return len.intValue();
        }
        final Integer m = Values.ipv4(o.arg());
        if (m == null || Integer.bitCount(m) != Integer.numberOfLeadingZeros(~m)) {
            throw r.fail(o.args().get(0), "bad mask `" + NftCursor.excerpt(o.arg()) + "'");
        }
        return Integer.bitCount(m);
    }

    /** libxt_recent: exactly one of --set, --rcheck, --update, --remove; list DEFAULT unless named. */
    private static void recent(final IptablesRule r, final Group g, final List<Stmt> items, final Pos pos) {
        String op = null;
        boolean invert = false;
        for (final Opt o : g.opts()) {
            if (List.of("set", "rcheck", "update", "remove").contains(o.name())) {
                if (op != null) {
                    throw r.fail(o.at(), "recent: only one of --set, --rcheck, --update or --remove may be given");
                }
                op = o.name();
                invert = o.invert();
            }
        }
        if (op == null) {
            throw r.fail(g.at(), "recent: one of --set, --rcheck, --update or --remove is needed");
        }
        if (opt(g, "reap") != null && opt(g, "seconds") == null) {
            throw r.fail(opt(g, "reap").at(), "recent: option \"--reap\" also requires \"--seconds\"."); // iptables 1.8.9
        }
        final Opt name = opt(g, "name");
        items.add(new Stmt.Recent(op, name == null ? "DEFAULT" : name.arg(), opt(g, "rdest") == null,
                mask(r, opt(g, "mask")), number(r, opt(g, "seconds"), 0), (int) number(r, opt(g, "hitcount"), 0),
                invert, pos));
    }

    private static void connlimit(final IptablesRule r, final Group g, final List<Stmt> items, final Pos pos) {
        final Opt above = opt(g, "connlimit-above");
        final Opt upto = opt(g, "connlimit-upto");
        if (above == null && upto == null) {
            throw r.fail(g.at(), "connlimit needs --connlimit-above or --connlimit-upto");
        }
        final Opt o = above != null ? above : upto;
        final boolean isAbove = above != null ^ o.invert();
        items.add(new Stmt.ConnLimit(number(r, o, 0), isAbove, mask(r, opt(g, "connlimit-mask")),
                opt(g, "connlimit-daddr") == null, pos));
    }

    /**
     * As iptables-nft translates it: a dynamic set named after {@code --hashlimit-name}, keyed by the
     * mode's fields, with entries expiring after {@code --hashlimit-htable-expire} (default 10 s,
     * libxt_hashlimit.c), updated with a limit per key.
     */
    private static void hashlimit(final IptablesRule r, final Group g, final List<Stmt> items, final Pos pos) {
        final Opt name = opt(g, "hashlimit-name");
        if (name == null) {
            throw r.fail(g.at(), "hashlimit needs --hashlimit-name");
        }
        final Opt above = opt(g, "hashlimit-above");
        final Opt upto = opt(g, "hashlimit-upto");
        if (above == null && upto == null) {
            throw r.fail(g.at(), "hashlimit needs --hashlimit-above or --hashlimit-upto");
        }
        final Opt rate = above != null ? above : upto;
        final long[] rt = IptablesMatches.rate(r, rate.args().get(0));
        final long burst = number(r, opt(g, "hashlimit-burst"), 5);
        final List<Expr> key = new ArrayList<>();
        final List<DataType> types = new ArrayList<>();
        final Opt mode = opt(g, "hashlimit-mode");
        for (final String m : mode == null ? new String[0] : mode.arg().split(",")) {
            final Field f;
            switch (m) {
                case "srcip": f = r.v6() ? Field.IP6_SADDR : Field.IP_SADDR; break;
                case "dstip": f = r.v6() ? Field.IP6_DADDR : Field.IP_DADDR; break;
                case "srcport": f = Field.TH_SPORT; break;
                case "dstport": f = Field.TH_DPORT; break;
                default: throw r.fail(mode.args().get(0), "hashlimit mode `" + m + "' is not modelled");
            }
            key.add(new Expr.Load(f, pos));
            types.add(f.type());
        }
        if (key.isEmpty()) {
            throw r.fail(g.at(), "hashlimit without --hashlimit-mode (one bucket for all) is not modelled");
        }
        final String set = name.arg();
        NamedSet s = r.table.sets().get(set);
        if (s == null) {
            s = new NamedSet(set, false, pos);
            s.keyType(types);
            s.flags().add(NamedSet.Flag.DYNAMIC);
            s.flags().add(NamedSet.Flag.TIMEOUT);
            s.timeoutMs(number(r, opt(g, "hashlimit-htable-expire"), 10_000));
            r.table.sets().put(set, s);
        } else if (!s.keyType().equals(types)) {
            throw r.fail(name.args().get(0), "hashlimit name " + set + " is used with another mode");
        }
        final Stmt.Limit limit = new Stmt.Limit(rt[0], rt[1], burst, false, above != null, pos);
        items.add(new Stmt.SetUpdate(Stmt.SetOp.UPDATE, set, key.size() == 1 ? key.get(0) : new Expr.Concat(key, pos),
                -1, List.of(limit), pos));
    }

    /** xt_rpfilter: the packet passes if a route back to its source leaves through its input interface. */
    private static void rpfilter(final Group g, final List<Stmt> items, final Pos pos) {
        final boolean loose = opt(g, "loose") != null;
        final boolean validmark = opt(g, "validmark") != null;
        final boolean invert = opt(g, "invert") != null;
        final int flags = Expr.FIB_SADDR | (loose ? 0 : Expr.FIB_IIF) | (validmark ? Expr.FIB_MARK : 0);
        items.add(new Stmt.Match(new Expr.Fib(flags, "check", pos), Stmt.Op.EQ,
                new Expr.Num(DataType.BOOLEAN, invert ? 0 : 1, pos), pos));
    }
}
