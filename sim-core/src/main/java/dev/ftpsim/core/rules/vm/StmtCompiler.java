package dev.ftpsim.core.rules.vm;

import dev.ftpsim.core.rules.DataType;
import dev.ftpsim.core.rules.Expr;
import dev.ftpsim.core.rules.Field;
import dev.ftpsim.core.rules.NamedSet;
import dev.ftpsim.core.rules.Stmt;
import java.util.ArrayList;
import java.util.List;

/** Compiles one rule item into instructions; what it cannot evaluate it refuses with {@link Operands.Refused}. */
final class StmtCompiler {
    /** NAT flag of ours: the map's data is {@code addr . port} packed as {@code addr << 16 | port}. */
    static final int NAT_CONCAT_DATA = 1 << 20;
    /** NAT flag: {@code a}/{@code b} hold one IPv6 address's high and low words. */
    static final int NAT_IPV6 = 1 << 21;
    /** NAT flag: the map's data (or the address part of {@code addr . port}) indexes {@link Insn#ranges6}'s pairs. */
    static final int NAT_MAP6 = 1 << 22;

    private final Compiler c;
    private final Operands ops;
    /**
     * The IPv6 addresses maps give as data, high and low words in turn: a map element holds its
     * address's index here, since its 64-bit data cannot hold the address; the NAT statement interns
     * the address into the network's ids (as it does a literal target) when a connection takes it.
     */
    private final List<Long> data6 = new ArrayList<>();

    StmtCompiler(final Compiler c, final Operands ops) {
        this.c = c;
        this.ops = ops;
    }

    void compile(final Stmt s, final List<Insn> out) {
        if (c.bridge && (s instanceof Stmt.Reject || s instanceof Stmt.Nat || s instanceof Stmt.FlowAdd)) {
            throw new Operands.Refused(s.pos(), (s instanceof Stmt.Reject ? "reject" : s instanceof Stmt.Nat ? "nat"
                    : "flow add") + " in a bridge table");
        }
        if (s instanceof Stmt.Match m && m.left() instanceof Expr.CtCount cc) {
            out.add(connCount(cc.count(), cc.over(), 0, 0, cc.pos()));
        } else if (s instanceof Stmt.Match m) {
            out.add(match(m));
        } else if (s instanceof Stmt.Verdict v) {
            final Insn i = new Insn(Insn.VERDICT, v.pos());
            i.kind = verdictKind(v.kind(), v.pos());
            if (v.chain() != null) {
                i.slot = c.chainIndex(v.chain(), v.pos());
            }
            out.add(i);
        } else if (s instanceof Stmt.Vmap v) {
            out.add(lookup(Insn.VMAP, ops.left(v.key()), v.map(), v.pos(), false));
        } else if (s instanceof Stmt.Counter) {
            return; // every rule counts what reaches its end; the statement adds nothing more
        } else if (s instanceof Stmt.ObjRef o) {
            out.add(objRef(o));
        } else if (s instanceof Stmt.Log l) {
            final Insn i = new Insn(Insn.LOG, l.pos());
            i.text = l.prefix() == null ? "" : l.prefix();
            out.add(i);
        } else if (s instanceof Stmt.Reject r) {
            final Insn i = new Insn(Insn.REJECT, r.pos());
            i.kind = r.kind().ordinal();
            i.a = icmpCode(r);
            i.b = icmp6Code(r);
            out.add(i);
        } else if (s instanceof Stmt.Notrack n) {
            out.add(new Insn(Insn.NOTRACK, n.pos()));
        } else if (s instanceof Stmt.Assign a) {
            out.add(assign(a));
        } else if (s instanceof Stmt.Nat n) {
            out.add(nat(n));
        } else if (s instanceof Stmt.Limit l) {
            final Insn i = new Insn(Insn.LIMIT, l.pos());
            i.slot = c.addLimit(l);
            out.add(i);
        } else if (s instanceof Stmt.Quota q) {
            final Insn i = new Insn(Insn.QUOTA, q.pos());
            i.slot = c.addQuota(q.bytes(), q.used(), q.over());
            out.add(i);
        } else if (s instanceof Stmt.SetUpdate u) {
            out.add(setUpdate(u));
        } else if (s instanceof Stmt.ChecksumFill f) {
            return; // simulated packets carry no checksums
        } else if (s instanceof Stmt.FlowAdd f) {
            final Insn i = new Insn(Insn.FLOW_ADD, f.pos());
            i.a = c.flowtableDevices(f.flowtable(), f.pos());
            out.add(i);
        } else if (s instanceof Stmt.Recent r) {
            final Insn i = new Insn(Insn.RECENT, r.pos());
            i.kind = java.util.List.of("set", "rcheck", "update", "remove").indexOf(r.op());
            if (i.kind < 0) {
                throw new Operands.Refused(r.pos(), "recent --" + r.op());
            }
            i.slot = c.recentSlot(r.name());
            i.a = r.seconds() * 1_000_000_000L;
            i.b = r.hitcount();
            i.c = prefixMask(r.mask());
            i.flags = r.rsource() ? 1 : 0;
            i.negate = r.invert();
            out.add(i);
        } else if (s instanceof Stmt.ConnLimit l) {
            out.add(connCount(l.count(), l.above(), l.saddr() ? 1 : 2, prefixMask(l.mask()), l.pos()));
        } else {
            throw new Operands.Refused(s.pos(), "this statement (" + s.getClass().getSimpleName().replaceAll("(?<=[a-z])(?=[A-Z])", " ").toLowerCase(java.util.Locale.ROOT) + ")");
        }
    }

    /** The address mask of a prefix length (recent's --mask and connlimit's --connlimit-mask are lengths). */
    static long prefixMask(final int len) {
        return len <= 0 ? 0 : (0xffffffffL << (32 - len)) & 0xffffffffL;
    }

    /**
     * {@code ct count [over] N} (nft_connlimit.c) and xtables' connlimit (xt_connlimit.c): the rule's own
     * list of connections, keyed by nothing ({@code by} 0) or the masked source (1) or destination (2).
     */
    private Insn connCount(final long count, final boolean over, final int by, final long mask,
            final dev.ftpsim.core.rules.Pos pos) {
        final Insn i = new Insn(Insn.CT_COUNT, pos);
        i.slot = c.addConnCount();
        i.a = count;
        i.negate = over;
        i.kind = by;
        i.c = mask;
        return i;
    }

    private Insn match(final Stmt.Match m) {
        if (m.left() instanceof Expr.Load l && (l.field() == Field.IP6_SADDR || l.field() == Field.IP6_DADDR)) {
            return ip6Match(m, l.field() == Field.IP6_DADDR);
        }
        final Operands.Left left = ops.left(m.left());
        if (left.guard() == Loads.NEVER) {
            return new Insn(Insn.NEVER, m.pos()); // e.g. an ip and an ip6 field together: no packet has both
        }
        final boolean neg = m.op() == Stmt.Op.NE;
        final Expr r = m.right();
        if (r instanceof Expr.AnonSet || r instanceof Expr.SetRef || left.width() > 1 || r instanceof Expr.Str) {
            if (neg || m.op() == Stmt.Op.EQ || m.op() == Stmt.Op.IMPLICIT) {
                return lookup(Insn.LOOKUP, left, r, m.pos(), neg);
            }
            throw new Operands.Refused(m.pos(), "an ordering comparison with a set");
        }
        if (r instanceof Expr.Range || r instanceof Expr.Prefix) {
            final long[] b = ops.ranges(r, left.types()[0]).get(0);
            final Insn i = operand(new Insn(Insn.RANGE, m.pos()), left);
            i.a = b[0];
            i.b = b[1];
            i.negate = neg;
            if (!neg && m.op() != Stmt.Op.EQ && m.op() != Stmt.Op.IMPLICIT) {
                throw new Operands.Refused(m.pos(), "an ordering comparison with a range");
            }
            return i;
        }
        if (r instanceof Expr.Num b && b.type() == DataType.BOOLEAN && left.types()[0] != DataType.BOOLEAN) {
            // {@code fib ... oif exists|missing}: whether the lookup found an interface
            final Insn i = operand(new Insn(Insn.CMP, m.pos()), left);
            i.cmp = (b.value() == 1) != neg ? Insn.NE : Insn.EQ;
            i.a = 0;
            return i;
        }
        final long v = ops.ranges(r, left.types()[0]).get(0)[0];
        final Insn i = operand(new Insn(Insn.CMP, m.pos()), left);
        i.a = v;
        final boolean bits = left.types()[0].isBitmask() && left.mask()[0] == -1L && left.xor()[0] == 0;
        switch (m.op()) {
            case IMPLICIT: i.cmp = bits ? Insn.ANY : Insn.EQ; break;
            case EQ: i.cmp = Insn.EQ; break;
            case NE: i.cmp = bits ? Insn.NONE : Insn.NE; break;
            case LT: i.cmp = Insn.LT; break;
            case GT: i.cmp = Insn.GT; break;
            case LE: i.cmp = Insn.LE; break;
            default: i.cmp = Insn.GE; break;
        }
        return i;
    }

    /**
     * {@code ip6 saddr|daddr [!=] ADDR[/LEN]} or {@code [!=] {set}} / {@code @set}: the machine's keys
     * are 64 bits, so IPv6 addresses get instructions of their own (a set is a list of intervals).
     * Other families' packets never match (nft's implicit nfproto dependency).
     */
    private Insn ip6Match(final Stmt.Match m, final boolean daddr) {
        if (m.op() != Stmt.Op.EQ && m.op() != Stmt.Op.NE && m.op() != Stmt.Op.IMPLICIT) {
            throw new Operands.Refused(m.pos(), "an ordering comparison of ip6 addresses");
        }
        final List<Expr> elems = new ArrayList<>();
        if (m.right() instanceof Expr.AnonSet set) {
            set.elements().forEach(e -> elems.add(e.key()));
        } else if (m.right() instanceof Expr.SetRef ref) {
            final NamedSet s = c.namedSet(ref.name());
            if (s == null || s.isMap() || !s.keyType().equals(List.of(DataType.IPV6_ADDR))) {
                throw new Operands.Refused(ref.pos(), "an ip6 address lookup in @" + ref.name()
                        + ", which is not a set of ipv6_addr");
            }
            s.elements().forEach(e -> elems.add(e.key()));
        } else if (m.right() instanceof Expr.Range) {
            elems.add(m.right());
        }
        if (!elems.isEmpty() || m.right() instanceof Expr.AnonSet || m.right() instanceof Expr.SetRef) {
            final long[] r6 = new long[4 * elems.size()];
            for (int k = 0; k < elems.size(); k++) {
                interval6(elems.get(k), r6, 4 * k);
            }
            final Insn i = new Insn(Insn.LOOKUP6, m.pos());
            i.kind = daddr ? 1 : 0;
            i.ranges6 = r6;
            i.negate = m.op() == Stmt.Op.NE;
            i.guard = Loads.V6;
            return i;
        }
        Expr r = m.right();
        int len = 128;
        if (r instanceof Expr.Prefix p) {
            len = p.length();
            r = p.base();
        }
        if (!(r instanceof Expr.Ip6 a) || m.op() != Stmt.Op.EQ && m.op() != Stmt.Op.NE && m.op() != Stmt.Op.IMPLICIT) {
            throw new Operands.Refused(m.pos(), "an ip6 address matched other than against one address or prefix");
        }
        final Insn i = new Insn(Insn.CMP6, m.pos());
        i.kind = daddr ? 1 : 0;
        i.c = dev.ftpsim.core.net.Ipv6.maskHi(len);
        i.d = dev.ftpsim.core.net.Ipv6.maskLo(len);
        i.a = a.hi() & i.c;
        i.b = a.lo() & i.d;
        i.negate = m.op() == Stmt.Op.NE;
        i.guard = Loads.V6;
        return i;
    }

    /** An address, prefix or range of addresses as its first and last address at {@code out[at..at+3]}. */
    static void interval6(final Expr e, final long[] out, final int at) {
        if (e instanceof Expr.Ip6 a) {
            out[at] = out[at + 2] = a.hi();
            out[at + 1] = out[at + 3] = a.lo();
        } else if (e instanceof Expr.Prefix p && p.base() instanceof Expr.Ip6 a) {
            final long mh = dev.ftpsim.core.net.Ipv6.maskHi(p.length());
            final long ml = dev.ftpsim.core.net.Ipv6.maskLo(p.length());
            out[at] = a.hi() & mh;
            out[at + 1] = a.lo() & ml;
            out[at + 2] = a.hi() | ~mh;
            out[at + 3] = a.lo() | ~ml;
        } else if (e instanceof Expr.Range r && r.lo() instanceof Expr.Ip6 a && r.hi() instanceof Expr.Ip6 b) {
            out[at] = a.hi();
            out[at + 1] = a.lo();
            out[at + 2] = b.hi();
            out[at + 3] = b.lo();
        } else {
            throw new Operands.Refused(e.pos(), "this ip6 set element");
        }
    }

    private static Insn operand(final Insn i, final Operands.Left left) {
        i.fields = left.fields();
        i.mask = left.mask();
        i.xor = left.xor();
        i.guard = left.guard();
        return i;
    }

    /** A set lookup or vmap: {@code right} is an anonymous set, a named set, or one value. */
    private Insn lookup(final int op, final Operands.Left left, final Expr right, final dev.ftpsim.core.rules.Pos pos,
            final boolean neg) {
        if (left.guard() == Loads.NEVER) {
            return new Insn(Insn.NEVER, pos);
        }
        final Insn i = operand(new Insn(op, pos), left);
        i.negate = neg;
        if (right instanceof Expr.SetRef ref) {
            i.slot = c.setSlot(ref.name(), ref.pos());
            final NamedSet s = c.namedSet(ref.name());
            if (s != null && Compiler.keyWidth(s.keyType()) != left.width()) {
                throw new Operands.Refused(ref.pos(), "a lookup of @" + ref.name() + " with a key of another width");
            }
            return i;
        }
        final KeySet k = new KeySet(left.width());
        final List<Expr.Element> elems = right instanceof Expr.AnonSet s ? s.elements()
                : List.of(new Expr.Element(right, null, -1, -1, null, right.pos()));
        for (final Expr.Element e : elems) {
            c.elementInto(k, e, left, -1);
        }
        k.seal();
        i.slot = c.addSet(k);
        return i;
    }

    /** The kind of the objects a map being compiled yields, while its data are read; else null. */
    private Stmt.ObjKind dataKind;

    /** Compiles a map's elements with object names as data: their slots among objects of {@code kind}. */
    void withObjectData(final Stmt.ObjKind kind, final Runnable r) {
        final Stmt.ObjKind before = dataKind;
        dataKind = kind;
        try {
            r.run();
        } finally {
            dataKind = before;
        }
    }

    private Insn objRef(final Stmt.ObjRef o) {
        final int op;
        switch (o.kind()) {
            case COUNTER: op = Insn.NAMED_COUNTER; break;
            case CT_HELPER: op = Insn.HELPER; break;
            case LIMIT: op = Insn.LIMIT; break;
            case QUOTA: op = Insn.QUOTA; break;
            case CT_TIMEOUT: op = Insn.CT_TIMEOUT; break;
            default: op = Insn.CT_EXPECT; break;
        }
        final Insn i = new Insn(op, o.pos());
        if (o.name() instanceof Expr.Str name) {
            i.slot = c.objectSlot(o.kind(), name.value(), name.pos());
            return i;
        }
        if (!(o.name() instanceof Expr.MapLookup ml)) {
            throw new Operands.Refused(o.pos(), "this object reference");
        }
        // nft_objref_map_eval: the key's object; no element breaks the rule
        if (ml.map() instanceof Expr.SetRef ref) {
            final NamedSet s = c.namedSet(ref.name());
            if (s != null && s.dataObject() != o.kind()) {
                c.error(ref.pos(), "map @" + ref.name() + " does not map to " + kindName(o.kind()) + " objects");
            }
        }
        final Insn[] from = new Insn[1];
        withObjectData(o.kind(), () -> from[0] = lookup(Insn.LOOKUP, ops.left(ml.key()), ml.map(), ml.pos(), false));
        if (from[0].op == Insn.NEVER) {
            return from[0]; // an IPv6 key: an IPv4 packet finds no element
        }
        i.from = from[0];
        return i;
    }

    static String kindName(final Stmt.ObjKind k) {
        return k.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }

    private Insn assign(final Stmt.Assign a) {
        final Field f = a.target();
        if (f != Field.META_MARK && f != Field.CT_MARK && f != Field.TCP_OPTION_MAXSEG_SIZE
                && f != Field.META_NFTRACE) {
            throw new Operands.Refused(a.pos(), "setting " + f);
        }
        final Insn i = new Insn(f == Field.META_NFTRACE ? Insn.NOP : Insn.SET_FIELD, a.pos());
        i.kind = f.ordinal();
        if (a.value() instanceof Expr.Num n) {
            i.a = n.value();
        } else if (f == Field.TCP_OPTION_MAXSEG_SIZE && a.value() instanceof Expr.Load l && l.field() == Field.RT_MTU) {
            i.flags = 1; // clamp to the route's MTU less the IPv4 and TCP headers
        } else {
            final Operands.Left left = ops.left(a.value());
            i.from = operand(new Insn(Insn.CMP, a.pos()), left);
            if (left.width() != 1) {
                throw new Operands.Refused(a.pos(), "a concatenation as a value");
            }
        }
        if (f == Field.TCP_OPTION_MAXSEG_SIZE) {
            i.guard = dev.ftpsim.core.net.Packet.PROTO_TCP;
        }
        return i;
    }

    private Insn nat(final Stmt.Nat n) {
        final Insn i = new Insn(Insn.NAT, n.pos());
        i.kind = n.kind().ordinal();
        i.flags = n.flags();
        i.a = -1;
        i.b = -1;
        i.c = -1;
        i.d = -1;
        // nft_nat_inet_eval: a statement of one family leaves the other family's packets alone
        i.guard = n.family() == 10 ? Loads.V6 : n.family() == 2 && n.addr() != null ? Loads.V4 : 0;
        if (n.family() == 10 && n.addr() != null && !(n.addr() instanceof Expr.MapLookup)) {
            if (n.addr() instanceof Expr.Ip6 a) {
                i.a = a.hi();
                i.b = a.lo();
            } else {
                // A range (or prefix): the address is chosen per connection (Nat6Range)
                final long[] r = new long[4];
                interval6(n.addr(), r, 0);
                if (Long.compareUnsigned(r[0], r[2]) > 0 || r[0] == r[2] && Long.compareUnsigned(r[1], r[3]) > 0) {
                    throw new Operands.Refused(n.addr().pos(), "an IPv6 NAT range whose first address is above its last");
                }
                i.ranges6 = r;
            }
            i.flags |= NAT_IPV6;
        }
        if (n.addr() instanceof Expr.MapLookup ml) {
            final Operands.Left left = ops.left(ml.key());
            i.from = lookup(Insn.LOOKUP, left, ml.map(), ml.pos(), false);
            if (n.port() != null) {
                throw new Operands.Refused(n.port().pos(), "a port with a mapped NAT address");
            }
            if (concatData(ml.map())) {
                i.flags |= NAT_CONCAT_DATA;
            }
            if (ip6Data(ml.map()) != (n.family() == 10)) {
                throw new Operands.Refused(ml.pos(), n.family() == 10 ? "IPv4 addresses as data of an ip6 NAT map"
                        : "IPv6 addresses as data of a NAT map of an IPv4 statement (write 'dnat ip6 to')");
            }
            if (n.family() == 10) {
                // the addresses known so far: the named maps of this table and this rule's own elements
                i.ranges6 = data6.stream().mapToLong(Long::longValue).toArray();
                i.flags |= NAT_IPV6 | NAT_MAP6;
            }
        } else if (n.addr() != null && n.family() != 10) {
            final long[] r = ops.ranges(n.addr(), DataType.IPV4_ADDR).get(0);
            i.a = r[0];
            i.b = r[1];
        }
        if (n.port() instanceof Expr.MapLookup ml) {
            throw new Operands.Refused(ml.pos(), "a NAT port from a map");
        } else if (n.port() != null) {
            final long[] r = ops.ranges(n.port(), DataType.INET_SERVICE).get(0);
            i.c = r[0];
            i.d = r[1];
        }
        return i;
    }

    private boolean concatData(final Expr map) {
        return elements(map).stream().anyMatch(e -> e.data() instanceof Expr.Concat);
    }

    /** Whether a NAT map's data are IPv6 addresses; a map mixing both families is refused. */
    private boolean ip6Data(final Expr map) {
        final List<Expr.Element> es = elements(map);
        final long n6 = es.stream().filter(e -> isIp6(e.data())).count();
        if (n6 > 0 && n6 < es.size()) {
            throw new Operands.Refused(map.pos(), "a NAT map with both IPv4 and IPv6 addresses as data");
        }
        if (es.isEmpty() && map instanceof Expr.SetRef ref && c.namedSet(ref.name()) != null) {
            return c.namedSet(ref.name()).dataType() == DataType.IPV6_ADDR;
        }
        return n6 > 0;
    }

    private static boolean isIp6(final Expr d) {
        return d instanceof Expr.Ip6 || ip6Span(d) || d instanceof Expr.Concat cc && isIp6(cc.parts().get(0));
    }

    private static boolean ip6Span(final Expr d) {
        return d instanceof Expr.Range r && r.lo() instanceof Expr.Ip6
                || d instanceof Expr.Prefix p && p.base() instanceof Expr.Ip6;
    }

    private List<Expr.Element> elements(final Expr map) {
        if (map instanceof Expr.SetRef ref) {
            final NamedSet s = c.namedSet(ref.name());
            return s == null ? List.of() : s.elements();
        }
        return map instanceof Expr.AnonSet s ? s.elements() : List.of();
    }

    /** The index of an IPv6 address among the maps' data addresses, adding it once. */
    private long index6(final Expr.Ip6 a) {
        for (int k = 0; k < data6.size(); k += 2) {
            if (data6.get(k) == a.hi() && data6.get(k + 1) == a.lo()) {
                return k / 2;
            }
        }
        data6.add(a.hi());
        data6.add(a.lo());
        return data6.size() / 2 - 1;
    }

    private Insn setUpdate(final Stmt.SetUpdate u) {
        if (u.op() == Stmt.SetOp.DELETE) {
            throw new Operands.Refused(u.pos(), "'delete @" + u.set() + "' from the packet path");
        }
        final Operands.Left left = ops.left(u.key());
        final Insn i = operand(new Insn(Insn.SET_UPDATE, u.pos()), left);
        i.d = -1;
        for (final Stmt x : u.stmts()) {
            if (x instanceof Stmt.Limit l && i.d < 0) {
                i.d = c.addElementLimit(l); // nft_dynset: each element gets its own limit state
            } else if (!(x instanceof Stmt.Counter)) {
                throw new Operands.Refused(x.pos(), "this statement inside a set update");
            }
        }
        i.slot = c.setSlot(u.set(), u.pos());
        final NamedSet s = c.namedSet(u.set());
        final long t = u.timeoutMs() >= 0 ? u.timeoutMs() : s == null ? -1 : s.timeoutMs();
        i.a = t > 0 ? t * 1_000_000L : -1;
        i.b = s == null || s.size() < 0 ? 65535 : s.size(); // nft's default set size for dynamic sets
        i.kind = u.op() == Stmt.SetOp.UPDATE ? 1 : 0;
        return i;
    }

    /** A map's data as an interval: verdict codes, addresses, ports, {@code addr . port} packed. */
    long[] data(final Expr d) {
        if (d instanceof Expr.VerdictValue v) {
            final int kind = verdictKind(v.kind(), v.pos());
            final int chain = v.chain() == null ? -1 : c.chainIndex(v.chain(), v.pos());
            final long code = kind | (long) (chain + 1) << 8;
            return new long[] {code, code};
        }
        if (d instanceof Expr.Ip6 a) {
            final long k = index6(a);
            return new long[] {k, k};
        }
        if (ip6Span(d) || d instanceof Expr.Concat cc0 && ip6Span(cc0.parts().get(0))) {
            throw new Operands.Refused(d.pos(), "an IPv6 address range or prefix as map data");
        }
        if (d instanceof Expr.Concat cc && cc.parts().size() == 2) {
            final long a = cc.parts().get(0) instanceof Expr.Ip6 a6 ? index6(a6)
                    : ops.ranges(cc.parts().get(0), DataType.IPV4_ADDR).get(0)[0];
            final long[] pr = ops.ranges(cc.parts().get(1), DataType.INET_SERVICE).get(0);
            if (pr[0] != pr[1]) {
                throw new Operands.Refused(cc.parts().get(1).pos(), "a port range in addr . port map data");
            }
            final long p = pr[0];
            return new long[] {a << 16 | p, a << 16 | p};
        }
        if (d instanceof Expr.Str s) {
            if (dataKind == null) {
                throw new Operands.Refused(s.pos(), "a map to objects (\"" + s.value() + "\") used as a value");
            }
            final int slot = c.objectSlot(dataKind, s.value(), s.pos());
            return new long[] {slot, slot};
        }
        return ops.ranges(d, DataType.INTEGER).get(0);
    }

    private static int verdictKind(final Stmt.VerdictKind k, final dev.ftpsim.core.rules.Pos pos) {
        switch (k) {
            case ACCEPT: return Insn.V_ACCEPT;
            case DROP: return Insn.V_DROP;
            case CONTINUE: return Insn.V_CONTINUE;
            case RETURN: return Insn.V_RETURN;
            case JUMP: return Insn.V_JUMP;
            case GOTO: return Insn.V_GOTO;
            default: throw new Operands.Refused(pos, "the queue verdict (no userspace queue)");
        }
    }

    /** The ICMP code an IPv4 packet gets (nft_reject_icmp_code for icmpx; linux/netfilter/nf_tables.h). */
    private static long icmpCode(final Stmt.Reject r) {
        switch (r.kind()) {
            case TCP_RESET: return -1;
            case ICMP: return r.code();
            case ICMPX:
                switch (r.code()) {
                    case 0: return 0; // no-route: net unreachable
                    case 2: return 1; // host-unreachable
                    case 3: return 13; // admin-prohibited
                    default: return 3; // port-unreachable
                }
            default: return -2; // an icmpv6 code: an IPv4 packet is dropped without an answer
        }
    }

    /**
     * The ICMPv6 destination-unreachable code an IPv6 packet is rejected with, -1 for a TCP reset,
     * -2 for none (an icmp type: nft_reject_inet answers only the IPv4 packets). icmpx codes map
     * as nft_reject.c's icmp_code_v6[] does.
     */
    private static long icmp6Code(final Stmt.Reject r) {
        switch (r.kind()) {
            case TCP_RESET: return -1;
            case ICMPV6: return r.code();
            case ICMPX:
                switch (r.code()) {
                    case 0: return 0; // no-route
                    case 2: return 3; // host-unreachable: address unreachable
                    case 3: return 1; // admin-prohibited
                    default: return 4; // port-unreachable
                }
            default: return -2;
        }
    }

    /** The chains a verdict map's data jumps or goes to. */
    static List<Integer> vmapTargets(final KeySet k) {
        final List<Integer> out = new ArrayList<>();
        for (int i = 0; i < k.size(); i++) {
            final long code = k.dataLo(i);
            final int kind = (int) (code & 0xff);
            if ((kind == Insn.V_JUMP || kind == Insn.V_GOTO) && (code >> 8) > 0) {
                out.add((int) (code >> 8) - 1);
            }
        }
        return out;
    }
}
