package dev.ftpsim.core.rules.vm;

import dev.ftpsim.core.rules.DataType;
import dev.ftpsim.core.rules.Expr;
import dev.ftpsim.core.rules.Field;
import dev.ftpsim.core.rules.Pos;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns IR values into what instructions hold: a left side into loaded fields under
 * {@code (x & mask) ^ xor}, a constant into per-component intervals (interface names, wildcards
 * included, into the ids of the node's matching interfaces; helper names into ids).
 */
final class Operands {
    /** A value the compiler cannot turn into registers: its position and what it is. */
    static final class Refused extends RuntimeException {
        final transient Pos pos;

        Refused(final Pos pos, final String what) {
            super(what, null, false, false);
            this.pos = pos;
        }
    }

    /** Loaded fields of a left side. */
    record Left(int[] fields, long[] mask, long[] xor, DataType[] types, int guard) {
        int width() {
            return fields.length;
        }
    }

    private final List<String> ifaces;
    private final Map<String, Integer> helperIds;
    /** Each numgen expression: {random (1) or inc (0), modulus, offset}; the machine keeps their counters. */
    final List<long[]> numgens = new ArrayList<>();
    /** Each jhash expression; the machine hashes their keys' bytes. */
    final List<Program.JhashSpec> jhashes = new ArrayList<>();

    /** Compiling a bridge table: ether fields and addresses are values, fib is refused. */
    private final boolean bridge;

    Operands(final List<String> ifaces, final Map<String, Integer> helperIds, final boolean bridge) {
        this.ifaces = ifaces;
        this.helperIds = helperIds;
        this.bridge = bridge;
    }

    /** The interface id of a name ({@code lo} is 1, then the node's in order), or 0. */
    int ifaceId(final String name) {
        final int i = ifaces.indexOf(name);
        return i + 1;
    }

    /** Ids of the interfaces a name matches: a trailing {@code *} is a prefix (nft), as iptables' {@code +}. */
    List<Long> ifaceIds(final String name) {
        final List<Long> out = new ArrayList<>();
        final boolean wild = name.endsWith("*");
        final String stem = wild ? name.substring(0, name.length() - 1) : name;
        for (int i = 0; i < ifaces.size(); i++) {
            if (wild ? ifaces.get(i).startsWith(stem) : ifaces.get(i).equals(stem)) {
                out.add((long) i + 1);
            }
        }
        return out;
    }

    Left left(final Expr e) {
        if (e instanceof Expr.Concat c) {
            final int n = c.parts().size();
            int guard = 0;
            final List<Left> parts = new ArrayList<>();
            int width = 0;
            for (int i = 0; i < n; i++) {
                if (c.parts().get(i) instanceof Expr.Concat) {
                    throw new Refused(c.pos(), "a nested concatenation");
                }
                final Left one = left(c.parts().get(i));
                parts.add(one);
                width += one.width(); // an ip6 address is two words
                guard = combine(guard, one.guard);
            }
            final int[] f = new int[width];
            final long[] m = new long[width];
            final long[] x = new long[width];
            final DataType[] t = new DataType[width];
            int k = 0;
            for (final Left one : parts) {
                for (int j = 0; j < one.width(); j++, k++) {
                    f[k] = one.fields[j];
                    m[k] = one.mask[j];
                    x[k] = one.xor[j];
                    t[k] = one.types[j];
                }
            }
            return new Left(f, m, x, t, guard);
        }
        long mask = -1L;
        long xor = 0;
        Expr cur = e;
        final List<Expr.Binop> ops = new ArrayList<>();
        while (cur instanceof Expr.Binop b) {
            if (!(b.right() instanceof Expr.Num) || b.op() == Expr.BinOp.LSHIFT || b.op() == Expr.BinOp.RSHIFT) {
                throw new Refused(b.pos(), "this arithmetic (" + b.op().name().toLowerCase(java.util.Locale.ROOT) + " with a"
                        + " non-constant or a shift)");
            }
            ops.add(0, b);
            cur = b.left();
        }
        for (final Expr.Binop b : ops) {
            final long c = ((Expr.Num) b.right()).value();
            switch (b.op()) {
                case AND: mask &= c; xor &= c; break;
                case OR: mask &= ~c; xor |= c; break;
                default: xor ^= c; break;
            }
        }
        if (cur instanceof Expr.Numgen ng && ops.isEmpty()) {
            if (ng.modulus() < 1 || ng.modulus() > 0xffffffffL) {
                // nft_ng_inc_init and nft_ng_random_init refuse a modulus of 0 (ERANGE); a u32 holds the rest
                throw new Refused(ng.pos(), "numgen mod " + ng.modulus() + " (1 to 2^32-1)");
            }
            if (numgens.size() >= 1 << 12) {
                throw new Refused(ng.pos(), "more than 4096 numgen expressions");
            }
            numgens.add(new long[] {ng.random() ? 1 : 0, ng.modulus(), ng.offset()});
            return new Left(new int[] {Loads.NUMGEN + numgens.size() - 1}, new long[] {-1L}, new long[] {0},
                    new DataType[] {DataType.INTEGER}, 0);
        }
        if (cur instanceof Expr.Jhash jh && ops.isEmpty()) {
            return jhash(jh);
        }
        if (cur instanceof Expr.Fib && bridge) {
            throw new Refused(cur.pos(), "fib in a bridge table (nft_fib hooks ip, ip6 and inet)");
        }
        if (cur instanceof Expr.Fib fib && ops.isEmpty()) {
            final int result = List.of("type", "oif", "oifname", "check").indexOf(fib.result());
            final DataType t = new DataType[] {DataType.FIB_ADDRTYPE, DataType.IFINDEX, DataType.IFNAME,
                DataType.BOOLEAN}[result];
            return new Left(new int[] {Loads.FIB + fib.flags() * 4 + result}, new long[] {-1L}, new long[] {0},
                    new DataType[] {t}, 0);
        }
        if (!(cur instanceof Expr.Load l)) {
            throw new Refused(cur.pos(), describe(cur));
        }
        if (ops.isEmpty() && (l.field() == Field.IP6_SADDR || l.field() == Field.IP6_DADDR)) {
            // 128 bits: two 64-bit key components, high word first (as nft's registers hold them)
            final int f = Loads.IP6 + (l.field() == Field.IP6_DADDR ? 2 : 0);
            return new Left(new int[] {f, f + 1}, new long[] {-1L, -1L}, new long[2],
                    new DataType[] {DataType.IPV6_ADDR, DataType.IPV6_ADDR}, Loads.V6);
        }
        if (!Loads.modelled(l.field(), bridge)) {
            throw new Refused(l.pos(), "the field '" + l.field() + "'");
        }
        return new Left(new int[] {l.field().ordinal()}, new long[] {mask}, new long[] {xor},
                new DataType[] {l.field().type()}, Loads.guard(l.field()));
    }

    /**
     * A jhash's key as nft puts it in registers (src/evaluate.c): one field at its own width, a
     * concatenation with each component padded to 4 bytes; payload fields in network byte order.
     */
    private Left jhash(final Expr.Jhash jh) {
        final Left key = left(jh.key());
        if (jh.modulus() < 1 || jh.modulus() > 0xffffffffL) {
            throw new Refused(jh.pos(), "jhash mod " + jh.modulus() + " (1 to 2^32-1)");
        }
        if (jhashes.size() >= Loads.FIB - Loads.JHASH) {
            throw new Refused(jh.pos(), "more than " + (Loads.FIB - Loads.JHASH) + " jhash expressions");
        }
        final int n = key.width();
        final int[] widths = new int[n];
        final boolean[] network = new boolean[n];
        int length = 0;
        int guard = key.guard();
        for (int i = 0; i < n; i++) {
            final DataType t = key.types()[i];
            if (t == DataType.IPV6_ADDR) {
                guard = Loads.NEVER; // 16 bytes in nft's registers: not hashed here, never matches
            }
            widths[i] = t == DataType.INET_SERVICE ? 2 : t == DataType.INET_PROTO ? 1 : 4;
            network[i] = t == DataType.IPV4_ADDR || t == DataType.INET_SERVICE || t == DataType.INET_PROTO;
            length += n == 1 ? widths[i] : 4;
        }
        final Insn k = new Insn(Insn.CMP, jh.pos());
        k.fields = key.fields();
        k.mask = key.mask();
        k.xor = key.xor();
        jhashes.add(new Program.JhashSpec(k, widths, network, length, jh.modulus(), jh.seed(), jh.offset()));
        return new Left(new int[] {Loads.JHASH + jhashes.size() - 1}, new long[] {-1L}, new long[] {0},
                new DataType[] {DataType.INTEGER}, guard);
    }

    static int combine(final int x, final int y) {
        if (x == Loads.NEVER || y == Loads.NEVER) {
            return Loads.NEVER;
        }
        final int family = (x | y) & Loads.FAMILY;
        if (family == Loads.FAMILY) {
            return Loads.NEVER; // an ip and an ip6 field: no packet has both
        }
        final int flags = Loads.FAMILY | Loads.SOCKET;
        final int r = protocols(x & ~flags, y & ~flags);
        return r == Loads.NEVER ? r : r | family | (x | y) & Loads.SOCKET;
    }

    private static int protocols(final int a, final int b) {
        if (a == 0 || a == b) {
            return b;
        }
        if (b == 0) {
            return a;
        }
        if (a == Loads.TCP_OR_UDP && (b == 6 || b == 17)) {
            return b;
        }
        if (b == Loads.TCP_OR_UDP && (a == 6 || a == 17)) {
            return a;
        }
        return Loads.NEVER;
    }

    /** What an unmodelled expression is, for the error. */
    static String describe(final Expr e) {
        if (e instanceof Expr.Fib) {
            return "a fib (routing lookup) expression";
        } else if (e instanceof Expr.Numgen) {
            return "numgen";
        } else if (e instanceof Expr.Jhash) {
            return "jhash with arithmetic";
        } else if (e instanceof Expr.CtCount) {
            return "ct count";
        } else if (e instanceof Expr.MapLookup) {
            return "a map lookup as a match operand";
        }
        return dev.ftpsim.core.rules.ExprWords.of(e);
    }

    /**
     * The intervals a constant key stands for, per component; an interface wildcard or a name
     * matching several interfaces gives several keys, a name matching none gives none.
     */
    List<long[][]> keys(final Expr e, final Left left) {
        final List<long[][]> out = new ArrayList<>();
        out.add(new long[][] {new long[left.width()], new long[left.width()]});
        final List<Expr> parts = e instanceof Expr.Concat c ? c.parts() : List.of(e);
        List<long[][]> cur = out;
        int comp = 0;
        for (final Expr part : parts) {
            if (comp >= left.width()) {
                comp = left.width() + 1;
                break;
            }
            if (left.types[comp] == DataType.IPV6_ADDR && comp + 1 < left.width()
                    && left.types[comp + 1] == DataType.IPV6_ADDR) {
                cur = expand6(cur, comp, part);
                comp += 2;
            } else {
                cur = expand(cur, comp, part, left.types[comp]);
                comp++;
            }
        }
        if (comp != left.width()) {
            throw new Refused(e.pos(), left.width() == 1 ? "a key of " + parts.size() + " components looked up by one value"
                    : "a key of " + left.width() + " components written as one value");
        }
        return cur;
    }

    private List<long[][]> expand(final List<long[][]> in, final int comp, final Expr e, final DataType type) {
        final List<long[]> ranges = ranges(e, type);
        final List<long[][]> out = new ArrayList<>();
        for (final long[][] k : in) {
            for (final long[] r : ranges) {
                final long[][] n = {k[0].clone(), k[1].clone()};
                n[0][comp] = r[0];
                n[1][comp] = r[1];
                out.add(n);
            }
        }
        return out;
    }

    /**
     * An IPv6 address, prefix or range as boxes over its two words (components {@code comp} and
     * {@code comp + 1}): one box when the high words agree, else up to three (the first high
     * word from the low bound up, the high words between in full, the last one up to the bound).
     */
    private static List<long[][]> expand6(final List<long[][]> in, final int comp, final Expr e) {
        final long[] r = new long[4];
        StmtCompiler.interval6(e, r, 0);
        final List<long[]> boxes = new ArrayList<>(); // {hiLo, hiHi, loLo, loHi}, in key order
        if (r[0] == r[2]) {
            boxes.add(new long[] {r[0], r[0], r[1], r[3]});
        } else {
            boxes.add(new long[] {r[0], r[0], r[1], -1L});
            if (Long.compareUnsigned(r[2] - r[0], 1) > 0) {
                boxes.add(new long[] {r[0] + 1, r[2] - 1, 0, -1L});
            }
            boxes.add(new long[] {r[2], r[2], 0, r[3]});
        }
        final List<long[][]> out = new ArrayList<>();
        for (final long[][] k : in) {
            for (final long[] b : boxes) {
                final long[][] n = {k[0].clone(), k[1].clone()};
                n[0][comp] = Loads.word6(b[0]);
                n[1][comp] = Loads.word6(b[1]);
                n[0][comp + 1] = Loads.word6(b[2]);
                n[1][comp + 1] = Loads.word6(b[3]);
                out.add(n);
            }
        }
        return out;
    }

    /** One value as inclusive intervals. */
    List<long[]> ranges(final Expr e, final DataType type) {
        final List<long[]> out = new ArrayList<>();
        if (e instanceof Expr.Num n) {
            out.add(new long[] {n.value(), n.value()});
        } else if (e instanceof Expr.Ip4 a) {
            out.add(new long[] {a.addr() & 0xffffffffL, a.addr() & 0xffffffffL});
        } else if (e instanceof Expr.Prefix p && p.base() instanceof Expr.Ip4 a) {
            final long base = a.addr() & 0xffffffffL;
            final long span = p.length() == 0 ? 0xffffffffL : (1L << (32 - p.length())) - 1;
            out.add(new long[] {base & ~span & 0xffffffffL, (base & ~span & 0xffffffffL) + span});
        } else if (e instanceof Expr.Range r) {
            final List<long[]> lo = ranges(r.lo(), type);
            final List<long[]> hi = ranges(r.hi(), type);
            if (lo.size() != 1 || hi.size() != 1) {
                throw new Refused(r.pos(), "a range of names");
            }
            out.add(new long[] {lo.get(0)[0], hi.get(0)[1]});
        } else if (e instanceof Expr.Str s) {
            if (type == DataType.IFNAME || type == DataType.IFINDEX) {
                for (final long id : ifaceIds(s.value())) {
                    out.add(new long[] {id, id});
                }
            } else if (type == DataType.STRING) {
                final long id = helperIds.computeIfAbsent(s.value(), k -> helperIds.size() + 1);
                out.add(new long[] {id, id});
            } else {
                throw new Refused(s.pos(), "the string \"" + s.value() + "\" as a " + type.nftName());
            }
        } else if (e instanceof Expr.Mac m && bridge) {
            out.add(new long[] {m.addr(), m.addr()});
        } else if (e instanceof Expr.Ip6 || e instanceof Expr.Mac) {
            out.add(new long[] {Long.MIN_VALUE, Long.MIN_VALUE}); // compared only with fields IPv4 packets lack
        } else {
            throw new Refused(e.pos(), describe(e) + " as a constant");
        }
        return out;
    }

    /** A field's display name for errors. */
    static String name(final Field f) {
        return f.toString();
    }
}
