package dev.ftpsim.core.rules;

import dev.ftpsim.core.rules.NftLexer.Kind;
import dev.ftpsim.core.rules.NftLexer.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * nft expressions: field loads and their combinations (left of a match), and typed constants,
 * sets and maps (right of a match, set elements, statement arguments). Symbols are resolved by
 * the type of what they are compared with, as nft does.
 */
class NftExprParser {
    /** Meta keys nft accepts without the {@code meta} word. */
    private static final Set<String> BARE_META = Set.of("iif", "oif", "iifname", "oifname", "iiftype",
            "oiftype", "mark", "pkttype", "skuid", "skgid", "priority", "nftrace");
    private static final Set<String> PAYLOAD = Set.of("ip", "ip6", "tcp", "udp", "th", "icmp", "icmpv6",
            "ether", "vlan", "sctp");

    final NftCursor in;
    /** Reports references to named sets (checked when the command ends). */
    final NftRefs refs;

    NftExprParser(final NftCursor in, final NftRefs refs) {
        this.in = in;
        this.refs = refs;
    }

    /** Whether the next word starts a field load. */
    boolean atLoad() {
        final Token t = in.peek();
        if (t.kind() != Kind.WORD) {
            return false;
        }
        final String w = t.text();
        return w.equals("meta") || BARE_META.contains(w) || w.equals("ct") && !in.peek(1).is("count")
                || w.equals("fib") || w.equals("rt") || w.equals("numgen") || w.equals("jhash")
                || PAYLOAD.contains(w) && in.peek(1).kind() == Kind.WORD && !in.peek(1).is("to");
    }

    /** A load, possibly with bitwise operators, possibly concatenated with {@code .}. */
    Expr left() {
        final Pos pos = in.peek().pos();
        final List<Expr> parts = new ArrayList<>();
        parts.add(arith());
        while (in.at(".")) {
            in.next();
            parts.add(arith());
        }
        return parts.size() == 1 ? parts.get(0) : new Expr.Concat(parts, pos);
    }

    /**
     * Operators in one expression: real rules use one or two ({@code meta mark & 0xff00}); each is
     * a level of the expression tree that later passes walk recursively, so 200,000 of them in a
     * line overflowed the stack.
     */
    static final int MAX_OPERATORS = 64;

    private Expr arith() {
        Expr e = load();
        for (int n = 0; ; n++) {
            final Token t = in.peek();
            final Expr.BinOp op = binop(t);
            if (op == null) {
                return e;
            }
            if (n == MAX_OPERATORS) {
                throw NftCursor.fail(t, "more than " + MAX_OPERATORS + " operators in one expression");
            }
            in.next();
            e = new Expr.Binop(op, e, value(types(e).get(0)), t.pos());
        }
    }

    private static Expr.BinOp binop(final Token t) {
        switch (t.text()) {
            case "&": case "and": return Expr.BinOp.AND;
            case "|": case "or": return Expr.BinOp.OR;
            case "^": case "xor": return Expr.BinOp.XOR;
            case "<<": case "lshift": return Expr.BinOp.LSHIFT;
            case ">>": case "rshift": return Expr.BinOp.RSHIFT;
            default: return null;
        }
    }

    /** One load: a field, fib, numgen or jhash. */
    Expr load() {
        final Token t = in.next();
        final Pos pos = t.pos();
        final String w = t.text();
        if (t.kind() != Kind.WORD) {
            throw NftCursor.fail(t, "expected an expression");
        }
        if (BARE_META.contains(w)) {
            return field("meta", w, pos);
        }
        switch (w) {
            case "meta":
                return field("meta", in.name("meta key").text(), pos);
            case "ct": {
                final String key = in.name("ct key").text();
                if (key.equals("original") || key.equals("reply")) {
                    if (in.at("ip") || in.at("ip6")) {
                        in.next();
                    }
                    return field("ct " + key, in.name("ct " + key + " key").text(), pos);
                }
                return field("ct", key, pos);
            }
            case "rt":
                return field("rt", in.name("rt key").text(), pos);
            case "fib":
                return fib(pos);
            case "numgen": {
                final String mode = in.name("random or inc").text();
                if (!mode.equals("random") && !mode.equals("inc")) {
                    throw new ParseFailure(pos, "numgen " + mode + " is not modelled (random or inc)");
                }
                in.expect("mod");
                final long mod = number();
                final long offset = in.accept("offset") ? number() : 0;
                return new Expr.Numgen(mode.equals("random"), mod, offset, pos);
            }
            case "jhash": {
                final Expr key = concatOfLoads();
                in.expect("mod");
                final long mod = number();
                final long seed = in.accept("seed") ? number() : -1; // none: the kernel draws one
                final long offset = in.accept("offset") ? number() : 0;
                return new Expr.Jhash(key, mod, seed, offset, pos);
            }
            default:
                break;
        }
        if (PAYLOAD.contains(w)) {
            final String key = in.name(w + " field").text();
            if (w.equals("tcp") && key.equals("option")) {
                final String opt = in.name("tcp option").text();
                if (!opt.equals("maxseg")) {
                    throw new ParseFailure(pos, "tcp option " + opt + " is not modelled (only maxseg)");
                }
                in.expect("size");
                return new Expr.Load(Field.TCP_OPTION_MAXSEG_SIZE, pos);
            }
            return field(w, key, pos);
        }
        throw new ParseFailure(pos, "'" + NftCursor.excerpt(w) + "' is not modelled");
    }

    private Expr concatOfLoads() {
        final Pos pos = in.peek().pos();
        final List<Expr> parts = new ArrayList<>();
        parts.add(load());
        while (in.accept(".")) {
            parts.add(load());
        }
        return parts.size() == 1 ? parts.get(0) : new Expr.Concat(parts, pos);
    }

    private Expr fib(final Pos pos) {
        int flags = 0;
        do {
            final Token f = in.name("fib flag");
            switch (f.text()) {
                case "saddr": flags |= Expr.FIB_SADDR; break;
                case "daddr": flags |= Expr.FIB_DADDR; break;
                case "mark": flags |= Expr.FIB_MARK; break;
                case "iif": flags |= Expr.FIB_IIF; break;
                case "oif": flags |= Expr.FIB_OIF; break;
                default: throw NftCursor.fail(f, "unknown fib flag");
            }
        } while (in.accept("."));
        final Token r = in.name("fib result");
        if (!List.of("oif", "oifname", "type", "check").contains(r.text())) {
            throw NftCursor.fail(r, "fib result must be oif, oifname, type or check");
        }
        return new Expr.Fib(flags, r.text(), pos);
    }

    private static Expr field(final String proto, final String key, final Pos pos) {
        final Field f = Field.of(proto, key);
        if (f == null) {
            throw new ParseFailure(pos, "'" + proto + " " + key + "' is not modelled");
        }
        return new Expr.Load(f, pos);
    }

    /** The value types an expression yields, one per concatenated part. */
    static List<DataType> types(final Expr e) {
        if (e instanceof Expr.Concat c) {
            final List<DataType> out = new ArrayList<>();
            for (final Expr p : c.parts()) {
                out.addAll(types(p));
            }
            return out;
        } else if (e instanceof Expr.Load l) {
            return List.of(l.field().type());
        } else if (e instanceof Expr.Binop b) {
            return types(b.left());
        } else if (e instanceof Expr.Fib f) {
            return List.of(f.result().equals("type") ? DataType.FIB_ADDRTYPE
                    : f.result().equals("check") ? DataType.BOOLEAN
                    : f.result().equals("oifname") ? DataType.IFNAME : DataType.IFINDEX);
        }
        return List.of(DataType.INTEGER);
    }

    /** The right side of a match: a set, a set reference, or (concatenated, comma-listed) values. */
    Expr rhs(final List<DataType> types) {
        if (in.at("{")) {
            return anonSet(types, null);
        }
        if (in.at("@")) {
            return setRef();
        }
        final Expr first = concatValue(types);
        if (!in.at(",")) {
            return first;
        }
        final List<Expr> items = new ArrayList<>(List.of(first));
        while (in.accept(",")) {
            items.add(concatValue(types));
        }
        if (types.size() == 1 && types.get(0).isBitmask()) {
            long bits = 0;
            for (final Expr e : items) {
                if (!(e instanceof Expr.Num n)) {
                    throw new ParseFailure(e.pos(), "a flag list takes flag names only");
                }
                bits |= n.value();
            }
            return new Expr.Num(types.get(0), bits, first.pos());
        }
        final List<Expr.Element> elems = new ArrayList<>();
        for (final Expr e : items) {
            elems.add(new Expr.Element(e, null, -1, -1, null, e.pos()));
        }
        return new Expr.AnonSet(elems, first.pos());
    }

    Expr setRef() {
        final Token at = in.expect("@");
        final Token name = in.name("set name");
        refs.set(name.text(), at.pos());
        return new Expr.SetRef(name.text(), at.pos());
    }

    /** Values joined by {@code .}, one per key type. */
    Expr concatValue(final List<DataType> types) {
        final Pos pos = in.peek().pos();
        final List<Expr> parts = new ArrayList<>();
        parts.add(value(types.get(0)));
        while (in.at(".")) {
            if (parts.size() >= types.size()) {
                throw NftCursor.fail(in.peek(), "more concatenated values than the key has parts");
            }
            in.next();
            parts.add(value(types.get(parts.size())));
        }
        if (parts.size() != types.size()) {
            throw new ParseFailure(pos, "expected " + types.size() + " concatenated values, found " + parts.size());
        }
        return parts.size() == 1 ? parts.get(0) : new Expr.Concat(parts, pos);
    }

    /** A set or map literal; {@code data} is null for a set. */
    Expr.AnonSet anonSet(final List<DataType> key, final DataType data) {
        final Pos pos = in.expect("{").pos();
        final List<Expr.Element> elems = elements(key, data);
        if (data != null || key.size() > 1) { // a set of concatenations overlaps in the kernel: not merged
            SetIntervals.checkAnonymousMap(elems);
        }
        return new Expr.AnonSet(elems, pos);
    }

    /** Elements after an opening brace, up to and including the closing one. */
    List<Expr.Element> elements(final List<DataType> key, final DataType data) {
        final List<Expr.Element> out = new ArrayList<>();
        in.skipNewlines();
        while (!in.at("}")) {
            final Pos pos = in.peek().pos();
            final Expr k = concatValue(key);
            long timeout = -1;
            long expires = -1;
            String comment = null;
            while (true) {
                if (in.accept("timeout")) {
                    timeout = time();
                } else if (in.accept("expires")) {
                    expires = time();
                } else if (in.accept("comment")) {
                    comment = in.comment("comment").text();
                } else {
                    break;
                }
            }
            Expr d = null;
            if (data != null) {
                in.expect(":");
                d = data == DataType.VERDICT ? verdictValue() : value(data);
                if ((data == DataType.IPV4_ADDR || data == DataType.IPV6_ADDR) && in.accept(".")) {
                    // NAT data "addr . port" (nftables 0.9.4's concatenated NAT maps)
                    d = new Expr.Concat(List.of(d, value(DataType.INET_SERVICE)), d.pos());
                }
            }
            out.add(new Expr.Element(k, d, timeout, expires, comment, pos));
            in.skipNewlines();
            if (!in.accept(",")) {
                break;
            }
            in.skipNewlines();
        }
        in.skipNewlines();
        in.expect("}");
        return out;
    }

    Expr verdictValue() {
        final Token t = in.name("verdict");
        final Stmt.VerdictKind k = verdictKind(t.text());
        if (k == null) {
            throw NftCursor.fail(t, "expected a verdict");
        }
        String chain = null;
        if (k == Stmt.VerdictKind.JUMP || k == Stmt.VerdictKind.GOTO) {
            final Token c = in.name("chain name");
            chain = c.text();
            refs.chain(chain, c.pos());
        }
        return new Expr.VerdictValue(k, chain, t.pos());
    }

    static Stmt.VerdictKind verdictKind(final String w) {
        switch (w) {
            case "accept": return Stmt.VerdictKind.ACCEPT;
            case "drop": return Stmt.VerdictKind.DROP;
            case "continue": return Stmt.VerdictKind.CONTINUE;
            case "return": return Stmt.VerdictKind.RETURN;
            case "jump": return Stmt.VerdictKind.JUMP;
            case "goto": return Stmt.VerdictKind.GOTO;
            default: return null;
        }
    }

    /** One constant of a type, a range {@code a-b}, a prefix {@code a/n}, or a parenthesised flag list. */
    Expr value(final DataType type) {
        final Token t = in.peek();
        if (t.is("(")) {
            in.next();
            long bits = ((Expr.Num) numeric(flag(type))).value();
            while (in.accept("|")) {
                bits |= ((Expr.Num) numeric(flag(type))).value();
            }
            in.expect(")");
            return new Expr.Num(type, bits, t.pos());
        }
        if (t.kind() == Kind.STRING) {
            in.next();
            if (type == DataType.IFINDEX || type == DataType.STRING) {
                return new Expr.Str(t.text(), t.pos());
            }
            return Constants.parse(type, t.text(), t.pos());
        }
        if (t.kind() != Kind.WORD) {
            throw NftCursor.fail(t, "expected a " + type.nftName() + " value");
        }
        in.next();
        final Expr v = Constants.parse(type, t.text(), t.pos());
        if (type.isBitmask() && v instanceof Expr.Num n && in.at("|")) {
            // flags ORed without parentheses, as nft lists a set element: { syn | ack, syn }
            long bits = n.value();
            while (in.accept("|")) {
                final Token f = in.name(type.nftName() + " value");
                bits |= ((Expr.Num) numeric(Constants.parse(type, f.text(), f.pos()))).value();
            }
            return new Expr.Num(type, bits, t.pos());
        }
        return v;
    }

    /** One value of a flag list: a flag list is one level, (a | b); each deeper one would be a call. */
    private Expr flag(final DataType type) {
        if (in.at("(")) {
            throw NftCursor.fail(in.peek(), "parentheses inside a flag list are not modelled");
        }
        return value(type);
    }

    private static Expr numeric(final Expr e) {
        if (!(e instanceof Expr.Num)) {
            throw new ParseFailure(e.pos(), "expected a number or flag name");
        }
        return e;
    }

    /** A value for an assignment or NAT: a constant, or a load (with arithmetic, or a map lookup). */
    Expr valueExpr(final DataType type) {
        if (atLoad()) {
            final Expr key = left();
            if (in.accept("map")) {
                final Pos pos = in.peek().pos();
                final Expr map = in.at("@") ? setRef() : anonSet(types(key), type);
                return new Expr.MapLookup(key, map, pos);
            }
            return key;
        }
        return value(type);
    }

    long number() {
        return in.number();
    }

    long time() {
        final Token t = in.name("time");
        final long v = Values.timeMs(t.text());
        if (v == Values.TOO_LARGE) {
            throw NftCursor.fail(t, "value too large");
        }
        if (v < 0) {
            throw NftCursor.fail(t, "expected a time such as 30s or 1h");
        }
        return v;
    }
}
