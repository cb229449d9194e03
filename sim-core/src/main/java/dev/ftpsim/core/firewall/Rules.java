package dev.ftpsim.core.firewall;

import dev.ftpsim.core.conntrack.CtState;
import dev.ftpsim.core.firewall.Lexer.Kind;
import dev.ftpsim.core.firewall.Lexer.Token;
import dev.ftpsim.core.firewall.Rule.Dir;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Parses one rule in nftables' rule language, the text after {@code add rule ip filter forward}
 * or a line of a chain in {@code nft list ruleset}: e.g. {@code iif lan oif wan tcp dport 21 ct
 * state new accept}. Interface names may be bare or quoted; {@code iif} and {@code iifname} mean
 * the same here since simulated interfaces have no index.
 *
 * <p>Anything outside the supported subset is an error naming the column and what was expected,
 * never silently ignored.
 */
public final class Rules {
    private static final String EXPECTED_ITEM = "a match (iif, oif, ip saddr, ip daddr, ip protocol, tcp dport,"
            + " udp sport, ct state, ct helper, ct status), a statement (counter, log, ct helper set, comment)"
            + " or a verdict (accept, drop, reject, dnat, snat, masquerade)";

    /** Port names accepted in place of numbers, as /etc/services defines them. */
    private static final Map<String, Integer> SERVICES = Map.of(
            "ftp-data", 20, "ftp", 21, "ssh", 22, "telnet", 23, "smtp", 25, "domain", 53, "http", 80,
            "https", 443);

    private Rules() {}

    /** Parses a one-line rule; {@code source} names it in errors (e.g. the scenario key path). */
    public static Rule parse(final String text, final String source) {
        final Cursor c = new Cursor(new Lexer.Stream(text, source, 1), source);
        final Rule r = parseRule(c, text.strip());
        if (c.peek().kind() != Kind.EOF) {
            throw c.error(c.peek(), "unexpected " + c.peek().describe() + ": a rule is one line");
        }
        return r;
    }

    /** Parses the rule starting at the cursor, up to a newline, ';', '}' or the end. */
    /**
     * A rule's source line as reports show it: tokens joined by one space, a comma attached to the
     * word before it, comments dropped; the line as written if it does not lex.
     */
    public static String display(final String line) {
        final Lexer.Stream in = new Lexer.Stream(line, "", 1);
        final StringBuilder sb = new StringBuilder();
        int depth = 0;
        try {
            for (int i = 0; ; i++) {
                final Lexer.Token x = in.get(i);
                if (x.kind() == Lexer.Kind.EOF || x.kind() == Lexer.Kind.NEWLINE || x.kind() == Lexer.Kind.SEMI
                        || x.kind() == Lexer.Kind.RBRACE && depth == 0) {
                    break;
                }
                depth += x.kind() == Lexer.Kind.LBRACE ? 1 : x.kind() == Lexer.Kind.RBRACE ? -1 : 0;
                if (sb.length() > 0 && x.kind() != Lexer.Kind.COMMA) {
                    sb.append(' ');
                }
                sb.append(x.kind() == Lexer.Kind.STRING ? "\"" + x.text() + "\"" : x.text());
            }
        } catch (final RuleSyntaxException e) {
            return line.strip();
        }
        return sb.toString();
    }

    static Rule parseRule(final Cursor c, final String text) {
        final List<Rule.Match> matches = new ArrayList<>();
        final List<Rule.Statement> statements = new ArrayList<>();
        Rule.Verdict verdict = null;
        Token verdictToken = null;
        String comment = null;
        if (c.atRuleEnd()) {
            throw c.error(c.peek(), "empty rule: expected " + EXPECTED_ITEM);
        }
        while (!c.atRuleEnd()) {
            final Token t = c.next();
            if (t.kind() != Kind.WORD) {
                throw c.error(t, "unexpected " + t.describe() + ": expected " + EXPECTED_ITEM);
            }
            if (verdict != null && !t.is("comment")) {
                throw c.error(t, "unexpected " + t.describe() + ": nothing may follow the verdict "
                        + verdictToken.describe() + " except a comment");
            }
            switch (t.text()) {
                case "iif", "iifname" -> matches.add(new Rule.Iface(true, null, false).withName(c));
                case "oif", "oifname" -> matches.add(new Rule.Iface(false, null, false).withName(c));
                case "ip" -> matches.add(parseIp(c));
                case "meta" -> matches.add(parseMeta(c));
                case "tcp", "udp" -> matches.add(parsePort(c, t));
                case "ct" -> {
                    final Object o = parseCt(c);
                    if (o instanceof Rule.Match m) {
                        matches.add(m);
                    } else {
                        statements.add((Rule.Statement) o);
                    }
                }
                case "counter" -> statements.add(parseCounter(c));
                case "log" -> statements.add(parseLog(c));
                case "comment" -> comment = c.string("the comment text in quotes");
                case "accept" -> verdict = new Rule.Accept();
                case "drop" -> verdict = new Rule.Drop();
                case "reject" -> verdict = parseReject(c);
                case "dnat" -> verdict = parseDnat(c);
                case "snat" -> verdict = parseSnat(c);
                case "masquerade" -> verdict = parseMasquerade(c);
                case "jump", "goto", "return", "continue", "queue", "notrack", "limit", "quota", "mark",
                        "set", "map", "vmap", "redirect", "tproxy", "fwd", "dup" -> throw c.error(t,
                        "'" + t.text() + "' is not supported by ftpsim; supported are " + EXPECTED_ITEM);
                default -> throw c.error(t, "unexpected " + t.describe() + ": expected " + EXPECTED_ITEM);
            }
            if (verdict != null && verdictToken == null) {
                verdictToken = t;
            }
        }
        return new Rule(text, matches, statements, verdict, comment);
    }

    private static Rule.Match parseIp(final Cursor c) {
        final Token t = c.next();
        if (t.is("saddr") || t.is("daddr")) {
            final boolean neg = c.negation();
            return new Rule.Addr(t.is("saddr") ? Dir.SRC : Dir.DST, parsePrefixes(c), neg);
        }
        if (t.is("protocol")) {
            final boolean neg = c.negation();
            return new Rule.Proto(protocol(c, c.next()), neg);
        }
        throw c.error(t, "unexpected " + t.describe() + " after 'ip': expected saddr, daddr or protocol");
    }

    private static Rule.Match parseMeta(final Cursor c) {
        final Token t = c.next();
        if (t.is("l4proto")) {
            final boolean neg = c.negation();
            return new Rule.Proto(protocol(c, c.next()), neg);
        }
        if (t.is("iifname") || t.is("oifname")) {
            return new Rule.Iface(t.is("iifname"), null, false).withName(c);
        }
        throw c.error(t, "unexpected " + t.describe() + " after 'meta': expected l4proto, iifname or oifname");
    }

    private static int protocol(final Cursor c, final Token t) {
        return switch (t.text()) {
            case "tcp", "6" -> 6;
            case "udp", "17" -> 17;
            case "icmp", "1" -> 1;
            default -> throw c.error(t, "unknown protocol " + t.describe() + ": expected tcp, udp or icmp");
        };
    }

    private static Rule.Match parsePort(final Cursor c, final Token proto) {
        final Token t = c.next();
        if (!t.is("sport") && !t.is("dport")) {
            throw c.error(t, "unexpected " + t.describe() + " after '" + proto.text() + "': expected sport or dport"
                    + (t.is("flags") ? " ('tcp flags' is not supported)" : ""));
        }
        final boolean neg = c.negation();
        final List<Rule.PortRange> ranges = new ArrayList<>();
        if (c.peek().kind() == Kind.LBRACE) {
            c.next();
            do {
                ranges.add(portRange(c, c.next()));
            } while (c.commaOrClose());
        } else {
            ranges.add(portRange(c, c.next()));
        }
        return new Rule.Port(proto.is("tcp") ? 6 : 17, t.is("sport") ? Dir.SRC : Dir.DST, ranges, neg);
    }

    private static Rule.PortRange portRange(final Cursor c, final Token t) {
        if (t.kind() != Kind.WORD) {
            throw c.error(t, "unexpected " + t.describe() + ": expected a port, a range like 1024-65535 or a set"
                    + " like { 20, 21 }");
        }
        final String s = t.text();
        final int dash = s.indexOf('-', 1);
        if (dash > 0 && !SERVICES.containsKey(s)) {
            final int lo = port(c, t, s.substring(0, dash));
            final int hi = port(c, t, s.substring(dash + 1));
            if (lo > hi) {
                throw c.error(t, "port range " + s + " is empty: its start is above its end");
            }
            return new Rule.PortRange(lo, hi);
        }
        final int p = port(c, t, s);
        return new Rule.PortRange(p, p);
    }

    private static int port(final Cursor c, final Token t, final String s) {
        final Integer named = SERVICES.get(s);
        if (named != null) {
            return named;
        }
        try {
            final int p = Integer.parseInt(s);
            if (p >= 0 && p <= 65535) {
                return p;
            }
        } catch (final NumberFormatException e) {
            // fall through
        }
        throw c.error(t, "bad port '" + s + "': expected a number 0-65535, a range like 1024-65535, or one of "
                + String.join(", ", new java.util.TreeSet<>(SERVICES.keySet())));
    }

    private static List<Rule.Prefix4> parsePrefixes(final Cursor c) {
        final List<Rule.Prefix4> out = new ArrayList<>();
        if (c.peek().kind() == Kind.LBRACE) {
            c.next();
            do {
                out.add(prefix(c, c.next()));
            } while (c.commaOrClose());
        } else {
            out.add(prefix(c, c.next()));
        }
        return out;
    }

    static Rule.Prefix4 prefix(final Cursor c, final Token t) {
        final String s = t.text();
        final int slash = s.indexOf('/');
        final int addr = ip(c, t, slash < 0 ? s : s.substring(0, slash));
        int len = 32;
        if (slash >= 0) {
            try {
                len = Integer.parseInt(s.substring(slash + 1));
            } catch (final NumberFormatException e) {
                len = -1;
            }
            if (len < 0 || len > 32) {
                throw c.error(t, "bad prefix length in '" + s + "': expected /0 to /32");
            }
        }
        final int mask = len == 0 ? 0 : -1 << (32 - len);
        return new Rule.Prefix4(addr & mask, len);
    }

    static int ip(final Cursor c, final Token t, final String s) {
        final long a = dev.ftpsim.core.net.Ipv4.tryParse(s);
        if (a == dev.ftpsim.core.net.Ipv4.INVALID) {
            throw c.error(t, "bad IPv4 address '" + s + "': expected four numbers 0-255 like 192.0.2.1");
        }
        return (int) a;
    }

    private static Object parseCt(final Cursor c) {
        final Token t = c.next();
        switch (t.text()) {
            case "state" -> {
                final boolean neg = c.negation();
                int bits = 0;
                final boolean braced = c.peek().kind() == Kind.LBRACE;
                if (braced) {
                    c.next();
                }
                do {
                    final Token s = c.next();
                    // "new,established" without spaces arrives as one word.
                    for (final String part : s.text().split(",")) {
                        final int b = s.kind() == Kind.WORD ? CtState.bit(part) : 0;
                        if (b == 0) {
                            throw c.error(s, "unknown conntrack state '" + part
                                    + "': expected new, established, related, invalid or untracked");
                        }
                        bits |= b;
                    }
                } while (braced ? c.commaOrClose() : c.comma());
                return new Rule.CtStateIs(bits, neg);
            }
            case "helper" -> {
                if (c.peek().is("set")) {
                    c.next();
                    return new Rule.CtHelperSet(c.name("a helper name, e.g. \"ftp\""));
                }
                final boolean neg = c.negation();
                return new Rule.CtHelperIs(c.name("a helper name, e.g. \"ftp\""), neg);
            }
            case "status" -> {
                boolean dnat = false;
                boolean snat = false;
                do {
                    final Token s = c.next();
                    for (final String part : s.text().split(",")) {
                        if (part.equals("dnat")) {
                            dnat = true;
                        } else if (part.equals("snat")) {
                            snat = true;
                        } else {
                            throw c.error(s, "unsupported conntrack status '" + part + "': expected dnat or snat");
                        }
                    }
                } while (c.comma());
                return new Rule.CtStatusIs(dnat, snat);
            }
            default -> throw c.error(t, "unexpected " + t.describe() + " after 'ct': expected state, status or helper");
        }
    }

    private static Rule.Statement parseCounter(final Cursor c) {
        if (c.peek().is("name")) {
            c.next();
            return new Rule.Counter(c.name("a counter name"));
        }
        // "counter packets 12 bytes 3456", as nft list ruleset prints: the values restart at zero.
        if (c.peek().is("packets")) {
            c.next();
            c.number("a packet count");
            c.expectWord("bytes");
            c.number("a byte count");
        }
        return new Rule.Counter(null);
    }

    private static Rule.Statement parseLog(final Cursor c) {
        String prefix = null;
        while (c.peek().is("prefix") || c.peek().is("level")) {
            final Token t = c.next();
            final String v = c.name(t.is("prefix") ? "the log prefix in quotes" : "a log level");
            if (t.is("prefix")) {
                prefix = v;
            }
        }
        return new Rule.Log(prefix);
    }

    private static Rule.Verdict parseReject(final Cursor c) {
        if (!c.peek().is("with")) {
            return new Rule.Reject(false, 3);
        }
        c.next();
        final Token kind = c.next();
        if (kind.is("tcp")) {
            c.expectWord("reset");
            return new Rule.Reject(true, -1);
        }
        if (kind.is("icmp") || kind.is("icmpx")) {
            if (c.peek().is("type")) {
                c.next();
            }
            final Token code = c.next();
            final int v = switch (code.text()) {
                case "net-unreachable", "no-route" -> 0;
                case "host-unreachable", "addr-unreachable" -> 1;
                case "prot-unreachable" -> 2;
                case "port-unreachable" -> 3;
                case "net-prohibited" -> 9;
                case "host-prohibited" -> 10;
                case "admin-prohibited" -> 13;
                default -> throw c.error(code, "unknown ICMP reject type " + code.describe() + ": expected"
                        + " port-unreachable, host-unreachable, net-unreachable, prot-unreachable,"
                        + " net-prohibited, host-prohibited or admin-prohibited");
            };
            return new Rule.Reject(false, v);
        }
        throw c.error(kind, "unexpected " + kind.describe() + " after 'reject with': expected 'tcp reset' or"
                + " 'icmp TYPE'");
    }

    /** "[ip] to TARGET" after dnat/snat: the target token. */
    private static Token natTarget(final Cursor c) {
        if (c.peek().is("ip")) {
            c.next();
        }
        c.expectWord("to");
        return c.next();
    }

    private static Rule.Verdict parseDnat(final Cursor c) {
        final Token t = natTarget(c);
        final String s = t.text();
        final int colon = s.indexOf(':');
        final int addr = ip(c, t, colon < 0 ? s : s.substring(0, colon));
        final int port = colon < 0 ? -1 : port(c, t, s.substring(colon + 1));
        return new Rule.Dnat(addr, port);
    }

    private static Rule.Verdict parseSnat(final Cursor c) {
        final Token t = natTarget(c);
        final String s = t.text();
        final int colon = s.indexOf(':');
        final int addr = ip(c, t, colon < 0 ? s : s.substring(0, colon));
        if (colon < 0) {
            return new Rule.Snat(addr, -1, -1);
        }
        final Rule.PortRange r = portRange(c, new Token(Kind.WORD, s.substring(colon + 1), t.line(),
                t.column() + colon + 1));
        return new Rule.Snat(addr, r.lo(), r.hi());
    }

    private static Rule.Verdict parseMasquerade(final Cursor c) {
        if (!c.peek().is("to")) {
            return new Rule.Masquerade(-1, -1);
        }
        c.next();
        final Token t = c.next();
        if (!t.text().startsWith(":")) {
            throw c.error(t, "unexpected " + t.describe() + " after 'masquerade to': expected a port range like"
                    + " :1024-65535");
        }
        final Rule.PortRange r = portRange(c, new Token(Kind.WORD, t.text().substring(1), t.line(), t.column() + 1));
        return new Rule.Masquerade(r.lo(), r.hi());
    }

    /** A position in a token list, with helpers that raise located errors. */
    static final class Cursor {
        private final Lexer.Stream tokens;
        private final String source;
        private int pos;

        Cursor(final Lexer.Stream tokens, final String source) {
            this.tokens = tokens;
            this.source = source;
        }

        Token peek() {
            return tokens.get(pos);
        }

        /** The token {@code k} ahead, or EOF past the end. */
        Token peekAhead(final int k) {
            return tokens.get(pos + k);
        }

        Token next() {
            final Token t = tokens.get(pos);
            if (t.kind() != Kind.EOF) {
                pos++;
                tokens.release(pos);
            }
            return t;
        }

        boolean atRuleEnd() {
            final Kind k = peek().kind();
            return k == Kind.EOF || k == Kind.NEWLINE || k == Kind.SEMI || k == Kind.RBRACE;
        }

        boolean negation() {
            if (peek().is("!=")) {
                next();
                return true;
            }
            if (peek().is("==")) {
                next();
            }
            return false;
        }

        boolean comma() {
            if (peek().kind() == Kind.COMMA) {
                next();
                return true;
            }
            return false;
        }

        /** Inside a set: true after ',', false after '}'. */
        boolean commaOrClose() {
            final Token t = next();
            if (t.kind() == Kind.COMMA) {
                if (peek().kind() == Kind.RBRACE) {
                    next();
                    return false;
                }
                return true;
            }
            if (t.kind() == Kind.RBRACE) {
                return false;
            }
            throw error(t, "unexpected " + t.describe() + " in a set: expected ',' or '}'");
        }

        String name(final String what) {
            final Token t = next();
            if (t.kind() != Kind.WORD && t.kind() != Kind.STRING) {
                throw error(t, "unexpected " + t.describe() + ": expected " + what);
            }
            return t.text();
        }

        String string(final String what) {
            final Token t = next();
            if (t.kind() != Kind.STRING) {
                throw error(t, "unexpected " + t.describe() + ": expected " + what);
            }
            return t.text();
        }

        long number(final String what) {
            final Token t = next();
            try {
                return Long.parseLong(t.text());
            } catch (final NumberFormatException e) {
                throw error(t, "unexpected " + t.describe() + ": expected " + what);
            }
        }

        void expectWord(final String word) {
            final Token t = next();
            if (!t.is(word)) {
                throw error(t, "unexpected " + t.describe() + ": expected '" + word + "'");
            }
        }

        RuleSyntaxException error(final Token t, final String problem) {
            return new RuleSyntaxException(source, t.line(), t.column(), problem);
        }
    }
}
