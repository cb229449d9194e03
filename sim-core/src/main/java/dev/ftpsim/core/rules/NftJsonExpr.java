package dev.ftpsim.core.rules;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Expressions and statements of {@code nft -j} rules (libnftables-json(5)) as IR items. */
final class NftJsonExpr {
    /** Expression kinds that load or compute a value, allowed where a constant could stand. */
    private static final java.util.Set<String> LOADS = java.util.Set.of("payload", "meta", "ct", "rt", "fib", "numgen",
            "jhash", "exthdr", "tcp option", "map", "&", "|", "^", "<<", ">>");

    private final NftJsonReader reader;

    NftJsonExpr(final NftJsonReader reader) {
        this.reader = reader;
    }

    private static Map.Entry<String, JsonNode> only(final JsonNode o, final Pos pos) {
        // libnftables refuses more keys ("Malformed object (too many properties)") rather than read one of them
        if (o == null || !o.isObject() || o.size() != 1) {
            throw new ParseFailure(pos, "expected an object with one key, found "
                    + (o == null || o.isMissingNode() ? "nothing" : NftCursor.excerpt(o.toString())));
        }
        return o.fields().next();
    }

    List<Stmt> statements(final Table t, final JsonNode exprs, final Pos pos) {
        if (!exprs.isArray()) {
            // libnftables: 'Value of property "expr" must be an array.' (a rule without it is not an empty rule)
            throw new ParseFailure(pos, "the value of \"expr\" must be an array");
        }
        final List<Stmt> items = new ArrayList<>();
        for (final JsonNode s : exprs) {
            items.add(statement(t, s, items, pos));
        }
        return items;
    }

    /** Checks that jump targets, sets, objects and flowtables a rule names exist. */
    void checkRefs(final Table t, final List<Stmt> items, final Pos pos) {
        for (final Stmt s : items) {
            if (s instanceof Stmt.Verdict v && v.chain() != null && !t.chains().containsKey(v.chain())) {
                throw new ParseFailure(pos, "chain '" + v.chain() + "' does not exist in table " + t.name());
            }
            if (s instanceof Stmt.FlowAdd f && !t.flowtables().containsKey(f.flowtable())) {
                throw new ParseFailure(pos, "flowtable '" + f.flowtable() + "' does not exist in table " + t.name());
            }
            final String set = s instanceof Stmt.Match m && m.right() instanceof Expr.SetRef r ? r.name()
                    : s instanceof Stmt.Vmap v && v.map() instanceof Expr.SetRef r ? r.name()
                    : s instanceof Stmt.SetUpdate u ? u.set() : null;
            if (set != null && !t.sets().containsKey(set)) {
                throw new ParseFailure(pos, "set '" + set + "' does not exist in table " + t.name());
            }
            if (s instanceof Stmt.ObjRef o && o.name() instanceof Expr.Str n && t.object(o.kind(), n.value()) == null) {
                throw new ParseFailure(pos, o.kind().toString().toLowerCase(java.util.Locale.ROOT) + " '" + n.value()
                        + "' does not exist in table " + t.name());
            }
        }
    }

    private Stmt statement(final Table t, final JsonNode s, final List<Stmt> before, final Pos pos) {
        final Map.Entry<String, JsonNode> e = only(s, pos);
        final JsonNode v = e.getValue();
        final String k = e.getKey();
        final Stmt.VerdictKind vk = NftExprParser.verdictKind(k);
        if (vk != null) {
            return new Stmt.Verdict(vk, target(vk, v, pos), pos);
        }
        switch (k) {
            case "match": {
                final Expr left = lhs(v.path("left"), pos);
                final Expr right = value(v.path("right"), NftExprParser.types(left), pos);
                return new Stmt.Match(left, NftRuleParser.normalise(op(v.path("op").asText("=="), pos), right), right, pos);
            }
            case "counter":
                if (v.isTextual()) {
                    return new Stmt.ObjRef(Stmt.ObjKind.COUNTER, new Expr.Str(v.asText(), pos), pos);
                }
                return new Stmt.Counter(v.path("packets").asLong(0), v.path("bytes").asLong(0), pos);
            case "log": return log(v, pos);
            case "reject": {
                final String type = v.path("type").asText("");
                final String code = v.path("expr").asText(null);
                switch (type) {
                    case "":
                        return Stmt.defaultReject(t.family(), pos);
                    case "tcp reset":
                        if (!NftRuleParser.hasTransportContext(before)) {
                            // nft adds this dependency itself (src/evaluate.c stmt_reject_gen_dependency)
                            before.add(new Stmt.Match(new Expr.Load(Field.META_L4PROTO, pos), Stmt.Op.EQ,
                                    new Expr.Num(DataType.INET_PROTO, 6, pos), pos));
                        }
                        return new Stmt.Reject(Stmt.RejectKind.TCP_RESET, -1, pos);
                    case "icmp": return reject(Stmt.RejectKind.ICMP, DataType.ICMP_CODE, code, pos);
                    case "icmpv6": return reject(Stmt.RejectKind.ICMPV6, DataType.ICMPV6_CODE, code, pos);
                    case "icmpx": return reject(Stmt.RejectKind.ICMPX, DataType.ICMPX_CODE, code, pos);
                    default: throw new ParseFailure(pos, "reject type \"" + type + "\" is not modelled");
                }
            }
            case "notrack": return new Stmt.Notrack(pos);
            case "limit":
                if (v.isTextual()) {
                    return new Stmt.ObjRef(Stmt.ObjKind.LIMIT, new Expr.Str(v.asText(), pos), pos);
                }
                return limit(v, pos);
            case "quota":
                if (v.isTextual()) {
                    return new Stmt.ObjRef(Stmt.ObjKind.QUOTA, new Expr.Str(v.asText(), pos), pos);
                }
                return new Stmt.Quota(v.path("inv").asBoolean(false), bytes(v.path("val").asLong(), v.path("val_unit"), pos),
                        bytes(v.path("used").asLong(0), v.path("used_unit"), pos), pos);
            case "snat": case "dnat": case "masquerade": case "redirect":
                return nat(t, k, v, before, pos);
            case "mangle": {
                final Expr key = lhs(v.path("key"), pos);
                if (!(key instanceof Expr.Load l)) {
                    throw new ParseFailure(pos, "mangle of " + key + " is not modelled");
                }
                return new Stmt.Assign(l.field(), value(v.path("value"), List.of(l.field().type()), pos), pos);
            }
            case "ct helper": return objRef(Stmt.ObjKind.CT_HELPER, v, pos);
            case "ct timeout": return objRef(Stmt.ObjKind.CT_TIMEOUT, v, pos);
            case "ct expectation": return objRef(Stmt.ObjKind.CT_EXPECTATION, v, pos);
            case "vmap": {
                final Expr key = lhs(v.path("key"), pos);
                return new Stmt.Vmap(key, map(v.path("data"), NftExprParser.types(key), DataType.VERDICT, pos), pos);
            }
            case "flow": {
                final String ft = v.path("flowtable").asText("");
                return new Stmt.FlowAdd(ft.startsWith("@") ? ft.substring(1) : ft, pos);
            }
            case "set": {
                final String op = v.path("op").asText("add");
                final Expr key = lhs(v.path("elem"), pos);
                final List<Stmt> stmts = new ArrayList<>();
                for (final JsonNode st : v.path("stmt")) {
                    stmts.add(statement(t, st, new ArrayList<>(), pos));
                }
                final String set = v.path("set").asText("");
                return new Stmt.SetUpdate(op.equals("update") ? Stmt.SetOp.UPDATE : op.equals("delete") ? Stmt.SetOp.DELETE
                        : Stmt.SetOp.ADD, set.startsWith("@") ? set.substring(1) : set, key, -1, stmts, pos);
            }
            case "ct count":
                return new Stmt.Match(new Expr.CtCount(v.path("val").asLong(), v.path("inv").asBoolean(false), pos),
                        Stmt.Op.IMPLICIT, new Expr.Num(DataType.BOOLEAN, 1, pos), pos);
            default:
                throw new ParseFailure(pos, "\"" + NftCursor.excerpt(k) + "\" statements are not modelled");
        }
    }

    /** A JSON string or array of strings (nft prints one flag as a string, several as an array). */
    static List<String> strings(final JsonNode v) {
        final List<String> out = new ArrayList<>();
        if (v.isTextual()) {
            out.add(v.asText());
        }
        v.forEach(f -> out.add(f.asText()));
        return out;
    }

    private static Stmt.Op op(final String op, final Pos pos) {
        switch (op) {
            case "==": return Stmt.Op.EQ;
            case "!=": return Stmt.Op.NE;
            case "<": return Stmt.Op.LT;
            case ">": return Stmt.Op.GT;
            case "<=": return Stmt.Op.LE;
            case ">=": return Stmt.Op.GE;
            case "in": return Stmt.Op.IMPLICIT;
            default: throw new ParseFailure(pos, "operator \"" + op + "\" is not modelled");
        }
    }

    private Stmt objRef(final Stmt.ObjKind kind, final JsonNode v, final Pos pos) {
        if (v.isTextual()) {
            return new Stmt.ObjRef(kind, new Expr.Str(v.asText(), pos), pos);
        }
        return new Stmt.ObjRef(kind, lhs(v, pos), pos);
    }

    private static Stmt reject(final Stmt.RejectKind kind, final DataType t, final String code, final Pos pos) {
        final Expr c = Constants.parse(t, code == null ? "port-unreachable" : code, pos);
        return new Stmt.Reject(kind, (int) ((Expr.Num) c).value(), pos);
    }

    private static Stmt log(final JsonNode v, final Pos pos) {
        int flags = 0;
        for (final String f : strings(v.path("flags"))) {
            switch (f) {
                case "tcp sequence": flags |= Stmt.LOG_TCPSEQ; break;
                case "tcp options": flags |= Stmt.LOG_TCPOPT; break;
                case "ip options": flags |= Stmt.LOG_IPOPT; break;
                case "skuid": flags |= Stmt.LOG_UID; break;
                case "ether": flags |= Stmt.LOG_MACDECODE; break;
                case "all": flags |= Stmt.LOG_TCPSEQ | Stmt.LOG_TCPOPT | Stmt.LOG_IPOPT | Stmt.LOG_UID | Stmt.LOG_MACDECODE; break;
                default: throw new ParseFailure(pos, "log flag \"" + f + "\" is not modelled");
            }
        }
        return new Stmt.Log(v.has("prefix") ? v.get("prefix").asText() : null, v.path("level").asText("warn"), flags,
                v.path("group").asInt(-1), pos);
    }

    private static Stmt limit(final JsonNode v, final Pos pos) {
        final long unit = Values.unitMs(v.path("per").asText("second"));
        if (unit < 0) {
            throw new ParseFailure(pos, "limit per \"" + v.path("per").asText() + "\" is not a time unit");
        }
        final String rateUnit = v.path("rate_unit").asText("packets");
        final boolean bytes = !rateUnit.equals("packets");
        final long rate = bytes ? bytes(v.path("rate").asLong(), v.path("rate_unit"), pos) : v.path("rate").asLong();
        final long burst = bytes ? bytes(v.path("burst").asLong(0), v.path("burst_unit"), pos) : v.path("burst").asLong(5);
        return new Stmt.Limit(rate, unit, burst, bytes, v.path("inv").asBoolean(false), pos);
    }

    private static long bytes(final long n, final JsonNode unit, final Pos pos) {
        final long m = unit.isMissingNode() ? 1 : Values.byteUnit(unit.asText());
        if (m < 0) {
            throw new ParseFailure(pos, "unknown byte unit \"" + unit.asText() + "\"");
        }
        return n * m;
    }

    private Stmt nat(final Table t, final String k, final JsonNode v, final List<Stmt> before, final Pos pos) {
        final Stmt.NatKind kind = Stmt.NatKind.valueOf(k.toUpperCase(java.util.Locale.ROOT));
        int fam = t.family() == Family.IP ? 2 : t.family() == Family.IP6 ? 10 : 0;
        if (v.path("family").isTextual()) {
            fam = v.get("family").asText().equals("ip6") ? 10 : 2;
        }
        final DataType at = fam == 10 ? DataType.IPV6_ADDR : DataType.IPV4_ADDR;
        final Expr addr = v.has("addr") ? (v.get("addr").isObject() && v.get("addr").has("map") ? mapLookup(v.get("addr").get("map"), at, pos)
                : value(v.get("addr"), List.of(at), pos)) : null;
        final Expr port = v.has("port") ? value(v.get("port"), List.of(DataType.INET_SERVICE), pos) : null;
        if (port != null && !NftRuleParser.hasTransportContext(before)) {
            throw new ParseFailure(pos, "transport protocol mapping is only valid after transport protocol match");
        }
        int flags = 0;
        for (final String f : strings(v.path("flags"))) {
            flags |= f.equals("random") ? Stmt.NAT_RANDOM : f.equals("fully-random") ? Stmt.NAT_FULLY_RANDOM
                    : f.equals("persistent") ? Stmt.NAT_PERSISTENT : 0;
        }
        return new Stmt.Nat(kind, fam, addr, port, flags, pos);
    }

    /** A load (left of a match, key of a map or set statement). */
    Expr lhs(final JsonNode o, final Pos pos) {
        final Map.Entry<String, JsonNode> e = only(o, pos);
        final JsonNode v = e.getValue();
        switch (e.getKey()) {
            case "payload":
                if (!v.has("protocol")) {
                    throw new ParseFailure(pos, "raw payload expressions are not modelled");
                }
                return load(v.get("protocol").asText(), v.path("field").asText(), pos);
            case "meta": return load("meta", v.path("key").asText(), pos);
            case "rt": return load("rt", v.path("key").asText(), pos);
            case "ct":
                return load(v.has("dir") ? "ct " + v.get("dir").asText() : "ct", v.path("key").asText(), pos);
            case "exthdr":
                if (!v.path("name").asText().equals("rt") || !v.path("field").asText().equals("type")) {
                    throw new ParseFailure(pos, "exthdr " + v.path("name").asText() + " is not modelled");
                }
                return new Expr.Load(Field.RT_TYPE, pos);
            case "tcp option":
                if (!v.path("name").asText().equals("maxseg") || !v.path("field").asText().equals("size")) {
                    throw new ParseFailure(pos, "tcp option " + v.path("name").asText() + " is not modelled");
                }
                return new Expr.Load(Field.TCP_OPTION_MAXSEG_SIZE, pos);
            case "fib": {
                int flags = 0;
                for (final String f : strings(v.path("flags"))) {
                    flags |= f.equals("saddr") ? Expr.FIB_SADDR : f.equals("daddr") ? Expr.FIB_DADDR
                            : f.equals("mark") ? Expr.FIB_MARK : f.equals("iif") ? Expr.FIB_IIF : f.equals("oif") ? Expr.FIB_OIF : 0;
                }
                return new Expr.Fib(flags, v.path("result").asText(), pos);
            }
            case "numgen":
                return new Expr.Numgen(v.path("mode").asText().equals("random"), v.path("mod").asLong(),
                        v.path("offset").asLong(0), pos);
            case "jhash":
                return new Expr.Jhash(lhs(v.path("expr"), pos), v.path("mod").asLong(), v.path("seed").asLong(-1),
                        v.path("offset").asLong(0), pos);
            case "concat": {
                if (!v.isArray() || v.isEmpty()) {
                    throw new ParseFailure(pos, "a concatenation is a list of one or more expressions, found "
                            + NftCursor.excerpt(v.toString()));
                }
                final List<Expr> parts = new ArrayList<>();
                v.forEach(p -> parts.add(lhs(p, pos)));
                return new Expr.Concat(parts, pos);
            }
            case "map":
                return mapLookup(v, DataType.STRING, pos);
            case "&": case "|": case "^": case "<<": case ">>": {
                final Expr left = lhs(v.get(0), pos);
                final Expr.BinOp op = e.getKey().equals("&") ? Expr.BinOp.AND : e.getKey().equals("|") ? Expr.BinOp.OR
                        : e.getKey().equals("^") ? Expr.BinOp.XOR : e.getKey().equals("<<") ? Expr.BinOp.LSHIFT : Expr.BinOp.RSHIFT;
                return new Expr.Binop(op, left, value(v.get(1), NftExprParser.types(left), pos), pos);
            }
            default:
                throw new ParseFailure(pos, "\"" + NftCursor.excerpt(e.getKey()) + "\" expressions are not modelled");
        }
    }

    /** {@code {"key": K, "data": MAP}} looked up for a value of type {@code data}. */
    private Expr mapLookup(final JsonNode v, final DataType data, final Pos pos) {
        final Expr key = lhs(v.path("key"), pos);
        return new Expr.MapLookup(key, map(v.path("data"), NftExprParser.types(key), data, pos), pos);
    }

    private static Expr load(final String proto, final String key, final Pos pos) {
        final Field f = Field.of(proto, key);
        if (f == null) {
            throw new ParseFailure(pos, "'" + proto + " " + key + "' is not modelled");
        }
        return new Expr.Load(f, pos);
    }

    /** A map for vmap or map lookups: a set reference or an anonymous set of [key, data] pairs. */
    private Expr map(final JsonNode d, final List<DataType> key, final DataType data, final Pos pos) {
        if (d.isTextual() && d.asText().startsWith("@")) {
            return new Expr.SetRef(d.asText().substring(1), pos);
        }
        final JsonNode set = d.path("set");
        final List<Expr.Element> elems = NftJsonSets.elementList(this, set, key, data, pos);
        SetIntervals.checkAnonymousMap(elems);
        return new Expr.AnonSet(elems, pos);
    }

    /** A jump's or goto's {@code {"target": CHAIN}} (required, as libnftables requires it); null for other verdicts. */
    private static String target(final Stmt.VerdictKind vk, final JsonNode v, final Pos pos) {
        if (vk == Stmt.VerdictKind.JUMP || vk == Stmt.VerdictKind.GOTO || v.isObject()) {
            return NftJsonReader.text(v, "target", pos);
        }
        return null;
    }

    /** A constant, set, prefix, range or concatenation of the given types. */
    Expr value(final JsonNode v, final List<DataType> types, final Pos pos) {
        if (v == null || v.isMissingNode()) {
            throw new ParseFailure(pos, "a value is missing");
        }
        final DataType t = types.get(0);
        if (v.isTextual()) {
            final String s = v.asText();
            if (s.startsWith("@")) {
                return new Expr.SetRef(s.substring(1), pos);
            }
            return Constants.parse(t, s, pos);
        }
        if (v.isNumber()) {
            return Constants.parse(t, v.asText(), pos);
        }
        if (v.isBoolean()) {
            return new Expr.Num(DataType.BOOLEAN, v.asBoolean() ? 1 : 0, pos);
        }
        if (v.isArray()) {
            if (types.size() == 1 && t.isBitmask()) {
                long bits = 0;
                for (final JsonNode f : v) {
                    bits |= ((Expr.Num) value(f, types, pos)).value();
                }
                return new Expr.Num(t, bits, pos);
            }
            return new Expr.AnonSet(NftJsonSets.elementList(this, v, types, null, pos), pos);
        }
        if (v.isObject()) {
            final Map.Entry<String, JsonNode> e = only(v, pos);
            final JsonNode x = e.getValue();
            if (LOADS.contains(e.getKey())) {
                return lhs(v, pos);
            }
            switch (e.getKey()) {
                case "prefix": {
                    // read as the text form is, so a length beyond the address (or not a number) is refused alike
                    if (!x.path("addr").isTextual() || !x.path("len").isIntegralNumber()) {
                        throw new ParseFailure(pos, "a prefix is {\"addr\": ADDRESS, \"len\": N}, found "
                                + NftCursor.excerpt(x.toString()));
                    }
                    return Constants.parse(t, x.get("addr").asText() + "/" + x.get("len").asText(), pos);
                }
                case "range":
                    if (!x.isArray() || x.size() != 2) {
                        throw new ParseFailure(pos, "a range is [LOW, HIGH], found " + NftCursor.excerpt(x.toString()));
                    }
                    return Constants.range(value(x.get(0), types, pos), value(x.get(1), types, pos), x.toString(), pos);
                case "set":
                    return new Expr.AnonSet(NftJsonSets.elementList(this, x.isArray() ? x : single(x), types,
                            null, pos), pos);
                case "concat": {
                    if (!x.isArray() || x.isEmpty()) {
                        throw new ParseFailure(pos, "a concatenation is a list of one or more values, found "
                                + NftCursor.excerpt(x.toString()));
                    }
                    final List<Expr> parts = new ArrayList<>();
                    for (int i = 0; i < x.size(); i++) {
                        parts.add(value(x.get(i), List.of(types.get(Math.min(i, types.size() - 1))), pos));
                    }
                    return new Expr.Concat(parts, pos);
                }
                default: {
                    final Stmt.VerdictKind vk = NftExprParser.verdictKind(e.getKey());
                    if (vk != null) {
                        return new Expr.VerdictValue(vk, target(vk, x, pos), pos);
                    }
                    throw new ParseFailure(pos, "\"" + NftCursor.excerpt(e.getKey()) + "\" values are not modelled");
                }
            }
        }
        throw new ParseFailure(pos, "unexpected value " + NftCursor.excerpt(v.toString()));
    }

    private static JsonNode single(final JsonNode x) {
        return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode().add(x);
    }
}
