package dev.ftpsim.core.rules;

import dev.ftpsim.core.rules.IptablesRule.Group;
import dev.ftpsim.core.rules.IptablesRule.Opt;
import java.util.List;

/** The NAT targets (MASQUERADE, SNAT, DNAT, REDIRECT) and the mark targets (MARK, CONNMARK). */
final class IptablesNat {
    private IptablesNat() {
    }

    static void add(final IptablesRule r, final Group g, final List<Stmt> items, final Pos pos) {
        final String t = g.name();
        if (!r.tableName.equals("nat")) {
            throw r.fail(g.at(), "the " + t + " target is only valid in the nat table");
        }
        final Stmt.NatKind kind = Stmt.NatKind.valueOf(t);
        int flags = 0;
        flags |= IptablesTargets.opt(g, "random") != null ? Stmt.NAT_RANDOM : 0;
        flags |= IptablesTargets.opt(g, "random-fully") != null ? Stmt.NAT_FULLY_RANDOM : 0;
        flags |= IptablesTargets.opt(g, "persistent") != null ? Stmt.NAT_PERSISTENT : 0;
        Expr addr = null;
        Expr port = null;
        Opt portOpt = null;
        if (kind == Stmt.NatKind.MASQUERADE || kind == Stmt.NatKind.REDIRECT) {
            portOpt = IptablesTargets.opt(g, "to-ports");
            if (portOpt != null) {
                port = ports(r, portOpt, portOpt.arg());
            }
        } else {
            final Opt to = IptablesTargets.opt(g, kind == Stmt.NatKind.SNAT ? "to-source" : "to-destination");
            if (to == null) {
                if (kind == Stmt.NatKind.SNAT) {
                    throw r.fail(g.at(), "SNAT needs --to-source");
                }
                throw r.fail(g.at(), "DNAT needs --to-destination");
            }
            final String v = to.arg();
            // ip6tables writes [addr]:port, iptables addr:port
            final int close = v.startsWith("[") ? v.indexOf(']') : -1;
            final int colon = r.v6() ? (close > 0 ? v.indexOf(':', close) : -1) : v.indexOf(':');
            final String a = close > 0 ? v.substring(1, close) : colon < 0 ? v : v.substring(0, colon);
            if (!a.isEmpty()) {
                addr = IptablesMatches.addr(r, to.args().get(0), a);
            }
            if (colon >= 0) {
                portOpt = to;
                port = ports(r, to, v.substring(colon + 1));
            }
        }
        if (port != null && (r.proto < 0 || r.protoInvert || !List.of(6, 17, 132, 33).contains(r.proto))) {
            // libipt_DNAT.c / libipt_MASQUERADE.c: ports need a protocol that has them
            throw r.fail(portOpt.args().get(0), "Need TCP, UDP, SCTP or DCCP with port specification");
        }
        items.add(new Stmt.Nat(kind, r.v6() ? 10 : 2, addr, port, flags, pos));
    }

    private static Expr ports(final IptablesRule r, final Opt o, final String text) {
        final IptablesReader.Word w = new IptablesReader.Word(text.replace('-', ':'), o.args().get(0).col());
        return IptablesMatches.port(r, w);
    }

    /** MARK and CONNMARK: {@code x = (x & ~mask) ^ value}, as xt_MARK / xt_CONNMARK compute it. */
    static void mark(final IptablesRule r, final Group g, final List<Stmt> items, final Pos pos) {
        final boolean conn = g.name().equals("CONNMARK");
        final Field target = conn ? Field.CT_MARK : Field.META_MARK;
        if (conn && (IptablesTargets.opt(g, "save-mark") != null || IptablesTargets.opt(g, "restore-mark") != null)) {
            final boolean save = IptablesTargets.opt(g, "save-mark") != null;
            final long nf = mask(r, g, "nfmask", "mask");
            final long ct = mask(r, g, "ctmask", "mask");
            // save: ctmark = (ctmark & ~ctmask) ^ (mark & nfmask); restore: mark = (mark & ~nfmask) ^ (ctmark & ctmask)
            final Field to = save ? Field.CT_MARK : Field.META_MARK;
            final Field from = save ? Field.META_MARK : Field.CT_MARK;
            final long keep = save ? ct : nf;
            final long take = save ? nf : ct;
            Expr v = take == 0xffffffffL ? new Expr.Load(from, pos) : and(new Expr.Load(from, pos), take, pos);
            if (keep != 0xffffffffL) {
                v = new Expr.Binop(Expr.BinOp.XOR, and(new Expr.Load(to, pos), ~keep & 0xffffffffL, pos), v, pos);
            }
            items.add(new Stmt.Assign(to, v, pos));
            return;
        }
        Opt o = null;
        for (final Opt x : g.opts()) {
            if (x.name().endsWith("-mark") || x.name().equals("set-xmark")) {
                if (o != null) {
                    throw r.fail(x.at(), g.name() + ": only one of the mark options may be given");
                }
                o = x;
            }
        }
        if (o == null) {
            throw r.fail(g.at(), g.name() + ": a mark option is needed");
        }
        final String[] p = o.arg().split("/");
        final Long v = Values.number(p[0]);
        final Long m = p.length > 1 ? Values.number(p[1]) : null;
        if (v == null || p.length > 1 && m == null) {
            throw r.fail(o.args().get(0), "bad mark value `" + NftCursor.excerpt(o.arg()) + "'");
        }
        final Expr cur = new Expr.Load(target, pos);
        final Expr value;
        switch (o.name()) {
            case "set-xmark": {
                final long mask = m == null ? 0xffffffffL : m;
                value = mask == 0xffffffffL ? num(v, pos)
                        : new Expr.Binop(Expr.BinOp.XOR, and(cur, ~mask & 0xffffffffL, pos), num(v, pos), pos);
                break;
            }
            case "set-mark": {
                final long mask = m == null ? 0xffffffffL : m;
                value = mask == 0xffffffffL ? num(v, pos)
                        : new Expr.Binop(Expr.BinOp.OR, and(cur, ~mask & 0xffffffffL, pos), num(v, pos), pos);
                break;
            }
            case "and-mark": value = and(cur, v, pos); break;
            case "or-mark": value = new Expr.Binop(Expr.BinOp.OR, cur, num(v, pos), pos); break;
            default: value = new Expr.Binop(Expr.BinOp.XOR, cur, num(v, pos), pos); break;
        }
        items.add(new Stmt.Assign(target, value, pos));
    }

    private static long mask(final IptablesRule r, final Group g, final String name, final String both) {
        Opt o = IptablesTargets.opt(g, name);
        if (o == null) {
            o = IptablesTargets.opt(g, both);
        }
        if (o == null) {
            return 0xffffffffL;
        }
        final Long v = Values.number(o.arg());
        if (v == null) {
            throw r.fail(o.args().get(0), "bad mask `" + NftCursor.excerpt(o.arg()) + "'");
        }
        return v;
    }

    private static Expr and(final Expr e, final long mask, final Pos pos) {
        return new Expr.Binop(Expr.BinOp.AND, e, num(mask, pos), pos);
    }

    private static Expr num(final long v, final Pos pos) {
        return new Expr.Num(DataType.MARK, v, pos);
    }
}
