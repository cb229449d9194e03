package dev.ftpsim.core.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Puts rule items into the one form the kernel would hold, whichever way the text spelt them, so
 * that front ends agree and {@code nft list ruleset} output reads back into the IR it came from:
 * a protocol match that a later field of that protocol implies is dropped (nft's payload
 * dependency), a one-element anonymous set is a plain value, and constant bitwise arithmetic on a
 * register is the kernel's {@code (x & mask) ^ xor}.
 */
final class Canon {
    private static final Map<String, Long> PROTO = Map.of("tcp", 6L, "udp", 17L, "icmp", 1L, "icmpv6", 58L,
            "sctp", 132L);

    private Canon() {
    }

    static List<Stmt> rule(final List<Stmt> items, final Family family) {
        final List<Stmt> out = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            Stmt s = items.get(i);
            if (s instanceof Stmt.Match m) {
                if (impliedLater(m, items, i, family)) {
                    continue;
                }
                final Expr right = single(m.right());
                // nft makes a set of one flag value a bit test: tcp flags { syn } is tcp flags syn (any of its bits)
                final Stmt.Op op = m.op() == Stmt.Op.EQ && right != m.right() && right instanceof Expr.Num n
                        && n.type().isBitmask() ? Stmt.Op.IMPLICIT : m.op();
                s = new Stmt.Match(m.left(), op, right, m.pos());
            } else if (s instanceof Stmt.Assign a) {
                s = new Stmt.Assign(a.target(), bitwise(a.value()), a.pos());
            }
            out.add(s);
        }
        return out;
    }

    /**
     * {@code meta l4proto P} (or {@code meta nfproto F}), and in a table of one IP family {@code ip protocol P} or {@code ip6 nexthdr P},
     * said before a field of protocol P (or family F), which cannot match anything else.
     */
    /**
     * What nft derives for a whole ruleset: a set that rules add to or update from the packet path is
     * dynamic (nft 1.0.6 lists it with {@code flags dynamic} even when the text did not say so).
     */
    static Ruleset ruleset(final Ruleset r) {
        for (final Table t : r.tables()) {
            for (final Chain c : t.chains().values()) {
                for (final Rule rule : c.rules()) {
                    for (final Stmt s : rule.items()) {
                        if (s instanceof Stmt.SetUpdate u && t.sets().containsKey(u.set())) {
                            t.sets().get(u.set()).flags().add(NamedSet.Flag.DYNAMIC);
                        }
                    }
                }
            }
        }
        return r;
    }

    private static boolean impliedLater(final Stmt.Match m, final List<Stmt> items, final int at, final Family family) {
        if (!(m.left() instanceof Expr.Load l) || m.op() != Stmt.Op.EQ || !(m.right() instanceof Expr.Num n)) {
            return false;
        }
        final Field lf = l.field();
        if (lf != Field.META_L4PROTO && lf != Field.META_NFPROTO && !(lf == Field.IP_PROTOCOL && family == Family.IP)
                && !(lf == Field.IP6_NEXTHDR && family == Family.IP6)) {
            return false;
        }
        for (int j = at + 1; j < items.size(); j++) {
            if (items.get(j) instanceof Stmt.Match later) {
                for (final Field f : loads(later.left(), new ArrayList<>())) {
                    if (lf == Field.META_NFPROTO ? f.layer() == Field.Layer.NETWORK && f.proto().equals(n.value() == 2 ? "ip" : "ip6")
                            : f.layer() == Field.Layer.TRANSPORT && Long.valueOf(n.value()).equals(PROTO.get(f.proto().split(" ")[0]))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** The header and meta fields {@code e} loads, left to right, added to {@code out}. */
    static List<Field> loads(final Expr e, final List<Field> out) {
        if (e instanceof Expr.Load l) {
            out.add(l.field());
        } else if (e instanceof Expr.Binop b) {
            loads(b.left(), out);
        } else if (e instanceof Expr.Concat c) {
            c.parts().forEach(p -> loads(p, out));
        }
        return out;
    }

    private static Expr single(final Expr right) {
        if (right instanceof Expr.AnonSet s && s.elements().size() == 1 && s.elements().get(0).data() == null
                && s.elements().get(0).timeoutMs() < 0) {
            return s.elements().get(0).key();
        }
        return right;
    }

    /** Constant AND/OR/XOR on one load as {@code (load & mask) ^ xor}, parts that do nothing left out. */
    static Expr bitwise(final Expr e) {
        long mask = -1L;
        long xor = 0;
        Expr cur = e;
        final List<Expr.Binop> chain = new ArrayList<>();
        while (cur instanceof Expr.Binop b && b.right() instanceof Expr.Num
                && b.op() != Expr.BinOp.LSHIFT && b.op() != Expr.BinOp.RSHIFT) {
            chain.add(0, b);
            cur = b.left();
        }
        if (!(cur instanceof Expr.Load load) || chain.isEmpty()) {
            return e;
        }
        final Expr.Num first = (Expr.Num) chain.get(0).right();
        final long width = load.field().type().bits() >= 64 ? -1L : (1L << load.field().type().bits()) - 1;
        for (final Expr.Binop b : chain) {
            final long c = ((Expr.Num) b.right()).value();
            switch (b.op()) {
                case AND: mask &= c; xor &= c; break;
                case OR: mask &= ~c; xor |= c; break;
                default: xor ^= c; break;
            }
        }
        mask &= width;
        xor &= width;
        final Pos pos = e.pos();
        Expr out = load;
        if (mask != width) {
            out = new Expr.Binop(Expr.BinOp.AND, out, new Expr.Num(first.type(), mask, pos), pos);
        }
        if (xor != 0 || mask == 0) {
            out = new Expr.Binop(Expr.BinOp.XOR, out, new Expr.Num(first.type(), xor, pos), pos);
        }
        return out;
    }
}
