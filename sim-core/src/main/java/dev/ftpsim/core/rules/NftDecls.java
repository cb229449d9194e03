package dev.ftpsim.core.rules;

import dev.ftpsim.core.rules.NftLexer.Kind;
import dev.ftpsim.core.rules.NftLexer.Token;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The declarations inside a table: chains (base chain specs and their rules), sets and maps,
 * named objects and flowtables, both in block form ({@code chain x { ... }}) and as commands
 * ({@code add chain ip t x { ... }}).
 */
final class NftDecls {
    private final NftCursor in;
    private final NftParser parser;
    private final List<RuleError> errors;

    NftDecls(final NftCursor in, final NftParser parser, final List<RuleError> errors) {
        this.in = in;
        this.parser = parser;
        this.errors = errors;
    }

    /** The body of a table block, after its '{', up to and including its '}'. */
    void tableBody(final Table t) {
        final int level = in.depth();
        while (true) {
            try {
                if (in.blockEnds("table " + t.name())) {
                    return;
                }
                parser.current(t);
                final Token k = in.next();
                switch (k.text()) {
                    case "flags":
                        do {
                            final Token f = in.name("table flag");
                            if (!f.text().equals("dormant")) {
                                throw NftCursor.fail(f, "table flag not modelled");
                            }
                            t.dormant(true);
                        } while (in.accept(","));
                        break;
                    case "comment":
                        t.comment(in.comment("comment").text());
                        break;
                    case "define": case "redefine": case "undefine": case "include":
                        in.back();
                        parser.directive();
                        break;
                    case "ct":
                        declaration(t, "ct " + in.name("helper, timeout or expectation").text(), k.pos(), false);
                        break;
                    default:
                        declaration(t, k.text(), k.pos(), false);
                }
            } catch (ParseFailure f) {
                if (in.atEof()) {
                    throw f;
                }
                errors.add(f.error());
                in.recoverTo(level);
            }
        }
    }

    /** A declaration of {@code kind} after its kind word(s): name, then a body in braces. */
    void declaration(final Table t, final String kind, final Pos pos, final boolean command) {
        final Token name = in.name(kind + " name");
        switch (kind) {
            case "chain": {
                Chain c = t.chains().get(name.text());
                existedAs = c == null ? null : c.base() == null ? REGULAR : c.base();
                if (c == null) {
                    c = new Chain(name.text(), name.pos());
                    t.chains().put(c.name(), c);
                }
                if (in.accept("{")) {
                    chainBody(t, c);
                } else if (!command) {
                    throw NftCursor.fail(in.peek(), "expected '{'");
                }
                return;
            }
            case "set": case "map": {
                final NamedSet old = t.sets().get(name.text());
                if (old != null && old.isMap() != kind.equals("map")) {
                    throw new ParseFailure(name.pos(), kind + " " + name.text() + " exists already");
                }
                final NamedSet s = new NamedSet(name.text(), kind.equals("map"), name.pos());
                in.expect("{");
                setBody(s);
                if (s.flags().contains(NamedSet.Flag.DYNAMIC) && s.size() < 0) {
                    // nft 1.0.6 gives a dynamic set without a size 65535 slots, and lists it so
                    s.size(65535);
                }
                if (old != null) {
                    // declared again: the kernel takes the same set and adds the elements (no NLM_F_EXCL),
                    // and refuses another type, flags or timeout (File exists, Invalid argument)
                    if (!old.keyType().equals(s.keyType()) || old.dataType() != s.dataType()
                            || old.dataObject() != s.dataObject() || !old.flags().equals(s.flags())
                            || old.timeoutMs() != s.timeoutMs()) {
                        throw new ParseFailure(name.pos(), kind + " " + name.text() + " exists already with another type,"
                                + " flags or timeout (the kernel refuses it: File exists)");
                    }
                    if (s.size() >= 0) {
                        old.size(s.size());
                    }
                    old.elements().addAll(s.elements());
                    return;
                }
                t.sets().put(s.name(), s);
                return;
            }
            case "flowtable":
                in.expect("{");
                flowtable(t, name);
                return;
            case "counter": case "quota": case "limit": case "ct helper": case "ct timeout": case "ct expectation": {
                final NamedObject o = NftObjects.parse(in, kind, name, command, this, t.family());
                t.objects().put(o.kind() + " " + o.name(), o);
                return;
            }
            default:
                throw new ParseFailure(pos, "'" + NftCursor.excerpt(kind) + "' is not modelled");
        }
    }

    private void chainBody(final Table t, final Chain c) {
        final int level = in.depth();
        while (true) {
            try {
                if (in.blockEnds("chain " + c.name())) {
                    return;
                }
                final Token k = in.peek();
                if (k.is("type") && in.peek(2).is("hook")) {
                    in.next();
                    baseSpec(t, c, k.pos());
                } else if (k.is("policy")) {
                    in.next();
                    final Token p = in.name("accept or drop");
                    if (c.base() == null) {
                        throw NftCursor.fail(p, "a policy needs a base chain (type ... hook ...)");
                    }
                    if (!p.text().equals("accept") && !p.text().equals("drop")) {
                        throw NftCursor.fail(p, "policy must be accept or drop");
                    }
                    final Chain.Base b = c.base();
                    c.base(new Chain.Base(b.type(), b.hook(), b.priority(), p.text().equals("drop"), b.device(), b.pos()));
                } else if (k.is("include") || k.is("define") || k.is("redefine") || k.is("undefine")) {
                    parser.directive();
                    continue;
                } else if (k.is("comment") && in.peek(1).kind() == Kind.STRING) {
                    in.next();
                    c.comment(in.comment("comment").text());
                } else {
                    parser.current(t);
                    c.rules().add(new NftRuleParser(in, parser, t.family()).rule(-1));
                }
                if (!in.atEnd()) {
                    throw NftCursor.fail(in.peek(), "unexpected");
                }
            } catch (ParseFailure f) {
                if (in.atEof()) {
                    throw f;
                }
                errors.add(f.error());
                in.recoverTo(level);
            }
        }
    }

    /** Marks a chain that existed as a regular chain in {@link #existedAs}. */
    private static final Chain.Base REGULAR = new Chain.Base(Chain.Type.FILTER, null, 0, false, null, null);
    /** The chain being declared as it was before this declaration: null if new, {@link #REGULAR}, or its base. */
    private Chain.Base existedAs;

    private void baseSpec(final Table t, final Chain c, final Pos pos) {
        final Token type = in.name("chain type");
        final Chain.Type ct;
        switch (type.text()) {
            case "filter": ct = Chain.Type.FILTER; break;
            case "nat": ct = Chain.Type.NAT; break;
            case "route": ct = Chain.Type.ROUTE; break;
            default: throw NftCursor.fail(type, "unknown chain type");
        }
        in.expect("hook");
        final Token h = in.name("hook");
        final Hook hook = Hook.of(h.text());
        if (hook == null) {
            throw NftCursor.fail(h, "unknown hook");
        }
        final String why = Priorities.check(t.family(), ct, hook);
        if (why != null) {
            throw new ParseFailure(h.pos(), why);
        }
        String device = null;
        if (in.accept("device")) {
            device = in.name("device").text();
        }
        in.expect("priority");
        final int prio = priority(t.family(), hook);
        // declared again: the kernel keeps a chain's kind and hook (nf_tables_updchain)
        if (existedAs == REGULAR || existedAs != null && existedAs.type() != ct) {
            throw new ParseFailure(pos, "chain " + c.name() + " exists already as " + (existedAs == REGULAR ? "a regular chain"
                    : "a " + existedAs.type().name().toLowerCase(java.util.Locale.ROOT) + " chain")
                    + " (the kernel refuses another type: File exists)");
        }
        if (existedAs != null && (existedAs.hook() != hook || existedAs.priority() != prio)) {
            throw new ParseFailure(pos, "chain " + c.name() + " hooks " + existedAs.hook().nft() + " at priority "
                    + existedAs.priority() + " already (the kernel cannot move it: Operation not supported)");
        }
        final boolean drop = c.base() != null && c.base().policyDrop();
        c.base(new Chain.Base(ct, hook, prio, drop, device, pos));
    }

    /** {@code N}, {@code NAME}, {@code NAME + N} or {@code NAME - N}. */
    int priority(final Family f, final Hook hook) {
        final Token p = in.name("priority");
        String text = p.text();
        long extra = 0;
        final int op = Math.max(text.lastIndexOf('+'), text.lastIndexOf('-'));
        if (op > 0 && Values.number(text.substring(op + 1)) != null && Values.signed(text) == null) {
            extra = (text.charAt(op) == '-' ? -1 : 1) * Values.number(text.substring(op + 1));
            text = text.substring(0, op);
        }
        Long v = Values.signed(text);
        if (v == null) {
            final Integer named = Priorities.named(f, text);
            if (named == null) {
                throw NftCursor.fail(p, "unknown priority name in family " + f.nft());
            }
            if (!Priorities.namedFits(f, text, hook)) {
                throw NftCursor.fail(p, "invalid priority expression value in this context (" + text + " at hook "
                        + hook.nft() + ")");
            }
            v = (long) named;
        }
        if (in.at("+") || in.at("-")) {
            final boolean minus = in.next().text().equals("-");
            extra = (minus ? -1 : 1) * number();
        }
        return (int) (v + extra);
    }

    private void setBody(final NamedSet s) {
        final NftExprParser ex = new NftExprParser(in, parser);
        while (!in.blockEnds("set " + s.name())) {
            final Token k = in.next();
            switch (k.text()) {
                case "type": {
                    final List<DataType> key = new ArrayList<>();
                    do {
                        key.add(dataType(in.name("type")));
                    } while (in.accept("."));
                    s.keyType(key);
                    if (in.accept(":")) {
                        mapData(s, null);
                    }
                    break;
                }
                case "typeof":
                    s.keyType(NftExprParser.types(ex.left()));
                    if (in.accept(":")) {
                        mapData(s, ex);
                    }
                    break;
                case "flags":
                    do {
                        final Token f = in.name("set flag");
                        try {
                            s.flags().add(NamedSet.Flag.valueOf(f.text().toUpperCase(java.util.Locale.ROOT)));
                        } catch (IllegalArgumentException e) {
                            throw NftCursor.fail(f, "set flag not modelled");
                        }
                    } while (in.accept(","));
                    break;
                case "timeout": s.timeoutMs(ex.time()); break;
                case "gc-interval": ex.time(); break;
                case "size": s.size(number()); break;
                case "policy": in.name("performance or memory"); break;
                case "auto-merge":
                    if (s.isMap()) {
                        // nft 1.0.6's map block has no auto-merge (parser_bison.y map_block): a syntax error
                        throw NftCursor.fail(k, "a map has no auto-merge (nft refuses it: only a set merges intervals)");
                    }
                    s.autoMerge(true);
                    break;
                case "counter": s.counter(true); break;
                case "comment": s.comment(in.comment("comment").text()); break;
                case "elements":
                    in.expect("=");
                    in.expect("{");
                    // a second 'elements =' replaces the first, as nft's parser does (set_block: $1->init = $4)
                    s.elements().clear();
                    s.elements().addAll(elements(s));
                    break;
                default:
                    throw NftCursor.fail(k, "set property not modelled");
            }
        }
    }

    private void mapData(final NamedSet s, final NftExprParser typeofParser) {
        final Token d = in.peek();
        if (d.is("verdict")) {
            in.next();
            s.dataType(DataType.VERDICT);
            return;
        }
        final Stmt.ObjKind obj = objKind(d.text(), in.peek(1).text());
        if (obj != null) {
            in.next();
            if (d.is("ct")) {
                in.next();
            }
            s.dataType(DataType.STRING);
            s.dataObject(obj);
            return;
        }
        if (typeofParser != null) {
            s.dataType(NftExprParser.types(typeofParser.left()).get(0));
        } else {
            s.dataType(dataType(in.next()));
            if (in.accept(".")) {
                // NAT's addr . port: the elements' data read as in an anonymous map
                final boolean addr = s.dataType() == DataType.IPV4_ADDR || s.dataType() == DataType.IPV6_ADDR;
                if (!addr || !in.peek().is("inet_service")) {
                    throw NftCursor.fail(in.peek(), "concatenated map data other than ipv4_addr . inet_service or"
                            + " ipv6_addr . inet_service (NAT's address and port) is not modelled");
                }
                in.next();
            }
        }
    }

    private static Stmt.ObjKind objKind(final String w, final String w2) {
        switch (w) {
            case "counter": return Stmt.ObjKind.COUNTER;
            case "quota": return Stmt.ObjKind.QUOTA;
            case "limit": return Stmt.ObjKind.LIMIT;
            case "ct":
                return w2.equals("helper") ? Stmt.ObjKind.CT_HELPER : w2.equals("timeout") ? Stmt.ObjKind.CT_TIMEOUT
                        : w2.equals("expectation") ? Stmt.ObjKind.CT_EXPECTATION : null;
            default: return null;
        }
    }

    private static DataType dataType(final Token t) {
        final DataType d = DataType.byNftName(t.text());
        if (d == null) {
            throw NftCursor.fail(t, "set type not modelled");
        }
        return d;
    }

    /** Elements of a named set, after its '{'; checks ranges need {@code flags interval}. */
    List<Expr.Element> elements(final NamedSet s) {
        final List<Expr.Element> out = new NftExprParser(in, parser).elements(s.keyType(), s.dataType());
        for (final Expr.Element e : out) {
            if (!s.flags().contains(NamedSet.Flag.INTERVAL) && hasInterval(e.key())) {
                throw new ParseFailure(e.pos(), "set " + s.name() + " needs 'flags interval' for prefix or range elements");
            }
            if (s.dataObject() != null && e.data() instanceof Expr.Str str) {
                parser.object(s.dataObject(), str.value(), str.pos());
            }
        }
        return out;
    }

    private static boolean hasInterval(final Expr e) {
        if (e instanceof Expr.Concat c) {
            return c.parts().stream().anyMatch(NftDecls::hasInterval);
        }
        return e instanceof Expr.Prefix || e instanceof Expr.Range;
    }

    private void flowtable(final Table t, final Token name) {
        Hook hook = null;
        int prio = 0;
        final List<String> devices = new ArrayList<>();
        boolean offload = false;
        boolean counter = false;
        while (!in.blockEnds("flowtable " + name.text())) {
            final Token k = in.next();
            switch (k.text()) {
                case "hook": {
                    final Token h = in.name("hook");
                    hook = Hook.of(h.text());
                    if (hook != Hook.INGRESS) {
                        throw NftCursor.fail(h, "a flowtable hooks ingress");
                    }
                    in.expect("priority");
                    prio = priority(t.family(), hook);
                    break;
                }
                case "devices":
                    in.expect("=");
                    in.expect("{");
                    do {
                        in.skipNewlines();
                        devices.add(in.name("device").text());
                        in.skipNewlines();
                    } while (in.accept(","));
                    in.expect("}");
                    break;
                case "counter": counter = true; break;
                case "flags":
                    offload = in.expect("offload") != null;
                    break;
                default:
                    throw NftCursor.fail(k, "flowtable property not modelled");
            }
        }
        if (hook == null) {
            throw new ParseFailure(name.pos(), "flowtable " + name.text() + " has no hook");
        }
        t.flowtables().put(name.text(), new Flowtable(name.text(), hook, prio, devices, offload, counter, name.pos()));
    }

    long number() {
        return in.number();
    }

    /** Collects {@code key value} pairs of a {@code ct timeout} policy block. */
    /**
     * nft sends a policy's timeout as 32-bit seconds (NFTA_CT_TIMEOUT_DATA, u32): nft 1.0.6 loads
     * 4294967296 and the kernel lists it as 0 (measured on Linux 6.18), so anything larger would
     * silently be another timeout; it is refused here instead.
     */
    private static long policyTime(final Token at, final long ms) {
        if (ms / 1000 > 0xFFFF_FFFFL) {
            throw NftCursor.fail(at, "value too large: a ct timeout holds at most 4294967295 seconds");
        }
        return ms;
    }

    Map<String, Long> policy() {
        final Map<String, Long> out = new LinkedHashMap<>();
        in.expect("=");
        in.expect("{");
        final NftExprParser ex = new NftExprParser(in, parser);
        do {
            in.skipNewlines();
            // "established: 120", as the nft wiki and users write it, is one word to this lexer
            // (a ':' belongs to IPv6 addresses); "established : 120", as nft lists it, is three.
            final Token t = in.name("state");
            final int colon = t.text().indexOf(':');
            if (colon < 0) {
                in.expect(":");
                final Token v = in.peek();
                out.put(t.text(), policyTime(v, ex.time()));
            } else if (colon == t.text().length() - 1) {
                final Token v = in.peek();
                out.put(t.text().substring(0, colon), policyTime(v, ex.time()));
            } else {
                final long ms = Values.timeMs(t.text().substring(colon + 1));
                if (ms < 0) {
                    throw NftCursor.fail(t, ms == Values.TOO_LARGE ? "value too large" : "expected a time such as 30s or 1h");
                }
                out.put(t.text().substring(0, colon), policyTime(t, ms));
            }
            in.skipNewlines();
        } while (in.accept(","));
        in.expect("}");
        return out;
    }
}
