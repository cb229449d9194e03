package dev.ftpsim.core.rules;

import dev.ftpsim.core.rules.NftLexer.Kind;
import dev.ftpsim.core.rules.NftLexer.Token;
import java.util.ArrayList;
import java.util.List;

/** nft rules: a line of matches and statements, read into a flat list of {@link Stmt}. */
final class NftRuleParser extends NftExprParser {
    /** The table's family: NAT with an address needs a family in inet tables. */
    private final Family family;

    NftRuleParser(final NftCursor in, final NftRefs refs, final Family family) {
        super(in, refs);
        this.family = family;
    }

    /** A rule up to its line end, ';' or '}'; the handle is {@code fixedHandle}, or the line's {@code # handle N}. */
    Rule rule(final long fixedHandle) {
        final Pos pos = in.peek().pos();
        final List<Stmt> items = new ArrayList<>();
        String comment = null;
        while (!in.atEnd()) {
            if (comment != null) { // nft's grammar has the comment last
                throw NftCursor.fail(in.peek(), "syntax error, expecting newline or semicolon after the comment");
            }
            if (in.accept("comment")) {
                comment = in.comment("comment text").text();
            } else {
                final int before = items.size();
                item(items);
                if (before > 0 && terminal(items.get(before - 1))) {
                    // nft (src/evaluate.c, rule_evaluate) refuses what could never run
                    throw new ParseFailure(items.get(before).pos(), "Statement after terminal statement has no effect");
                }
            }
        }
        protocols(items, family);
        final Long h = in.handles.get(pos.line());
        final long handle = fixedHandle >= 0 ? fixedHandle : h != null ? h : -1;
        if (items.isEmpty()) {
            throw new ParseFailure(pos, "empty rule");
        }
        return new Rule(Canon.rule(items, family), comment, handle, pos);
    }

    /** A statement nft marks STMT_F_TERMINAL: a verdict but continue (a verdict map is not one), reject, NAT. */
    private static boolean terminal(final Stmt s) {
        return s instanceof Stmt.Verdict v && v.kind() != Stmt.VerdictKind.CONTINUE || s instanceof Stmt.Reject
                || s instanceof Stmt.Nat;
    }

    private void item(final List<Stmt> items) {
        final Token t = in.peek();
        if (t.kind() != Kind.WORD) {
            throw NftCursor.fail(t, "expected a match or statement");
        }
        final Pos pos = t.pos();
        final Stmt.VerdictKind vk = verdictKind(t.text());
        if (vk != null) {
            in.next();
            items.add(verdict(vk, pos));
            return;
        }
        switch (t.text()) {
            case "counter": in.next(); items.add(counter(pos)); return;
            case "log": in.next(); items.add(log(pos)); return;
            case "reject": in.next(); items.add(reject(pos, items)); return;
            case "notrack": in.next(); items.add(new Stmt.Notrack(pos)); return;
            case "limit": in.next(); items.add(limitStmt(pos)); return;
            case "quota": in.next(); items.add(quotaStmt(pos)); return;
            case "masquerade": case "snat": case "dnat": case "redirect":
                in.next();
                items.add(nat(t.text(), items, pos));
                return;
            case "flow": {
                in.next();
                final Token op = in.name("add or offload");
                if (!op.text().equals("add") && !op.text().equals("offload")) {
                    throw NftCursor.fail(op, "expected 'flow add @flowtable'");
                }
                in.expect("@");
                final Token ft = in.name("flowtable name");
                refs.flowtable(ft.text(), ft.pos());
                items.add(new Stmt.FlowAdd(ft.text(), pos));
                return;
            }
            case "meter": {
                in.next();
                final Token name = in.name("meter name");
                final long size = in.accept("size") ? number() : -1;
                items.add(setUpdate("update", name, size, pos));
                return;
            }
            case "add": case "update": case "delete":
                if (in.peek(1).is("@")) {
                    in.next();
                    items.add(setUpdate(t.text(), pos));
                    return;
                }
                break;
            case "ct":
                if (in.peek(1).is("count")) {
                    in.next();
                    in.next();
                    final boolean over = in.accept("over");
                    items.add(new Stmt.Match(new Expr.CtCount(number(), over, pos), Stmt.Op.IMPLICIT,
                            new Expr.Num(DataType.BOOLEAN, 1, pos), pos));
                    return;
                }
                final String k = in.peek(1).text();
                if ((k.equals("helper") || k.equals("timeout") || k.equals("expectation")) && in.peek(2).is("set")) {
                    in.next();
                    in.next();
                    in.next();
                    final Stmt.ObjKind kind = k.equals("helper") ? Stmt.ObjKind.CT_HELPER
                            : k.equals("timeout") ? Stmt.ObjKind.CT_TIMEOUT : Stmt.ObjKind.CT_EXPECTATION;
                    items.add(new Stmt.ObjRef(kind, objectName(kind), pos));
                    return;
                }
                break;
            default:
                break;
        }
        if (!atLoad()) {
            throw new ParseFailure(pos, "'" + NftCursor.excerpt(t.text()) + "' is not modelled");
        }
        final Expr left = left();
        final Token op = in.peek();
        if (op.is("set")) {
            in.next();
            if (!(left instanceof Expr.Load l) || !settable(l.field())) {
                throw new ParseFailure(op.pos(), "setting " + ExprWords.of(left) + " is not modelled");
            }
            items.add(new Stmt.Assign(l.field(), valueExpr(l.field().type()), pos));
            return;
        }
        if (op.is("vmap")) {
            in.next();
            final Expr map = in.at("@") ? setRef() : anonSet(types(left), DataType.VERDICT);
            items.add(new Stmt.Vmap(left, map, pos));
            return;
        }
        final Stmt.Op rel = relop(op.text());
        if (rel != Stmt.Op.IMPLICIT) {
            in.next();
        }
        if (in.atEnd()) {
            throw NftCursor.fail(in.peek(), "expected a value to compare with");
        }
        final Expr right = rhs(types(left));
        if (op.is("!") && !(right instanceof Expr.Num n && n.type().isBitmask())) {
            // nft's '!' negates flag values only (what 'nft list ruleset' prints for flags & x == 0);
            // nft 1.0.6's words, at the match
            throw new ParseFailure(pos, "negation can only be used with singleton bitmask values");
        }
        if (in.at("/") && right instanceof Expr.Num value) {
            // 'tcp flags syn / syn,fin,rst': the flags under the mask equal the value
            final Token slash = in.next();
            final Expr mask = rhs(types(left));
            items.add(new Stmt.Match(new Expr.Binop(Expr.BinOp.AND, left, mask, slash.pos()),
                    rel == Stmt.Op.IMPLICIT ? Stmt.Op.EQ : rel, value, pos));
            return;
        }
        if (left instanceof Expr.Load l && l.field().bits() > 0) {
            withinWidth(right, (1L << l.field().bits()) - 1);
        }
        items.add(new Stmt.Match(left, normalise(rel, right), right, pos));
    }

    /** A constant a narrow field cannot hold is refused, as nft refuses it, not a match that never matches. */
    private static void withinWidth(final Expr e, final long max) {
        if (e instanceof Expr.Num n && Long.compareUnsigned(n.value(), max) > 0) {
            throw new ParseFailure(n.pos(), "Value " + Long.toUnsignedString(n.value()) + " exceeds valid range 0-" + max);
        } else if (e instanceof Expr.Range r) {
            withinWidth(r.lo(), max);
            withinWidth(r.hi(), max);
        } else if (e instanceof Expr.AnonSet s) {
            s.elements().forEach(x -> withinWidth(x.key(), max));
        }
    }

    /** nft's bare form means "equal" except for a flag value, where it means "any of these bits". */
    static Stmt.Op normalise(final Stmt.Op op, final Expr right) {
        if (op == Stmt.Op.IMPLICIT && !(right instanceof Expr.Num n && n.type().isBitmask())) {
            return Stmt.Op.EQ;
        }
        return op;
    }

    private static boolean settable(final Field f) {
        return f == Field.META_MARK || f == Field.CT_MARK || f == Field.TCP_OPTION_MAXSEG_SIZE
                || f == Field.META_NFTRACE || f == Field.META_PRIORITY || f == Field.CT_ZONE;
    }

    private static Stmt.Op relop(final String w) {
        switch (w) {
            case "==": case "eq": return Stmt.Op.EQ;
            // '!' before flags: none of these bits, as nft emits it (bitwise and, cmp eq 0) and
            // lists 'tcp flags & syn == 0'; ftpsim's != before flags means the same
            case "!=": case "ne": case "!": return Stmt.Op.NE;
            case "<": case "lt": return Stmt.Op.LT;
            case ">": case "gt": return Stmt.Op.GT;
            case "<=": case "le": return Stmt.Op.LE;
            case ">=": case "ge": return Stmt.Op.GE;
            default: return Stmt.Op.IMPLICIT;
        }
    }

    private Stmt verdict(final Stmt.VerdictKind vk, final Pos pos) {
        if (vk != Stmt.VerdictKind.JUMP && vk != Stmt.VerdictKind.GOTO) {
            return new Stmt.Verdict(vk, null, pos);
        }
        if (in.at("{")) {
            in.next();
            final List<Rule> rules = new ArrayList<>();
            in.skipSeparators();
            while (!in.at("}")) {
                rules.add(rule(-1));
                in.skipSeparators();
            }
            in.expect("}");
            return new Stmt.Verdict(vk, refs.anonymousChain(rules, pos), pos);
        }
        final Token c = in.name("chain name");
        refs.chain(c.text(), c.pos());
        return new Stmt.Verdict(vk, c.text(), pos);
    }

    private Expr objectName(final Stmt.ObjKind kind) {
        final Token t = in.peek();
        if (t.kind() == Kind.STRING || t.kind() == Kind.WORD && !atLoad()) {
            in.next();
            refs.object(kind, t.text(), t.pos());
            return new Expr.Str(t.text(), t.pos());
        }
        return valueExpr(DataType.STRING);
    }

    private Stmt counter(final Pos pos) {
        if (in.accept("name")) {
            return new Stmt.ObjRef(Stmt.ObjKind.COUNTER, objectName(Stmt.ObjKind.COUNTER), pos);
        }
        long packets = 0;
        long bytes = 0;
        if (in.accept("packets")) {
            packets = number();
            in.expect("bytes");
            bytes = number();
        }
        return new Stmt.Counter(packets, bytes, pos);
    }

    private Stmt log(final Pos pos) {
        String prefix = null;
        String level = "warn";
        int flags = 0;
        int group = -1;
        while (true) {
            if (in.accept("prefix")) {
                prefix = in.name("log prefix").text();
            } else if (in.accept("level")) {
                level = in.name("log level").text();
                if (!List.of("emerg", "alert", "crit", "err", "warn", "notice", "info", "debug", "audit").contains(level)) {
                    throw new ParseFailure(pos, "unknown log level " + level);
                }
            } else if (in.accept("group")) {
                group = (int) number();
            } else if (in.accept("snaplen") || in.accept("queue-threshold")) {
                number();
            } else if (in.accept("flags")) {
                flags |= logFlags();
            } else {
                return new Stmt.Log(prefix, level, flags, group, pos);
            }
        }
    }

    private int logFlags() {
        final Token t = in.name("log flag");
        switch (t.text()) {
            case "all": return Stmt.LOG_TCPSEQ | Stmt.LOG_TCPOPT | Stmt.LOG_IPOPT | Stmt.LOG_UID | Stmt.LOG_MACDECODE;
            case "skuid": return Stmt.LOG_UID;
            case "ether": return Stmt.LOG_MACDECODE;
            case "ip":
                in.expect("options");
                return Stmt.LOG_IPOPT;
            case "tcp": {
                int f = 0;
                do {
                    final Token o = in.name("sequence or options");
                    f |= o.text().equals("sequence") ? Stmt.LOG_TCPSEQ : o.text().equals("options") ? Stmt.LOG_TCPOPT : fail(o);
                } while (in.accept(","));
                return f;
            }
            default:
                return fail(t);
        }
    }

    private static int fail(final Token t) {
        throw NftCursor.fail(t, "unknown log flag");
    }

    private Stmt reject(final Pos pos, final List<Stmt> before) {
        if (!in.accept("with")) {
            return Stmt.defaultReject(family, pos);
        }
        final Token k = in.name("tcp, icmp, icmpv6 or icmpx");
        switch (k.text()) {
            case "tcp":
                in.expect("reset");
                final String l4 = protocols(before, family)[1];
                if (l4 != null && !l4.equals("tcp")) {
                    throw new ParseFailure(pos, "you cannot use tcp reset with this protocol");
                }
                if (!hasTransportContext(before)) {
                    // nft adds this dependency itself (src/evaluate.c stmt_reject_gen_dependency)
                    before.add(new Stmt.Match(new Expr.Load(Field.META_L4PROTO, pos), Stmt.Op.EQ,
                            new Expr.Num(DataType.INET_PROTO, 6, pos), pos));
                }
                return new Stmt.Reject(Stmt.RejectKind.TCP_RESET, -1, pos);
            case "icmp": return rejectCode(Stmt.RejectKind.ICMP, DataType.ICMP_CODE, pos);
            case "icmpv6": return rejectCode(Stmt.RejectKind.ICMPV6, DataType.ICMPV6_CODE, pos);
            case "icmpx": return rejectCode(Stmt.RejectKind.ICMPX, DataType.ICMPX_CODE, pos);
            default: throw NftCursor.fail(k, "unknown reject type");
        }
    }

    private Stmt rejectCode(final Stmt.RejectKind kind, final DataType type, final Pos pos) {
        in.accept("type");
        final Expr code = value(type);
        if (!(code instanceof Expr.Num n)) {
            throw new ParseFailure(code.pos(), "expected a reject code");
        }
        return new Stmt.Reject(kind, (int) n.value(), pos);
    }

    private Stmt limitStmt(final Pos pos) {
        if (in.accept("name")) {
            return new Stmt.ObjRef(Stmt.ObjKind.LIMIT, objectName(Stmt.ObjKind.LIMIT), pos);
        }
        in.expect("rate");
        return limit(in, pos);
    }

    /** {@code [over] N[ unit]/period [burst N packets|bytes]}, after the word {@code rate}. */
    static Stmt.Limit limit(final NftCursor in, final Pos pos) {
        final boolean over = in.accept("over");
        in.accept("until");
        final Token rate = in.name("rate");
        String spec = rate.text();
        long mult = 1;
        boolean bytes = false;
        if (!spec.contains("/")) {
            final Token unit = in.name("rate unit");
            final int slash = unit.text().indexOf('/');
            mult = Values.byteUnit(slash < 0 ? unit.text() : unit.text().substring(0, slash));
            if (mult < 0 || slash < 0) {
                throw NftCursor.fail(unit, "expected a rate such as 10/second or 1 mbytes/second");
            }
            bytes = true;
            spec = spec + unit.text().substring(slash);
        }
        final int slash = spec.indexOf('/');
        final Long n = slash > 0 ? Values.number(spec.substring(0, slash)) : null;
        final long unitMs = slash > 0 ? Values.unitMs(spec.substring(slash + 1)) : -1;
        if (n == null || unitMs < 0) {
            throw NftCursor.fail(rate, "expected a rate such as 10/second");
        }
        long burst = bytes ? 0 : 5;
        final Pos burstAt = in.peek().pos();
        if (in.accept("burst")) {
            final Token b = in.name("burst");
            final Long bn = Values.number(b.text());
            if (bn == null) {
                throw NftCursor.fail(b, "expected a burst size");
            }
            burst = bn;
            if (in.at("packets")) {
                in.next();
            } else if (!in.atEnd() && Values.byteUnit(in.peek().text()) > 0) {
                burst *= Values.byteUnit(in.next().text());
            }
            if (burst == 0 && !bytes) {
                // nft's words (src/evaluate.c): a packet bucket of no packets would pass none
                throw new ParseFailure(burstAt, "packet limit burst must be > 0");
            }
        }
        return new Stmt.Limit(n * mult, unitMs, burst, bytes, over, pos);
    }

    private Stmt quotaStmt(final Pos pos) {
        if (in.accept("name")) {
            return new Stmt.ObjRef(Stmt.ObjKind.QUOTA, objectName(Stmt.ObjKind.QUOTA), pos);
        }
        final long[] q = quota(in);
        return new Stmt.Quota(q[0] != 0, q[1], q[2], pos);
    }

    /** {@code [over|until] N unit [used N unit]} as {over, bytes, used}. */
    static long[] quota(final NftCursor in) {
        final boolean over = in.accept("over");
        in.accept("until");
        final long bytes = bytes(in);
        final long used = in.accept("used") ? bytes(in) : 0;
        return new long[] {over ? 1 : 0, bytes, used};
    }

    private static long bytes(final NftCursor in) {
        final Token n = in.name("byte count");
        final Long v = Values.number(n.text());
        final long unit = Values.byteUnit(in.name("byte unit").text());
        if (v == null || unit < 0) {
            throw NftCursor.fail(n, "expected a quantity such as 25 mbytes");
        }
        return v * unit;
    }

    private Stmt setUpdate(final String op, final Pos pos) {
        in.expect("@");
        final Token name = in.name("set name");
        refs.set(name.text(), name.pos());
        return setUpdate(op, name, -2, pos);
    }

    /** The braces of a set update; {@code meterSize} is -2 for an {@code @set}, else a meter's size or -1. */
    private Stmt setUpdate(final String op, final Token name, final long meterSize, final Pos pos) {
        in.expect("{");
        final Expr key = left();
        if (meterSize > -2) {
            refs.meter(name.text(), types(key), meterSize, name.pos());
        }
        long timeout = -1;
        final List<Stmt> stmts = new ArrayList<>();
        if (in.accept("timeout")) {
            timeout = time();
        }
        while (!in.at("}")) {
            final Token t = in.peek();
            if (t.is("limit")) {
                in.next();
                stmts.add(limitStmt(t.pos()));
            } else if (t.is("counter")) {
                in.next();
                stmts.add(counter(t.pos()));
            } else {
                throw NftCursor.fail(t, "only limit and counter are modelled in a set update");
            }
        }
        in.expect("}");
        final Stmt.SetOp sop = op.equals("add") ? Stmt.SetOp.ADD : op.equals("update") ? Stmt.SetOp.UPDATE : Stmt.SetOp.DELETE;
        return new Stmt.SetUpdate(sop, name.text(), key, timeout, stmts, pos);
    }

    private Stmt nat(final String word, final List<Stmt> before, final Pos pos) {
        final Stmt.NatKind kind = Stmt.NatKind.valueOf(word.toUpperCase(java.util.Locale.ROOT));
        int fam = 0;
        if (in.at("ip") && !in.peek(1).is("saddr") && !in.peek(1).is("daddr")) {
            in.next();
            fam = 2;
        } else if (in.at("ip6") && !in.peek(1).is("saddr") && !in.peek(1).is("daddr")) {
            in.next();
            fam = 10;
        }
        if (fam == 0 && family != Family.INET) {
            fam = family == Family.IP6 ? 10 : 2;
        }
        final boolean to = in.accept("to");
        Expr addr = null;
        Expr port = null;
        Token portTok = null;
        if (to || (kind == Stmt.NatKind.SNAT || kind == Stmt.NatKind.DNAT) && !in.atEnd()) {
            final Token t = in.peek();
            if (atLoad()) {
                addr = valueExpr(fam == 10 ? DataType.IPV6_ADDR : DataType.IPV4_ADDR);
            } else {
                in.next();
                final NatTarget target = NatTarget.parse(t.text(), fam, family, kind, t.pos());
                addr = target.addr();
                port = target.port();
                portTok = port == null ? null : t;
            }
        }
        if (fam == 0 && addr != null) {
            fam = addr instanceof Expr.Ip6 || addr instanceof Expr.Range r && r.lo() instanceof Expr.Ip6
                    || addr instanceof Expr.Prefix p && p.base() instanceof Expr.Ip6 ? 10
                    : addr instanceof Expr.MapLookup ? 0 : 2;
        }
        int flags = 0;
        while (!in.atEnd()) {
            final Token f = in.peek();
            if (f.is("random")) {
                flags |= Stmt.NAT_RANDOM;
            } else if (f.is("fully-random")) {
                flags |= Stmt.NAT_FULLY_RANDOM;
            } else if (f.is("persistent")) {
                flags |= Stmt.NAT_PERSISTENT;
            } else if (!f.is(",")) {
                break;
            }
            in.next();
        }
        if (port != null && !hasTransportContext(before)) {
            // nftables src/evaluate.c, nat_evaluate_transport()
            throw new ParseFailure(portTok.pos(), "transport protocol mapping is only valid after transport protocol match");
        }
        return new Stmt.Nat(kind, fam, addr, port, flags, pos);
    }

    /** Whether an earlier match fixes the transport protocol (nft's protocol context). */
    /**
     * nft's protocol context over a rule's matches (src/evaluate.c, resolve_protocol_conflict): a
     * header field of another protocol than the table's family or than a match before it ({@code ip6}
     * in an ip table, {@code udp dport} after {@code tcp dport} or {@code meta l4proto tcp}) is refused
     * ("conflicting protocols specified"), as it could never match. Returns {network, transport}; a
     * transport of several protocols ({@code meta l4proto { tcp, udp }}) as {@code {tcp,udp}}.
     */
    static String[] protocols(final List<Stmt> items, final Family family) {
        String l3 = family == Family.IP ? "ip" : family == Family.IP6 ? "ip6" : null;
        String l4 = null;
        for (final Stmt s : items) {
            if (!(s instanceof Stmt.Match m)) {
                continue;
            }
            final List<Field> fields = new ArrayList<>();
            Canon.loads(m.left(), fields);
            for (final Field f : fields) {
                if (f == Field.META_NFPROTO && (family == Family.IP || family == Family.IP6)) {
                    throw new ParseFailure(m.pos(), "meta nfproto is only useful in the inet family");
                }
                final String net = f.proto().equals("ip") || f.proto().equals("ip6") ? f.proto() : null;
                if (net != null) {
                    if (l3 != null && !l3.equals(net)) {
                        throw new ParseFailure(m.pos(), "conflicting protocols specified: " + l3 + " vs. " + net);
                    }
                    l3 = net;
                }
                if (f.layer() == Field.Layer.TRANSPORT) {
                    final String tp = f.proto().split(" ")[0];
                    if (l4 != null && !l4.equals(tp)) {
                        final String other = !l4.startsWith("{") ? l4 : java.util.Arrays.stream(l4.substring(1,
                                l4.length() - 1).split(",")).filter(x -> !x.equals(tp)).findFirst().orElse(tp);
                        throw new ParseFailure(m.pos(), "conflicting protocols specified: " + other + " vs. " + tp);
                    }
                    l4 = tp;
                }
            }
            final boolean eq = m.op() == Stmt.Op.EQ || m.op() == Stmt.Op.IMPLICIT;
            final Field f = m.left() instanceof Expr.Load l ? l.field() : null;
            if (eq && l4 == null && (f == Field.META_L4PROTO || f == Field.IP_PROTOCOL || f == Field.IP6_NEXTHDR)) {
                if (m.right() instanceof Expr.Num n) {
                    l4 = protoName(n.value());
                } else if (m.right() instanceof Expr.AnonSet set && set.elements().size() > 1) {
                    // a set of protocols gives no one protocol: a header field of any conflicts with another
                    final List<String> names = set.elements().stream().map(e -> e.key() instanceof Expr.Num n
                            ? protoName(n.value()) : "unknown").distinct().toList();
                    l4 = names.size() == 1 ? names.get(0) : "{" + String.join(",", names) + "}";
                }
            } else if (eq && f == Field.META_NFPROTO && m.right() instanceof Expr.Num n && family == Family.INET
                    && l3 == null) {
                l3 = n.value() == 2 ? "ip" : n.value() == 10 ? "ip6" : null;
            }
        }
        return new String[] {l3, l4};
    }

    private static String protoName(final long p) {
        return p == 6 ? "tcp" : p == 17 ? "udp" : p == 1 ? "icmp" : p == 58 ? "icmpv6" : p == 132 ? "sctp" : "unknown";
    }

    static boolean hasTransportContext(final List<Stmt> before) {
        for (final Stmt s : before) {
            if (s instanceof Stmt.Match m && m.left() instanceof Expr.Load l) {
                final Field f = l.field();
                if (f.layer() == Field.Layer.TRANSPORT) {
                    return true;
                }
                if ((f == Field.META_L4PROTO || f == Field.IP_PROTOCOL || f == Field.IP6_NEXTHDR)
                        && (m.op() == Stmt.Op.EQ || m.op() == Stmt.Op.IMPLICIT) && m.right() instanceof Expr.Num) {
                    return true;
                }
            }
        }
        return false;
    }
}
